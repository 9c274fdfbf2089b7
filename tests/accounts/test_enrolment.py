"""Authenticator enrolment only through a one-time link an admin issues and the person
opens (R-174: only the product's roles read a record, so a second factor cannot be set up
by whoever knows a password). A password set by an admin is replaced at the next sign-in."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.test import Client
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.accounts.helpers import (
    NEW_PASSWORD,
    admin_set_password,
    code_for,
    link_from_mail,
    post_password,
    secret_forms,
)
from tests.client import BrowserClient
from ymateb.accounts.models import EnrolmentLink, User
from ymateb.accounts.services import hash_token, issue_enrolment_link
from ymateb.audit.models import AuditAction, AuditEvent
from ymateb.web.demo import DEMO_PASSWORD

pytestmark = pytest.mark.django_db

TEMPORARY = "Admin-chosen-password-2026"  # noqa: S105 (test value)
GONE = "This link does not work any more"


def _without_device(email: str) -> User:
    user = User.objects.get(email=email)
    TOTPDevice.objects.filter(user=user).delete()
    return user


def _issue(user: User, django_capture_on_commit_callbacks) -> str:
    admin = User.objects.get(email="admin@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        issue_enrolment_link(user, by=admin)
    return link_from_mail(user.email)


def _enrol(client: Client, email: str, password: str = DEMO_PASSWORD) -> tuple[TOTPDevice, str]:
    """Sign in after opening a link and set up the app; returns the device and the page."""
    assert post_password(client, email, password)["Location"] == "/sign-in/set-up-code/"
    page = client.get("/sign-in/set-up-code/").content.decode()
    assert "ymateb-qr" in page and "Set up your authenticator app" in page
    device = TOTPDevice.objects.get(user__email=email, confirmed=False)
    response = client.post("/sign-in/set-up-code/", {"token": code_for(device)})
    assert response["Location"] == "/dashboard/"
    device.refresh_from_db()
    assert device.confirmed
    return device, page


def test_admin_issues_a_link_by_email_and_in_demo_mode_shows_it_once(
    demo, sign_in, django_capture_on_commit_callbacks
) -> None:
    admin = sign_in("admin@example.org")
    dsp = _without_device("dsp@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post(
            "/admin/accounts/user/",
            {"action": "send_enrolment_link", "_selected_action": [dsp.pk]},
            follow=True,
        )
    path = link_from_mail("dsp@example.org")
    html = response.content.decode()
    assert path in html  # demo mode only (see the attack tests for production)
    assert path not in admin.get("/admin/accounts/user/").content.decode()  # once
    body = mail.outbox[-1].body
    assert "Ymateb" in body and "72" in body
    link = EnrolmentLink.objects.get(user=dsp)
    assert link.token_hash == hash_token(path.split("/")[-2])
    assert path.split("/")[-2] not in link.token_hash  # only the hash is stored
    event = AuditEvent.objects.get(action=AuditAction.ISSUE_ENROLMENT_LINK)
    assert event.object_id == str(dsp.pk) and "dsp@example.org" not in str(event.detail)


def test_the_person_enrols_through_the_link_once_and_the_key_is_never_shown_again(
    demo, sign_in, django_capture_on_commit_callbacks
) -> None:
    dsp = _without_device("dsp@example.org")
    path = _issue(dsp, django_capture_on_commit_callbacks)
    client = BrowserClient()
    response = client.get(path)
    assert response["Location"] == "/sign-in/"
    assert "Sign in to set up your authenticator app" in client.get("/sign-in/").content.decode()
    device, set_up_page = _enrol(client, "dsp@example.org")
    secrets = secret_forms(device)
    assert any(s in set_up_page for s in secrets)  # shown while it is being set up
    assert AuditEvent.objects.filter(action=AuditAction.ENROL, object_id=str(dsp.pk)).exists()
    assert EnrolmentLink.objects.get(user=dsp).used_at is not None

    # After enrolment no page shows the key: the person's pages and every admin page.
    pages = [client.get(p) for p in ("/dashboard/", "/sign-in/set-up-code/", "/sign-in/code/")]
    admin = sign_in("admin@example.org")
    pages += [
        admin.get(p)
        for p in (
            "/admin/",
            "/admin/accounts/user/",
            f"/admin/accounts/user/{dsp.pk}/change/",
            f"/admin/accounts/user/{dsp.pk}/password/",
            "/admin/otp_totp/totpdevice/",
            f"/admin/otp_totp/totpdevice/{device.pk}/change/",
        )
    ]
    for page in pages:
        html = page.content.decode()
        for secret in secrets:
            assert secret not in html

    # Single use: the link does not work again, signed in or not.
    again = BrowserClient().get(path)
    assert again.status_code == 404 and GONE in again.content.decode()


def test_an_expired_link_enrols_nothing(demo, django_capture_on_commit_callbacks) -> None:
    dsp = _without_device("dsp@example.org")
    path = _issue(dsp, django_capture_on_commit_callbacks)
    EnrolmentLink.objects.filter(user=dsp).update(expires_at=timezone.now() - timedelta(minutes=1))
    client = BrowserClient()
    response = client.get(path)
    assert response.status_code == 404 and GONE in response.content.decode()
    post_password(client, "dsp@example.org", DEMO_PASSWORD)
    assert client.get("/sign-in/set-up-code/").status_code == 403
    assert not TOTPDevice.objects.filter(user=dsp).exists()


def test_a_link_that_expires_after_it_was_opened_enrols_nothing(
    demo, django_capture_on_commit_callbacks
) -> None:
    dsp = _without_device("dsp@example.org")
    path = _issue(dsp, django_capture_on_commit_callbacks)
    client = BrowserClient()
    client.get(path)
    EnrolmentLink.objects.filter(user=dsp).update(expires_at=timezone.now() - timedelta(minutes=1))
    post_password(client, "dsp@example.org", DEMO_PASSWORD)
    assert client.get("/sign-in/set-up-code/").status_code == 403
    assert not TOTPDevice.objects.filter(user=dsp).exists()


def test_a_newer_link_replaces_the_older_one(demo, django_capture_on_commit_callbacks) -> None:
    dsp = _without_device("dsp@example.org")
    first = _issue(dsp, django_capture_on_commit_callbacks)
    second = _issue(dsp, django_capture_on_commit_callbacks)
    assert first != second
    assert BrowserClient().get(first).status_code == 404
    assert BrowserClient().get(second).status_code == 302


def test_one_persons_link_does_not_enrol_another(demo, django_capture_on_commit_callbacks) -> None:
    dsp = _without_device("dsp@example.org")
    deputy = _without_device("deputy@example.org")
    path = _issue(dsp, django_capture_on_commit_callbacks)
    client = BrowserClient()
    client.get(path)
    post_password(client, "deputy@example.org", DEMO_PASSWORD)
    page = client.get("/sign-in/set-up-code/")
    assert page.status_code == 403
    assert "Ask your installation admin for a link" in page.content.decode()
    assert not TOTPDevice.objects.filter(user__in=[dsp, deputy]).exists()


def test_the_ask_for_a_link_page_is_in_welsh(demo, client: Client) -> None:
    _without_device("dsp@example.org")
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "cy"
    post_password(client, "dsp@example.org", DEMO_PASSWORD)
    page = client.get("/sign-in/set-up-code/").content.decode()
    assert 'lang="cy"' in page
    assert "Ask your installation admin for a link" not in page
    assert "dilysu" in page.lower()  # the Welsh page names the authenticator app


def test_password_set_by_an_admin_is_replaced_and_the_person_re_enrols(
    demo, sign_in, django_capture_on_commit_callbacks
) -> None:
    admin = sign_in("admin@example.org")
    dsp = User.objects.get(email="dsp@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        assert admin_set_password(admin, dsp, TEMPORARY).status_code == 302
    assert AuditEvent.objects.filter(
        action=AuditAction.RESET_PASSWORD, object_id=str(dsp.pk)
    ).exists()
    path = link_from_mail("dsp@example.org")
    client = BrowserClient()
    client.get(path)
    _enrol(client, "dsp@example.org", TEMPORARY)
    # Signed in, but nothing opens until the person chooses their own password.
    assert client.get("/incidents/")["Location"] == "/sign-in/new-password/"
    page = client.get("/sign-in/new-password/").content.decode()
    assert "Choose a new password" in page
    same = client.post(
        "/sign-in/new-password/", {"new_password": TEMPORARY, "confirm_password": TEMPORARY}
    )
    assert "different from the one you were given" in same.content.decode()
    mismatch = client.post(
        "/sign-in/new-password/",
        {"new_password": NEW_PASSWORD, "confirm_password": NEW_PASSWORD + "x"},
    )
    assert "The two passwords are not the same" in mismatch.content.decode()
    short = client.post(
        "/sign-in/new-password/", {"new_password": "short", "confirm_password": "short"}
    )
    assert short.status_code == 200 and "There is a problem" in short.content.decode()
    dsp.refresh_from_db()
    assert dsp.must_change_password and dsp.check_password(TEMPORARY)
    response = client.post(
        "/sign-in/new-password/", {"new_password": NEW_PASSWORD, "confirm_password": NEW_PASSWORD}
    )
    assert response["Location"] == "/dashboard/"
    dsp.refresh_from_db()
    assert not dsp.must_change_password and dsp.check_password(NEW_PASSWORD)
    assert client.get("/incidents/").status_code == 200


def test_a_new_account_made_in_the_admin_chooses_its_own_password(demo, sign_in) -> None:
    from tests.accounts.helpers import admin_add_user

    admin = sign_in("admin@example.org")
    person = admin_add_user(admin, "new-staff@example.org", TEMPORARY)
    assert person.must_change_password


def test_the_first_admin_gets_a_link_on_the_server(
    demo, django_capture_on_commit_callbacks
) -> None:
    """A new installation's first admin has no other admin to ask: the server command
    prints their link (and emails it); for anyone else it only emails it."""
    from io import StringIO

    from django.core.management import CommandError, call_command

    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("enrolment_link", "admin@example.org", stdout=out)
    assert link_from_mail("admin@example.org") in out.getvalue()
    out = StringIO()
    call_command("enrolment_link", "dsp@example.org", stdout=out)
    assert "/sign-in/set-up/" not in out.getvalue()
    with pytest.raises(CommandError):
        call_command("enrolment_link", "nobody@example.org")
    assert AuditEvent.objects.filter(action=AuditAction.ISSUE_ENROLMENT_LINK).count() == 2


def test_a_mail_server_failure_logs_no_link_and_gives_no_error_page(
    demo, sign_in, monkeypatch, caplog, django_capture_on_commit_callbacks
) -> None:
    import ymateb.accounts.services as services

    def refuse(*args, **kwargs):
        raise OSError("mail server down")

    monkeypatch.setattr(services, "send_mail", refuse)
    admin = sign_in("admin@example.org")
    dsp = User.objects.get(email="dsp@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post(
            "/admin/accounts/user/",
            {"action": "send_enrolment_link", "_selected_action": [dsp.pk]},
        )
    assert response.status_code == 302
    assert "could not be sent" in caplog.text
    assert "/sign-in/set-up/" not in caplog.text and "dsp@example.org" not in caplog.text
