"""In real Chromium, with axe-core in English and Welsh: the pages a person meets when an
admin has set their password or they have no authenticator yet, and the leadership's
People and roles page where a proposed DSP role is confirmed."""

from __future__ import annotations

import pytest

from tests.client import current_code
from ymateb.web.demo import DEMO_PASSWORD

pytestmark = [pytest.mark.system, pytest.mark.django_db(transaction=True)]

NEW_PASSWORD = "A-new-long-passphrase-2026"  # noqa: S105 (test value)


def _switch_to_welsh(page) -> None:
    with page.expect_navigation():
        page.click("button:has-text('Cymraeg')")
    assert page.locator("html").get_attribute("lang") == "cy"


def _password(page, base_url: str, email: str, password: str = DEMO_PASSWORD) -> None:
    page.goto(f"{base_url}/sign-in/")
    page.fill("#id_email", email)
    page.fill("#id_password", password)
    with page.expect_navigation():
        page.click("main button[type=submit]")


def test_people_and_roles_new_password_and_ask_for_a_link(journey) -> None:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from ymateb.accounts import services as services_accounts
    from ymateb.accounts.models import User
    from ymateb.tenancy import services
    from ymateb.tenancy.models import Membership
    from ymateb.web.demo import load_demo

    setting = load_demo()
    admin = User.objects.get(email="admin@example.org")
    deputy = User.objects.get(email="deputy@example.org")
    # An admin proposes a DSP role for the deputy; the head confirms it.
    grant = services.grant(Membership(user=deputy, setting=setting, role="dsp"), by=admin)
    User.objects.filter(email="staff@example.org").update(must_change_password=True)
    _link, staff_link = services_accounts.issue_enrolment_link(
        User.objects.get(email="staff@example.org"), by=admin, base_url="http://testserver"
    )
    TOTPDevice.objects.filter(user__email="dsp@example.org").delete()

    j = journey("accounts")
    # Leadership: from the dashboard to People and roles, then confirm.
    page = j.sign_in("head")
    with page.expect_navigation():
        page.click("a:has-text('People and roles')")
    j.scan("head")
    assert "Waiting for confirmation" in page.content()
    j.shot("head", "people-and-roles-pending")
    j.submit("head", "button:has-text('Confirm')")
    assert "The role is confirmed" in page.content()
    j.shot("head", "people-and-roles-confirmed")
    grant.refresh_from_db()
    assert grant.confirmed_by_id == User.objects.get(email="head@example.org").pk
    _switch_to_welsh(page)
    j.scan("head", "cy")
    assert "Pobl a rolau" in page.content()

    # A password the admin set: the person chooses their own before anything else.
    page = j.new_page("staff")
    _password(page, j.base_url, "staff@example.org")
    assert "First open the link in the email sent to you" in page.content()
    j.shot("staff", "password-set-by-admin-needs-the-link")
    # The person opens the link in the email they were sent, then signs in.
    page.goto(staff_link.replace("http://testserver", j.base_url))
    _password(page, j.base_url, "staff@example.org")
    assert page.url.endswith("/sign-in/new-password/"), page.url
    j.scan("staff")
    j.shot("staff", "new-password")
    page.fill("#id_new_password", "short")
    page.fill("#id_confirm_password", "short")
    j.submit("staff", "button:has-text('Save new password')")
    assert "There is a problem" in page.content()
    _switch_to_welsh(page)
    j.scan("staff", "cy")
    page.fill("#id_new_password", NEW_PASSWORD)
    page.fill("#id_confirm_password", NEW_PASSWORD)
    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert page.url.endswith("/dashboard/"), page.url

    # No authenticator and no link: a plain page says what to do, in both languages.
    page = j.new_page("dsp")
    _password(page, j.base_url, "dsp@example.org")
    assert page.url.endswith("/sign-in/set-up-code/"), page.url
    assert "Ask your installation admin for a link" in page.locator("h1").inner_text()
    j.scan("dsp")
    j.shot("dsp", "ask-for-a-link")
    page = j.new_page("dsp-cy")
    page.goto(f"{j.base_url}/sign-in/")
    _switch_to_welsh(page)
    page.fill("#id_email", "dsp@example.org")
    page.fill("#id_password", DEMO_PASSWORD)
    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert "dilysu" in page.locator("h1").inner_text()
    j.scan("dsp-cy", "cy")
    j.shot("dsp-cy", "ask-for-a-link-cy")

    j.assert_accessible()
    # The ask-for-a-link page is a refusal (403); the browser logs its status, nothing else.
    assert [e for e in j.errors if "status of 403" not in e] == []
    assert current_code()  # the demo key still works for everyone else
