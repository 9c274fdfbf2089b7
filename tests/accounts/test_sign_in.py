"""Signing in: password, second factor for safeguarding roles, lockout, sessions."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.client import BrowserClient, current_code
from ymateb.accounts.models import User
from ymateb.tenancy.models import Membership, Role
from ymateb.web.demo import DEMO_PASSWORD

pytestmark = pytest.mark.django_db

WRONG = "The email address or password is not right"


def post_password(client: Client, email: str, password: str = DEMO_PASSWORD):
    return client.post("/sign-in/", {"email": email, "password": password})


def assert_shows(response: Any, *texts: str, status: int = 200) -> str:
    """The response has that status and its page shows every one of the texts; its HTML."""
    assert response.status_code == status
    html = response.content.decode()
    assert [text for text in texts if text not in html] == []
    return html


def test_sign_in_page_is_gov_uk_styled_and_in_english(client: Client) -> None:
    assert_shows(
        client.get("/sign-in/"),
        'class="govuk-template"',
        "govuk-frontend.min.css",
        'lang="en"',
        "Skip to main content",
    )


def test_staff_member_signs_in_with_password_only(demo, client: Client) -> None:
    response = post_password(client, "staff@example.org")
    assert response.status_code == 302
    assert response["Location"] == "/dashboard/"
    assert client.get("/dashboard/").status_code == 200


def test_email_is_matched_without_regard_to_case(demo, client: Client) -> None:
    response = post_password(client, "  Staff@Example.ORG ")
    assert response["Location"] == "/dashboard/"


@pytest.mark.parametrize(
    "email",
    [
        "dsp@example.org",
        "deputy@example.org",
        "head@example.org",
        "admin@example.org",
        "oversight@example.org",
    ],
)
def test_safeguarding_roles_need_a_code_after_the_password(
    demo, client: Client, email: str
) -> None:
    response = post_password(client, email)
    assert response["Location"] == "/sign-in/code/"
    # Not signed in yet: the dashboard sends them back to sign in.
    assert client.get("/dashboard/")["Location"].startswith("/sign-in/")
    response = client.post("/sign-in/code/", {"token": current_code()})
    assert response["Location"] == "/dashboard/"
    assert client.get("/dashboard/").status_code == 200


def test_wrong_password_and_unknown_account_get_the_same_answer(demo, client: Client) -> None:
    wrong = post_password(client, "dsp@example.org", "not-the-password")
    unknown = post_password(BrowserClient(), "nobody@example.org", "not-the-password")
    assert wrong.status_code == unknown.status_code == 200
    assert WRONG in wrong.content.decode()
    assert WRONG in unknown.content.decode()
    strip = lambda html: html.replace("dsp@example.org", "X").replace("nobody@example.org", "X")  # noqa: E731
    # Apart from the typed address, the two pages are the same.
    assert strip(wrong.content.decode()).count("govuk-error") == strip(
        unknown.content.decode()
    ).count("govuk-error")


def test_missing_fields_show_the_error_summary_linked_to_fields(client: Client) -> None:
    assert_shows(
        client.post("/sign-in/", {"email": "", "password": ""}),
        "There is a problem",
        'href="#id_email"',
        'href="#id_password"',
        "<title>Error:",
    )


def test_wrong_code_is_refused_and_does_not_sign_in(demo, client: Client) -> None:
    post_password(client, "dsp@example.org")
    good = current_code()
    bad = f"{(int(good) + 1) % 1000000:06d}"
    assert_shows(client.post("/sign-in/code/", {"token": bad}), "The security code is not right")
    assert client.get("/dashboard/").status_code == 302


def test_code_page_without_password_step_goes_back_to_sign_in(client: Client) -> None:
    response = client.get("/sign-in/code/")
    assert response["Location"] == "/sign-in/"


@pytest.mark.parametrize("email", ["dsp@example.org", "ghost@example.org"])
def test_lockout_after_repeated_failures_for_real_and_unknown_accounts(demo, email: str) -> None:
    client = BrowserClient()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        post_password(client, email, "wrong-password-123")
    response = post_password(client, email, DEMO_PASSWORD if email.startswith("dsp") else "x")
    assert_shows(response, "Sign-in is locked for now", status=429)


def test_locked_account_cannot_sign_in_even_with_the_right_password(demo) -> None:
    client = BrowserClient()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        post_password(client, "staff@example.org", "wrong-password-123")
    response = post_password(client, "staff@example.org")
    assert response.status_code == 429
    assert client.get("/dashboard/").status_code == 302


def test_wrong_codes_count_towards_lockout(demo) -> None:
    client = BrowserClient()
    post_password(client, "dsp@example.org")
    good = current_code()
    bad = f"{(int(good) + 500000) % 1000000:06d}"
    statuses = [
        client.post("/sign-in/code/", {"token": bad}).status_code
        for _ in range(settings.AXES_FAILURE_LIMIT)
    ]
    assert statuses[-1] == 429


def test_session_key_changes_on_sign_in(demo, client: Client) -> None:
    client.get("/sign-in/")
    client.post("/sign-in/", {"email": "", "password": ""})
    before = client.session.session_key
    post_password(client, "staff@example.org")
    assert client.session.session_key != before


def test_sign_out_ends_the_session(sign_in) -> None:
    client = sign_in("staff@example.org")
    response = client.post("/sign-out/")
    assert response["Location"] == "/signed-out/"
    assert client.get("/dashboard/").status_code == 302


def test_sign_out_needs_post(sign_in) -> None:
    client = sign_in("staff@example.org")
    assert client.get("/sign-out/").status_code == 405
    assert client.get("/dashboard/").status_code == 200


def test_idle_timeout_is_twenty_minutes_and_refreshed_by_each_request() -> None:
    assert settings.YMATEB_SESSION_IDLE_MINUTES == 20
    assert settings.SESSION_COOKIE_AGE == 20 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST is True


def test_pages_carry_the_timeout_warning_and_keep_alive_for_signed_in_people(sign_in) -> None:
    client = sign_in("staff@example.org")
    assert_shows(
        client.get("/dashboard/"),
        'data-session-seconds="1200"',
        "You are about to be signed out",
        "Stay signed in",
    )
    assert client.post("/session/keep-alive/").status_code == 204


def test_keep_alive_refuses_when_signed_out(client: Client) -> None:
    assert client.post("/session/keep-alive/").status_code == 401


def test_expired_session_sends_to_sign_in(sign_in) -> None:
    client = sign_in("staff@example.org")
    session = client.session
    session.set_expiry(-1)
    session.save()
    assert client.get("/dashboard/")["Location"].startswith("/sign-in/")


def test_timed_out_page_explains_why(client: Client) -> None:
    assert_shows(client.get("/signed-out/?reason=timeout"), "because you did nothing for a while")


def test_gaining_a_safeguarding_role_mid_session_requires_a_code(demo, sign_in) -> None:
    client = sign_in("staff@example.org")
    staff = User.objects.get(email="staff@example.org")
    Membership.objects.create(user=staff, setting=demo, role=Role.DSP)
    response = client.get("/dashboard/")
    assert response["Location"].startswith("/sign-in/")


def test_first_sign_in_of_a_dsp_without_an_app_sets_one_up_through_a_link(
    demo, client: Client, django_capture_on_commit_callbacks
) -> None:
    from tests.accounts.helpers import link_from_mail
    from ymateb.accounts.services import issue_enrolment_link

    dsp = User.objects.get(email="dsp@example.org")
    TOTPDevice.objects.filter(user=dsp).delete()
    with django_capture_on_commit_callbacks(execute=True):
        issue_enrolment_link(dsp, by=User.objects.get(email="admin@example.org"))
    client.get(link_from_mail("dsp@example.org"))
    response = post_password(client, "dsp@example.org")
    assert response["Location"] == "/sign-in/set-up-code/"
    page = client.get("/sign-in/set-up-code/").content.decode()
    assert "<svg" in page and "Set up your authenticator app" in page
    device = TOTPDevice.objects.get(user=dsp, confirmed=False)
    from django_otp.oath import totp

    response = client.post("/sign-in/set-up-code/", {"token": f"{totp(device.bin_key):06d}"})
    assert response["Location"] == "/dashboard/"
    device.refresh_from_db()
    assert device.confirmed


def test_first_sign_in_without_a_link_sets_nothing_up(demo, client: Client) -> None:
    """Knowing the password alone enrols nothing."""
    dsp = User.objects.get(email="dsp@example.org")
    TOTPDevice.objects.filter(user=dsp).delete()
    assert post_password(client, "dsp@example.org")["Location"] == "/sign-in/set-up-code/"
    assert_shows(
        client.get("/sign-in/set-up-code/"), "Ask your installation admin for a link", status=403
    )
    assert not TOTPDevice.objects.filter(user=dsp).exists()


def test_passwords_are_hashed_with_argon2(demo) -> None:
    assert User.objects.get(email="staff@example.org").password.startswith("argon2")
