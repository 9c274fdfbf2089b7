"""A safeguarding role granted by an admin takes effect only when a second person confirms
it: the setting's leadership, or for a setting without leadership (and for oversight) a
second admin, never the admin who granted it (R-001, R-174). Both steps are audited."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tests.factories import SettingFactory, UserFactory
from ymateb.accounts.models import User
from ymateb.audit.models import AuditAction, AuditEvent
from ymateb.audit.services import verify_chain
from ymateb.incidents.access import Permission, setting_ids_with
from ymateb.tenancy import services
from ymateb.tenancy.models import LocalAuthority, Membership, OversightAssignment, Setting
from ymateb.tenancy.roles import needs_two_factor, roles_of

pytestmark = pytest.mark.django_db


def _second_admin() -> User:
    return UserFactory(
        email="admin2@example.org",
        full_name="Second Admin",
        is_admin=True,
        is_superuser=True,
        authenticator=True,
    )


def _grant_in_admin(admin: Client, user: User, setting: Setting, role: str) -> Membership:
    response = admin.post(
        "/admin/tenancy/membership/add/", {"user": user.pk, "setting": setting.pk, "role": role}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return Membership.all_objects.get(user=user, setting=setting, role=role)


def _admin_grants_staff(
    sign_in: Any, setting: Setting, role: str
) -> tuple[Client, User, Membership]:
    """The demo's admin, signed in, grants the demo's member of staff `role` in `setting`:
    the admin's client, the member of staff and the grant."""
    admin = sign_in("admin@example.org")
    staff = User.objects.get(email="staff@example.org")
    return admin, staff, _grant_in_admin(admin, staff, setting, role)


def _new_setting(name: str = "New School") -> Setting:
    return SettingFactory(name=name)


def test_a_pending_dsp_role_gives_no_access_until_leadership_confirms(demo, sign_in) -> None:
    _, staff, grant = _admin_grants_staff(sign_in, demo, "dsp")
    assert grant.confirmed_at is None
    # Every query that decides access ignores it.
    assert setting_ids_with(staff, Permission.VIEW_INCIDENT) == set()
    assert "dsp" not in roles_of(staff) and not needs_two_factor(staff)
    assert not Membership.objects.filter(user=staff, role="dsp").exists()
    staff_client = sign_in("staff@example.org")
    assert staff_client.get("/incidents/").status_code == 403
    granted = AuditEvent.objects.get(action=AuditAction.GRANT_ROLE, object_id=str(grant.pk))
    assert granted.detail["pending"] is True and granted.setting_id == demo.pk

    head = sign_in("head@example.org")
    dashboard = head.get("/dashboard/").content.decode()
    people_url = f"/settings/{demo.pk}/people/"
    assert people_url in dashboard and "People and roles" in dashboard
    page = head.get(people_url).content.decode()
    assert "Waiting for confirmation" in page and "Sam Staff" in page and "Confirm" in page
    response = head.post(people_url, {"grant": grant.pk, "decision": "confirm"})
    assert response["Location"] == f"{people_url}?done=confirm"
    grant.refresh_from_db()
    assert grant.confirmed_by.email == "head@example.org" and grant.confirmed_at
    assert setting_ids_with(staff, Permission.VIEW_INCIDENT) == {demo.pk}
    # The new role needs a second factor: the staff session is sent back to sign in.
    assert staff_client.get("/incidents/")["Location"].startswith("/sign-in/")
    confirmed = AuditEvent.objects.get(action=AuditAction.CONFIRM_ROLE, object_id=str(grant.pk))
    assert confirmed.actor_label == "head@example.org"
    assert "Alys" not in str(confirmed.detail) and "Sam" not in str(confirmed.detail)
    assert verify_chain().ok
    page = head.get(people_url).content.decode()
    assert "Huw Head" in page and "No role is waiting for confirmation" in page


