"""The installation admin never reads a child's record (R-001, R-174): the two routes an
admin had, tried through the real admin as admin@example.org, end without any incident
content, and no page shows an authenticator's secret."""

from __future__ import annotations

import pytest
from django.contrib.sessions.models import Session
from django.core import mail
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.accounts.helpers import (
    NEW_PASSWORD,
    admin_add_user,
    admin_set_password,
    demo_secret_forms,
    post_password,
)
from tests.client import BrowserClient
from tests.factories import IncidentFactory
from ymateb.accounts.models import User
from ymateb.tenancy.models import Membership, Setting

pytestmark = pytest.mark.django_db

ACCOUNT = "Words only the DSP should ever read"
TEMPORARY = "Admin-chosen-password-2026"  # noqa: S105 (test value)


def _incident_content_reachable(client: Client, incident) -> bool:
    pages = [client.get("/incidents/"), client.get(f"/incidents/{incident.pk}/")]
    pages += [client.get("/dashboard/", follow=True)]
    return any(
        ACCOUNT in p.content.decode() or incident.reference in p.content.decode() for p in pages
    )


def test_route_a_a_new_account_with_a_dsp_role_reads_nothing(demo, sign_in, settings) -> None:
    """Create a user, give it a DSP membership, sign in as it: no incident is reached, and
    the admin cannot confirm their own grant."""
    settings.YMATEB_DEMO_MODE = False  # as in production: no link is shown to the admin
    incident = IncidentFactory(setting=demo, reference="2026-RA1", account=ACCOUNT)
    admin = sign_in("admin@example.org")
    puppet = admin_add_user(admin, "puppet@example.org", TEMPORARY)
    response = admin.post(
        "/admin/tenancy/membership/add/", {"user": puppet.pk, "setting": demo.pk, "role": "dsp"}
    )
    assert response.status_code == 302
    grant = Membership.all_objects.get(user=puppet)
    assert grant.confirmed_at is None and grant.granted_by.email == "admin@example.org"

    # The admin tries to confirm it themselves, as "a second admin".
    admin.post(
        "/admin/tenancy/membership/",
        {"action": "confirm_selected", "_selected_action": [grant.pk]},
    )
    grant.refresh_from_db()
    assert grant.confirmed_at is None

    # The admin tries to sign in as the new account with the password they chose: a
    # password an admin chose works only after the link emailed to the person is opened.
    puppet_client = BrowserClient()
    response = post_password(puppet_client, "puppet@example.org", TEMPORARY)
    assert response.status_code == 200
    assert "First open the link in the email sent to you" in response.content.decode()
    assert "_auth_user_id" not in puppet_client.session
    assert not _incident_content_reachable(puppet_client, incident)


def test_route_a_a_confirmed_role_still_needs_the_link_the_admin_never_sees(
    demo, sign_in, settings
) -> None:
    """Even once leadership confirms the grant, the password enrols nothing: the set-up
    page asks for the link, shows no key and creates no device."""
    settings.YMATEB_DEMO_MODE = False
    incident = IncidentFactory(setting=demo, reference="2026-RA2", account=ACCOUNT)
    admin = sign_in("admin@example.org")
    puppet = admin_add_user(admin, "puppet2@example.org", TEMPORARY)
    admin.post(
        "/admin/tenancy/membership/add/", {"user": puppet.pk, "setting": demo.pk, "role": "dsp"}
    )
    Membership.all_objects.filter(user=puppet).update(confirmed_at="2026-01-01T00:00Z")
    client = BrowserClient()
    response = post_password(client, "puppet2@example.org", TEMPORARY)
    assert response.status_code == 200
    assert "First open the link in the email sent to you" in response.content.decode()
    page = client.get("/sign-in/set-up-code/")
    html = page.content.decode()
    assert page.status_code == 302 and page["Location"] == "/sign-in/"
    assert "ymateb-qr" not in html and "ymateb-secret" not in html
    assert not TOTPDevice.objects.filter(user=puppet).exists()
    assert client.post("/sign-in/set-up-code/", {"token": "123456"})["Location"] == "/sign-in/"
    assert not TOTPDevice.objects.filter(user=puppet).exists()
    assert not _incident_content_reachable(client, incident)


