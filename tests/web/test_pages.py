"""The page shell, errors in plain words, headers and the health check."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client, override_settings

from tests.client import BrowserClient

pytestmark = pytest.mark.django_db


def test_healthz_reports_the_database(client: Client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_healthz_says_unavailable_when_the_database_fails(client: Client, monkeypatch) -> None:
    def broken_cursor(*args, **kwargs):
        raise RuntimeError("database down")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"


def test_unknown_url_gets_a_plain_404_page(client: Client) -> None:
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html
    assert "Traceback" not in html


def test_unknown_url_in_welsh(client: Client) -> None:
    client.post("/language/", {"language": "cy", "next": "/sign-in/"})
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert 'lang="cy"' in html
    assert "Page not found" not in html


def test_post_without_csrf_token_gets_a_clear_page_and_changes_nothing(demo) -> None:
    client = BrowserClient(enforce_csrf_checks=True)
    response = client.post("/sign-in/", {"email": "staff@example.org", "password": "x"})
    assert response.status_code == 403
    assert "This form has expired" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_server_error_page_has_no_stack_trace() -> None:
    from django.test import RequestFactory

    from ymateb.web.views import server_error

    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert "Sorry, there is a problem with the service" in html
    assert "Traceback" not in html


@override_settings(DEBUG=False)
def test_an_exception_in_a_view_renders_the_500_page(client: Client, monkeypatch) -> None:
    from ymateb.web import views

    def explode(request):
        raise RuntimeError("secret detail that must not show")

    monkeypatch.setattr(views, "roles_of", explode)
    client.raise_request_exception = False
    from ymateb.web.demo import DEMO_PASSWORD, load_demo

    load_demo()
    client.post("/sign-in/", {"email": "staff@example.org", "password": DEMO_PASSWORD})
    response = client.get("/dashboard/")
    assert response.status_code == 500
    assert "secret detail" not in response.content.decode()


def test_content_security_policy_forbids_inline_script(client: Client) -> None:
    policy = client.get("/sign-in/")["Content-Security-Policy"]
    directives = dict(
        (part.strip().split(" ", 1) + [""])[:2] for part in policy.split(";") if part.strip()
    )
    assert directives["script-src"] == "'self'"
    assert "unsafe-inline" not in policy
    assert directives["frame-ancestors"] == "'none'"


def test_templates_have_no_inline_script_or_style(client: Client, sign_in) -> None:
    signed_in = sign_in("dsp@example.org")
    for response in (client.get("/sign-in/"), signed_in.get("/dashboard/")):
        html = response.content.decode()
        assert "<script>" not in html and "<script " not in html.replace(
            '<script type="module" src=', ""
        )
        assert " style=" not in html


def test_signed_in_pages_are_not_stored(sign_in) -> None:
    client = sign_in("staff@example.org")
    assert "no-store" in client.get("/dashboard/")["Cache-Control"]


def test_language_switch_keeps_you_on_the_same_page(client: Client) -> None:
    response = client.post("/language/", {"language": "cy", "next": "/signed-out/"})
    assert response.status_code == 302
    assert response["Location"] == "/signed-out/"
    html = client.get("/signed-out/").content.decode()
    assert 'lang="cy"' in html
    assert "You have been signed out" not in html


def test_home_sends_people_to_sign_in(client: Client) -> None:
    assert client.get("/")["Location"] == "/sign-in/"


def test_database_is_the_one_configured(settings) -> None:
    """`make test` points DATABASE_URL at PostgreSQL; the suite runs on what it names."""
    import os

    url = os.environ.get("DATABASE_URL", "sqlite")
    expected = "postgresql" if url.startswith("postgres") else "sqlite"
    assert connection.vendor == expected