def test_leadership_can_refuse_a_pending_role(demo, sign_in) -> None:
    _, _, grant = _admin_grants_staff(sign_in, demo, "deputy_dsp")
    head = sign_in("head@example.org")
    head.post(f"/settings/{demo.pk}/people/", {"grant": grant.pk, "decision": "refuse"})
    assert not Membership.all_objects.filter(pk=grant.pk).exists()
    event = AuditEvent.objects.get(action=AuditAction.REVOKE_ROLE, object_id=str(grant.pk))
    assert event.detail["refused"] is True


def test_bad_decisions_change_nothing_and_say_why(demo, sign_in) -> None:
    _, _, grant = _admin_grants_staff(sign_in, demo, "dsp")
    head = sign_in("head@example.org")
    url = f"/settings/{demo.pk}/people/"
    for data in (
        {"grant": grant.pk, "decision": "approve"},
        {"grant": "9" * 40, "decision": "confirm"},
        {"grant": "x", "decision": "confirm"},
        {},
    ):
        response = head.post(url, data)
        assert response.status_code == 400
        assert "There is a problem" in response.content.decode()
    grant.refresh_from_db()
    assert grant.confirmed_at is None


def test_nobody_confirms_their_own_grant_or_a_grant_they_proposed(demo) -> None:
    head = User.objects.get(email="head@example.org")
    staff = User.objects.get(email="staff@example.org")
    # Leadership who proposed a role (say, also an admin) cannot confirm it.
    proposed = services.grant(Membership(user=staff, setting=demo, role="dsp"), by=head)
    assert services.confirmation_refusal(proposed, head)
    with pytest.raises(services.CannotConfirm):
        services.confirm(proposed, by=head)
    # A role given to the leadership person themselves is confirmed by someone else.
    admin = User.objects.get(email="admin@example.org")
    own = services.grant(Membership(user=head, setting=demo, role="dsp"), by=admin)
    assert services.confirmation_refusal(own, head)
    # Another setting's leadership cannot confirm.
    other = _new_setting()
    elsewhere = services.grant(Membership(user=staff, setting=other, role="dsp"), by=admin)
    assert services.confirmation_refusal(elsewhere, head)


def test_pages_of_people_and_roles_are_for_that_settings_leadership(demo, sign_in) -> None:
    other = _new_setting()
    head = sign_in("head@example.org")
    assert head.get(f"/settings/{other.pk}/people/").status_code == 403
    for email in ("staff@example.org", "dsp@example.org", "admin@example.org"):
        assert sign_in(email).get(f"/settings/{demo.pk}/people/").status_code == 403


def test_a_setting_without_leadership_needs_a_second_admin(demo, sign_in) -> None:
    other = _new_setting()
    admin, _, grant = _admin_grants_staff(sign_in, other, "leadership")
    # The admin who granted it cannot confirm it.
    admin.post(
        "/admin/tenancy/membership/",
        {"action": "confirm_selected", "_selected_action": [grant.pk]},
    )
    grant.refresh_from_db()
    assert grant.confirmed_at is None
    _second_admin()
    second = sign_in("admin2@example.org")
    listing = second.get("/admin/tenancy/membership/?confirmed=no").content.decode()
    assert "Waiting for confirmation" in listing
    second.post(
        "/admin/tenancy/membership/",
        {"action": "confirm_selected", "_selected_action": [grant.pk]},
    )
    grant.refresh_from_db()
    assert grant.confirmed_by.email == "admin2@example.org"
    assert AuditEvent.objects.filter(
        action=AuditAction.CONFIRM_ROLE, object_id=str(grant.pk)
    ).exists()


def test_a_setting_with_leadership_is_confirmed_by_its_leadership_not_an_admin(
    demo, sign_in
) -> None:
    _, _, grant = _admin_grants_staff(sign_in, demo, "dsp")
    _second_admin()
    second = sign_in("admin2@example.org")
    response = second.post(
        "/admin/tenancy/membership/",
        {"action": "confirm_selected", "_selected_action": [grant.pk]},
        follow=True,
    )
    assert "People and roles" in response.content.decode()
    grant.refresh_from_db()
    assert grant.confirmed_at is None


