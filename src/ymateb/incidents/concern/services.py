"""Reporting a concern ("Disclosure", "Initial response"): the incident, its children, the
first chronology line, the audit row and the alert, in one transaction; and the reporter's
receipts, which show nothing of the content."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone

from ymateb.accounts.models import User
from ymateb.incidents import access
from ymateb.incidents.access import Permission
from ymateb.incidents.auditing import audit_incident
from ymateb.incidents.models import Action, Incident, IncidentChild, IncidentEvent
from ymateb.records.retention import retention_until
from ymateb.tenancy.models import Setting


@dataclass(frozen=True)
class ChildInput:
    name: str
    year_group: str = ""
    known_as: str = ""
    age: int | None = None
    date_of_birth: date | None = None


CHILD_REFS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"

# Incident references are random and say nothing: not how many concerns a setting has had,
# nor when. 8 characters from 31 that cannot be mistaken for one another when read aloud or
# copied by hand (no 0/O, 1/I/L), e.g. "YM-7K3Q-9TXD": 31**8 (about 850 billion) choices.
REFERENCE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
REFERENCE_PATTERN = r"YM-[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}"
REFERENCE_ATTEMPTS = 20


def new_reference() -> str:
    import secrets

    code = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))
    return f"YM-{code[:4]}-{code[4:]}"


def _child_ref(index: int) -> str:
    return CHILD_REFS[index] if index < len(CHILD_REFS) else f"C{index + 1}"


def concern_report(
    *,
    by: User,
    setting_id: int,
    came_to_light: str,
    occurred_at: datetime | None,
    account: str,
    saw_image: bool,
    children: list[ChildInput],
    request: HttpRequest | None = None,
) -> Incident:
    """A member of staff reports a concern ("Disclosure", "Initial response")."""
    if not access.has_permission(by, Permission.REPORT_CONCERN, setting_id):
        raise PermissionDenied
    setting = Setting.objects.get(pk=setting_id)
    today = timezone.localdate()
    with transaction.atomic():
        incident = None
        # The reference is unique in the setting (a database constraint). A clash of two
        # random references is very unlikely; if it happens, only the insert of the
        # incident is undone (a savepoint) and another reference is drawn. No counting,
        # no lock: reports made at the same moment never wait for or undo one another.
        for _attempt in range(REFERENCE_ATTEMPTS):
            try:
                with transaction.atomic():
                    incident = Incident.objects.create(
                        setting=setting,
                        reference=new_reference(),
                        reported_by=by,
                        came_to_light=came_to_light,
                        concern_occurred_at=occurred_at,
                        account=account,
                        staff_saw_image=saw_image,
                        retention_until=retention_until(
                            [(c.date_of_birth, c.age) for c in children],
                            today,
                            settings.YMATEB_RETENTION_YEARS,
                        ),
                    )
                break
            except IntegrityError:
                continue
        if incident is None:  # 20 clashes in a row: the random source is broken
            raise RuntimeError("Could not allocate an incident reference.")
        return _create_concern(
            by=by,
            incident=incident,
            came_to_light=came_to_light,
            saw_image=saw_image,
            children=children,
            request=request,
        )


def _create_concern(
    *,
    by: User,
    incident: Incident,
    came_to_light: str,
    saw_image: bool,
    children: list[ChildInput],
    request: HttpRequest | None,
) -> Incident:
    setting = incident.setting
    IncidentChild.objects.bulk_create(
        [
            IncidentChild(
                incident=incident,
                ref=_child_ref(i),
                name=c.name,
                known_as=c.known_as,
                year_group=c.year_group,
                age=c.age,
                date_of_birth=c.date_of_birth.isoformat() if c.date_of_birth else "",
            )
            for i, c in enumerate(children)
        ]
    )
    IncidentEvent.objects.create(
        incident=incident,
        actor=by,
        kind=IncidentEvent.Kind.REPORTED,
        to_state=incident.state,
        params={"children": len(children), "came_to_light": came_to_light},
    )
    if saw_image:
        Action.objects.create(
            incident=incident,
            kind=Action.Kind.STAFF_WELFARE,
            details={"staff_member_id": by.pk},
        )
    audit_incident(
        by,
        "create",
        incident.pk,
        setting.pk,
        request=request,
        what="concern_reported",
        children=len(children),
    )
    from ymateb.incidents.concern.alerts import send_concern_alerts

    # Queued in the concern's own transaction (the task is a row of this database): the
    # concern and its alert task commit together or not at all. Queued on commit instead,
    # a crash between the two would keep the concern and never tell the DSP.
    send_concern_alerts.enqueue(str(incident.pk))
    return incident


def receipts_for(user: User) -> list[dict[str, Any]]:
    """What a reporter may see of their own reports: reference, setting, when. No content."""
    rows = (
        Incident.objects.filter(reported_by=user)
        .select_related("setting")
        .order_by("-reported_at")
        .values("id", "reference", "reported_at", "setting__name", "setting__name_cy")
    )
    return [dict(row) for row in rows]


def receipt(user: User, incident_id: Any) -> dict[str, Any]:
    for row in receipts_for(user):
        if str(row["id"]) == str(incident_id):
            return row
    raise access.IncidentNotFound