def test_route_b_no_device_admin_and_no_secret_on_any_admin_page(demo, sign_in) -> None:
    """The admin cannot see anyone's authenticator key: there is no device admin, and no
    admin page holds the key in any form."""
    admin = sign_in("admin@example.org")
    assert admin.get("/admin/otp_totp/totpdevice/").status_code == 404
    device = TOTPDevice.objects.get(user__email="dsp@example.org")
    assert admin.get(f"/admin/otp_totp/totpdevice/{device.pk}/change/").status_code == 404
    assert admin.get(f"/admin/otp_totp/totpdevice/{device.pk}/config/").status_code == 404
    assert admin.get(f"/admin/otp_totp/totpdevice/{device.pk}/qrcode/").status_code == 404
    dsp = User.objects.get(email="dsp@example.org")
    pages = [
        "/admin/",
        "/admin/accounts/user/",
        f"/admin/accounts/user/{dsp.pk}/change/",
        f"/admin/accounts/user/{dsp.pk}/password/",
        "/admin/tenancy/membership/",
        "/admin/tenancy/oversightassignment/",
    ]
    for path in pages:
        response = admin.get(path)
        assert response.status_code == 200, path
        html = response.content.decode()
        assert "totpdevice" not in html.lower(), path
        for secret in demo_secret_forms():
            assert secret not in html, path


