"""Sessions die when a person is disabled; signed-in pages are never cached."""

from __future__ import annotations

import pytest

from ymateb.accounts.models import User

pytestmark = pytest.mark.django_db


def test_disabling_a_user_ends_their_session_at_once(sign_in) -> None:
    client = sign_in("dsp@example.org")
    assert client.get("/dashboard/").status_code == 200
    User.objects.filter(email="dsp@example.org").update(is_active=False)
    assert client.get("/dashboard/")["Location"].startswith("/sign-in/")
    assert client.get("/incidents/")["Location"].startswith("/sign-in/")


def test_a_disabled_user_cannot_sign_in(demo, client) -> None:
    User.objects.filter(email="staff@example.org").update(is_active=False)
    response = client.post(
        "/sign-in/", {"email": "staff@example.org", "password": "Enghraifft-demo-2026"}
    )
    assert response.status_code == 200
    assert "is not right" in response.content.decode()


@pytest.mark.parametrize(
    "path", ["/dashboard/", "/incidents/", "/concerns/new/", "/records/retention/"]
)
def test_every_signed_in_page_is_no_store(sign_in, path) -> None:
    response = sign_in("dsp@example.org").get(path)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
