"""Every sign-in, sign-out, failed password or code, lockout and admin change is in the
hash-chained audit trail, naming accounts by id and fields by name, never what was typed
or the values changed (R-174)."""

from __future__ import annotations

import pytest
from django.conf import settings

from tests.accounts.helpers import post_password
from tests.client import BrowserClient, current_code
from ymateb.accounts.models import User
from ymateb.audit.models import AuditAction, AuditEvent
from ymateb.audit.services import verify_chain
from ymateb.tenancy.models import LocalAuthority, Setting
from ymateb.web.demo import DEMO_PASSWORD

pytestmark = pytest.mark.django_db


def _events(action: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action).order_by("id"))


def _everything_stored() -> str:
    return " ".join(
        f"{e.object_type} {e.object_id} {e.detail} {e.source}" for e in AuditEvent.objects.all()
    )


def test_sign_in_and_sign_out_are_audited(demo) -> None:
    client = BrowserClient()
    post_password(client, "dsp@example.org", DEMO_PASSWORD)
    client.post("/sign-in/code/", {"token": current_code()})
    dsp = User.objects.get(email="dsp@example.org")
    [signed_in] = _events(AuditAction.SIGN_IN)
    assert signed_in.actor_id == dsp.pk and signed_in.object_id == str(dsp.pk)
    client.post("/sign-out/")
    [signed_out] = _events(AuditAction.SIGN_OUT)
    assert signed_out.actor_id == dsp.pk
    assert verify_chain().ok


def test_failed_passwords_are_audited_without_what_was_typed(demo) -> None:
    post_password(BrowserClient(), "staff@example.org", "wrong-password-123")
    post_password(BrowserClient(), "someone-unknown@example.org", "wrong-password-123")
    known, unknown = _events(AuditAction.SIGN_IN_FAILED)
    assert known.object_id == str(User.objects.get(email="staff@example.org").pk)
    assert unknown.object_id == ""
    assert known.actor_label == unknown.actor_label == "anonymous"
    stored = _everything_stored()
    assert "someone-unknown" not in stored and "wrong-password" not in stored


def test_a_wrong_second_factor_is_audited(demo) -> None:
    client = BrowserClient()
    post_password(client, "dsp@example.org", DEMO_PASSWORD)
    bad = f"{(int(current_code()) + 1) % 1000000:06d}"
    client.post("/sign-in/code/", {"token": bad})
    [event] = _events(AuditAction.SECOND_FACTOR_FAILED)
    assert event.object_id == str(User.objects.get(email="dsp@example.org").pk)
    assert bad not in _everything_stored()
    assert not _events(AuditAction.SIGN_IN_FAILED)


def test_a_lockout_is_audited(demo) -> None:
    client = BrowserClient()
    for _ in range(settings.AXES_FAILURE_LIMIT + 1):
        post_password(client, "staff@example.org", "wrong-password-123")
    events = _events(AuditAction.LOCKED_OUT)
    assert events
    staff_id = str(User.objects.get(email="staff@example.org").pk)
    assert all(event.object_id == staff_id for event in events)


def test_admin_changes_are_audited_with_field_names_only(demo, sign_in) -> None:
    admin = sign_in("admin@example.org")
    staff = User.objects.get(email="staff@example.org")
    response = admin.post(
        f"/admin/accounts/user/{staff.pk}/change/",
        {"full_name": "Samantha Staff", "is_active": "on"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    [change] = _events(AuditAction.ADMIN_CHANGE)
    assert change.detail == {
        "model": "accounts.user",
        "pk": str(staff.pk),
        "operation": "change",
        "fields": ["full_name"],
    }
    assert change.actor_label == "admin@example.org"
    assert "Samantha" not in _everything_stored()

    authority = LocalAuthority.objects.get()
    admin.post(
        "/admin/tenancy/setting/add/",
        {"name": "Ysgol Newydd", "name_cy": "", "kind": "school", "local_authority": authority.pk},
    )
    added = Setting.objects.get(name="Ysgol Newydd")
    admin.post(
        f"/admin/tenancy/localauthority/{authority.pk}/change/",
        {"name": "Renamed Council", "name_cy": authority.name_cy},
    )
    # A setting is never deleted (its records and audit rows are kept): refused, unaudited.
    assert (
        admin.post(f"/admin/tenancy/setting/{added.pk}/delete/", {"post": "yes"}).status_code == 403
    )
    details = [e.detail for e in _events(AuditAction.ADMIN_CHANGE)[1:]]
    assert [(d["model"], d["operation"]) for d in details] == [
        ("tenancy.setting", "add"),
        ("tenancy.localauthority", "change"),
    ]
    assert details[1]["fields"] == ["name"]
    assert "Renamed" not in _everything_stored() and "Newydd" not in _everything_stored()
    assert verify_chain().ok