def test_route_b_setting_a_password_does_not_let_the_admin_in(
    demo, sign_in, settings, django_capture_on_commit_callbacks
) -> None:
    """Set a DSP's password in the admin and sign in as them: the authenticator is gone,
    the person's sessions ended, and only the link emailed to them sets up a new one."""
    settings.YMATEB_DEMO_MODE = False
    incident = IncidentFactory(setting=demo, reference="2026-RB1", account=ACCOUNT)
    dsp_client = sign_in("dsp@example.org")
    assert dsp_client.get(f"/incidents/{incident.pk}/").status_code == 200
    admin = sign_in("admin@example.org")
    dsp = User.objects.get(email="dsp@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_set_password(admin, dsp, TEMPORARY)
    assert response.status_code == 302
    assert not [
        s for s in Session.objects.all() if s.get_decoded().get("_auth_user_id") == str(dsp.pk)
    ]
    dsp.refresh_from_db()
    assert dsp.must_change_password
    assert not TOTPDevice.objects.filter(user=dsp).exists()
    # The person's own session has ended.
    assert dsp_client.get(f"/incidents/{incident.pk}/")["Location"].startswith("/sign-in/")
    # The link went to the person, not to the admin's screen.
    assert [m.to for m in mail.outbox] == [["dsp@example.org"]]
    assert "/sign-in/set-up/" not in admin.get("/admin/accounts/user/").content.decode()

    attacker = BrowserClient()
    response = post_password(attacker, "dsp@example.org", TEMPORARY)
    assert response.status_code == 200
    assert "First open the link in the email sent to you" in response.content.decode()
    page = attacker.get("/sign-in/set-up-code/")
    assert page.status_code == 302
    assert "ymateb-qr" not in page.content.decode()
    assert not TOTPDevice.objects.filter(user=dsp).exists()
    assert not _incident_content_reachable(attacker, incident)


def test_route_b_a_member_of_staff_too_and_only_the_emailed_link_lets_them_in(
    demo, sign_in, settings, django_capture_on_commit_callbacks
) -> None:
    """Staff sign in without a code: a password the admin set still does not let the admin
    in as them. The person opens the link emailed to them, signs in with that password,
    chooses their own, and the link is spent."""
    import re

    settings.YMATEB_DEMO_MODE = False
    admin = sign_in("admin@example.org")
    staff = User.objects.get(email="staff@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        assert admin_set_password(admin, staff, TEMPORARY).status_code == 302
    attacker = BrowserClient()
    response = post_password(attacker, "staff@example.org", TEMPORARY)
    assert response.status_code == 200
    assert "First open the link in the email sent to you" in response.content.decode()
    assert attacker.get("/dashboard/")["Location"].startswith("/sign-in/")

    [message] = mail.outbox
    assert message.to == ["staff@example.org"]
    link = re.search(r"https?://\S+?(/sign-in/set-up/\S+?/)", message.body).group(1)
    person = BrowserClient()
    person.get(link)
    response = post_password(person, "staff@example.org", TEMPORARY)
    assert response.status_code == 302
    assert person.get("/dashboard/")["Location"] == "/sign-in/new-password/"
    response = person.post(
        "/sign-in/new-password/",
        {"new_password": NEW_PASSWORD, "confirm_password": NEW_PASSWORD},
    )
    assert response["Location"] == "/dashboard/"
    assert person.get("/dashboard/").status_code == 200
    # The link is spent: opened again, it lets nobody in with the old password.
    again = BrowserClient()
    again.get(link)
    assert post_password(again, "staff@example.org", TEMPORARY).status_code == 200
    assert post_password(again, "staff@example.org", NEW_PASSWORD).status_code == 302


def test_admin_cannot_change_an_email_address_nor_make_an_admin(demo, sign_in) -> None:
    """An email address is where enrolment links go: the admin cannot point it elsewhere."""
    admin = sign_in("admin@example.org")
    dsp = User.objects.get(email="dsp@example.org")
    html = admin.get(f"/admin/accounts/user/{dsp.pk}/change/").content.decode()
    assert 'name="email"' not in html
    assert 'name="is_admin"' not in html
    admin.post(
        f"/admin/accounts/user/{dsp.pk}/change/",
        {
            "email": "admin+dsp@example.org",
            "full_name": "Dilys Davies",
            "is_active": "on",
            "is_admin": "on",
        },
    )
    dsp.refresh_from_db()
    assert dsp.email == "dsp@example.org" and not dsp.is_admin


def test_admin_cannot_reset_their_own_password_in_the_admin(demo, sign_in) -> None:
    admin = sign_in("admin@example.org")
    me = User.objects.get(email="admin@example.org")
    assert admin_set_password(admin, me, TEMPORARY).status_code == 403
    assert TOTPDevice.objects.filter(user=me).exists()


def test_people_and_settings_cannot_be_deleted_only_made_inactive(demo, sign_in) -> None:
    """Django's delete confirmation lists every related object by name: for a member of staff
    or a setting that would be the incidents, referrals and interviews behind them. And the
    web app's database role may not delete a person or a setting at all (their records and
    the audit rows naming them are kept; ymateb.records.roles): the admin offers no delete
    for them, shows nothing behind them, and deletes nothing."""
    from ymateb.incidents.models import Incident

    incident = IncidentFactory(
        setting=demo, reference="DEL-9", account=ACCOUNT, children=["Canary Child"]
    )
    staff = User.objects.get(email="staff@example.org")
    Incident.objects.filter(pk=incident.pk).update(reported_by=staff)
    admin = sign_in("admin@example.org")
    for thing, pk in (("accounts/user", staff.pk), ("tenancy/setting", demo.pk)):
        change = admin.get(f"/admin/{thing}/{pk}/change/")
        assert change.status_code == 200
        assert f"/admin/{thing}/{pk}/delete/" not in change.content.decode()
        for method in (admin.get, lambda path: admin.post(path, {"post": "yes"})):
            response = method(f"/admin/{thing}/{pk}/delete/")
            assert response.status_code == 403, thing
            html = response.content.decode()
            for secret in (incident.reference, "DEL-9", str(incident.pk), "Canary", ACCOUNT):
                assert secret not in html, (thing, secret)
    assert Incident.objects.filter(pk=incident.pk).exists()
    assert User.objects.filter(pk=staff.pk).exists() and Setting.objects.filter(pk=demo.pk)


def test_the_admin_offers_a_delete_only_where_the_app_role_may_delete(demo) -> None:
    """Every model on the admin site: a delete is offered exactly where the web app's
    database role has DELETE on its table, so no delete ends in the database's refusal."""
    from django.contrib.admin import site
    from django.test import RequestFactory

    from ymateb.web.admin_site import app_may_delete

    request = RequestFactory().get("/admin/")
    request.user = User.objects.get(email="admin@example.org")
    offered = {
        model._meta.db_table
        for model, model_admin in site._registry.items()
        if model_admin.has_delete_permission(request)
    }
    allowed = {model._meta.db_table for model in site._registry if app_may_delete(model)}
    assert offered == allowed
    assert "tenancy_membership" in offered  # a role can be taken away
    assert not offered & {"accounts_user", "tenancy_setting", "tenancy_localauthority"}