def test_oversight_waits_for_a_second_admin(demo, sign_in) -> None:
    admin = sign_in("admin@example.org")
    staff = User.objects.get(email="staff@example.org")
    authority = LocalAuthority.objects.get()
    response = admin.post(
        "/admin/tenancy/oversightassignment/add/",
        {"user": staff.pk, "local_authority": authority.pk},
    )
    assert response.status_code == 302
    grant = OversightAssignment.all_objects.get(user=staff)
    assert grant.confirmed_at is None and "oversight" not in roles_of(staff)
    _second_admin()
    sign_in("admin2@example.org").post(
        "/admin/tenancy/oversightassignment/",
        {"action": "confirm_selected", "_selected_action": [grant.pk]},
    )
    assert "oversight" in roles_of(staff)


def test_a_staff_role_needs_no_confirmation(demo, sign_in) -> None:
    admin = sign_in("admin@example.org")
    person = User.objects.create_user("p@example.org", "Long-password-123", full_name="P")
    grant = _grant_in_admin(admin, person, demo, "staff")
    assert grant.confirmed_at is not None
    assert Membership.objects.filter(user=person, role="staff").exists()


def test_a_role_is_not_edited_in_the_admin_and_a_pending_duplicate_is_refused(
    demo, sign_in
) -> None:
    admin, staff, grant = _admin_grants_staff(sign_in, demo, "dsp")
    staff_role = Membership.objects.get(user=staff, role="staff")
    response = admin.post(
        f"/admin/tenancy/membership/{staff_role.pk}/change/",
        {"user": staff.pk, "setting": demo.pk, "role": "leadership"},
    )
    assert response.status_code == 403
    staff_role.refresh_from_db()
    assert staff_role.role == "staff"
    again = admin.post(
        "/admin/tenancy/membership/add/", {"user": staff.pk, "setting": demo.pk, "role": "dsp"}
    )
    assert again.status_code == 200
    assert "waiting to be confirmed" in again.content.decode()
    assert Membership.all_objects.filter(user=staff, role="dsp").count() == 1
    assert grant.pk


def test_removing_a_role_in_the_admin_is_audited(demo, sign_in) -> None:
    admin = sign_in("admin@example.org")
    dsp_role = Membership.objects.get(user__email="deputy@example.org")
    response = admin.post(f"/admin/tenancy/membership/{dsp_role.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Membership.all_objects.filter(pk=dsp_role.pk).exists()
    event: Any = AuditEvent.objects.get(action=AuditAction.REVOKE_ROLE, object_id=str(dsp_role.pk))
    assert event.detail["role"] == "deputy_dsp"


def test_alerts_and_row_level_scope_ignore_a_pending_role(demo) -> None:
    """Alert recipients and the database scope read memberships through the same
    confirmed-only manager: a pending DSP gets no alert and no setting scope."""
    from tests.app_role import job
    from tests.factories import IncidentFactory
    from ymateb.incidents.concern.alerts import send_concern_alerts
    from ymateb.incidents.models import Alert

    admin = User.objects.get(email="admin@example.org")
    staff = User.objects.get(email="staff@example.org")
    services.grant(Membership(user=staff, setting=demo, role="dsp"), by=admin)
    incident = IncidentFactory(setting=demo, reference="2026-PEND")
    job(send_concern_alerts, str(incident.pk))
    recipients = set(
        Alert.objects.filter(incident=incident).values_list("recipient__email", flat=True)
    )
    assert recipients == {"dsp@example.org"}
    other = _new_setting()
    services.grant(Membership(user=staff, setting=other, role="dsp"), by=admin)
    assert set(Membership.objects.filter(user=staff).values_list("setting_id", flat=True)) == {
        demo.pk
    }
