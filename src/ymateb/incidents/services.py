"""Writes of the incident journey. Each is one function: it checks permission, changes the
data, writes the chronology event and the audit row, all in one transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone

from ymateb.audit.services import audit
from ymateb.incidents.models import Action, Incident, IncidentChild, IncidentEvent
from ymateb.records import access
from ymateb.records.access import Permission
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
    by: Any,
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
    by: Any,
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
    audit(
        actor=by,
        action="create",
        object_type="incident",
        object_id=str(incident.pk),
        setting_id=setting.pk,
        request=request,
        detail={"what": "concern_reported", "children": len(children)},
    )
    from ymateb.incidents.alerts import send_concern_alerts

    incident_id = str(incident.pk)
    transaction.on_commit(lambda: send_concern_alerts.enqueue(incident_id))
    return incident


def receipts_for(user: Any) -> list[dict[str, Any]]:
    """What a reporter may see of their own reports: reference, setting, when. No content."""
    rows = (
        Incident.objects.filter(reported_by=user)
        .select_related("setting")
        .order_by("-reported_at")
        .values("id", "reference", "reported_at", "setting__name", "setting__name_cy")
    )
    return [dict(row) for row in rows]


def receipt(user: Any, incident_id: Any) -> dict[str, Any]:
    for row in receipts_for(user):
        if str(row["id"]) == str(incident_id):
            return row
    raise access.IncidentNotFound


def view_incident(
    *, user: Any, incident_id: Any, request: HttpRequest | None, what: str = "incident"
) -> Incident:
    """Read an incident for display. The audit row is written in the same transaction as
    the read; if it cannot be written, the incident is not returned."""
    with transaction.atomic():
        try:
            incident = access.access_incident(user, incident_id, Permission.VIEW_INCIDENT)
        except access.IncidentNotFound:
            if user.is_authenticated and _looks_like_uuid(incident_id):
                audit(
                    actor=user,
                    action="refused",
                    object_type="incident",
                    object_id=str(incident_id),
                    request=request,
                    detail={"what": what},
                )
            raise
        audit(
            actor=user,
            action="view",
            object_type="incident",
            object_id=str(incident.pk),
            setting_id=incident.setting_id,
            request=request,
            detail={"what": what},
        )
    return incident


def list_incidents(*, user: Any, request: HttpRequest | None) -> list[Incident]:
    with transaction.atomic():
        incidents = list(
            access.incidents_for(user, Permission.VIEW_INCIDENT)
            .select_related("setting")
            .order_by("-reported_at")
        )
        audit(
            actor=user,
            action="list",
            object_type="incident",
            request=request,
            detail={"count": len(incidents)},
        )
    return incidents


def _looks_like_uuid(value: Any) -> bool:
    import uuid

    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


# --- changing an incident: access, closed records, lost updates, transitions -------------


class IncidentClosed(Exception):
    """A closed incident is read-only; later facts go in as addenda."""


class IncidentConflict(Exception):
    """Someone else saved the incident after this person opened it (no lost updates)."""

    def __init__(self, incident: Incident, since: list[IncidentEvent]) -> None:
        super().__init__("incident changed since it was opened")
        self.incident = incident
        self.since = since


def roles_in_setting(user: Any, setting_id: int) -> set[str]:
    from ymateb.tenancy.models import Membership

    return set(
        Membership.objects.filter(user=user, setting_id=setting_id).values_list("role", flat=True)
    )


def incident_for_change(
    *,
    user: Any,
    incident_id: Any,
    expected_version: int | None = None,
    permission: Permission = Permission.CHANGE_INCIDENT,
    allow_closed: bool = False,
) -> Incident:
    """Lock the incident for a write, after the access check.

    `expected_version` is the version the person's form was built from. If another save
    came in between, IncidentConflict says what changed instead of overwriting it.
    Someone who may read the incident but lacks `permission` (leadership, for most writes)
    gets PermissionDenied (403); someone who may not read it gets IncidentNotFound (404).
    Call inside `transaction.atomic()`.
    """
    try:
        incident = access.access_incident(user, incident_id, permission)
    except access.IncidentNotFound:
        if permission == Permission.VIEW_INCIDENT:
            raise
        access.access_incident(user, incident_id, Permission.VIEW_INCIDENT)  # 404 if not even that
        raise PermissionDenied from None
    incident = Incident.objects.select_for_update().get(pk=incident.pk)
    if incident.state == "closed" and not allow_closed:
        raise IncidentClosed
    if expected_version is not None and expected_version != incident.version:
        since = list(
            IncidentEvent.objects.filter(incident=incident)
            .select_related("actor")
            .order_by("-at")[: max(1, incident.version - expected_version)]
        )
        raise IncidentConflict(incident, since)
    return incident


def record_change(
    *,
    incident: Incident,
    user: Any,
    kind: str,
    request: HttpRequest | None,
    reason: str = "",
    params: dict[str, Any] | None = None,
    audit_action: str = "update",
    from_state: str = "",
    to_state: str = "",
) -> IncidentEvent:
    """The chronology line, the new version and the audit row of one change. Call inside the
    same `transaction.atomic()` as the change itself."""
    event = IncidentEvent.objects.create(
        incident=incident,
        actor=user,
        kind=kind,
        reason=reason,
        params=params or {},
        from_state=from_state,
        to_state=to_state,
    )
    Incident.objects.filter(pk=incident.pk).update(version=incident.version + 1)
    incident.version += 1
    audit(
        actor=user,
        action=audit_action,
        object_type="incident",
        object_id=str(incident.pk),
        setting_id=incident.setting_id,
        request=request,
        detail={"what": kind, **({"to": to_state} if to_state else {})},
    )
    return event


def transition_facts(incident: Incident) -> set[str]:
    """The facts about the record that the workflow's conditions read (workflow.Fact), as
    they stand in the database now."""
    from ymateb.incidents import workflow
    from ymateb.incidents.models import Review

    facts: set[str] = set()
    decided = Review.objects.filter(incident=incident).exclude(decision=Review.Decision.UNDECIDED)
    if decided.exists():
        facts.add(workflow.Fact.DECISION_RECORDED)
    return facts


def incident_transition(
    *,
    user: Any,
    incident_id: Any,
    transition: str,
    reason: str = "",
    request: HttpRequest | None = None,
    expected_version: int | None = None,
) -> Incident:
    """Move an incident along its journey (see ymateb.incidents.workflow). Raises
    workflow.IllegalTransition with a reason code when the move is not allowed."""
    from ymateb.incidents import workflow

    with transaction.atomic():
        # Whoever may read the incident gets this far; the workflow says which of their
        # roles may make this move (leadership signs off, DSPs do the rest).
        incident = incident_for_change(
            user=user,
            incident_id=incident_id,
            expected_version=expected_version,
            permission=Permission.VIEW_INCIDENT,
        )
        roles = roles_in_setting(user, incident.setting_id)
        edge = workflow.edge_for(transition)
        # The facts are read only for a step with a condition on them (closing as out of
        # scope: never once a decision is recorded); without them the workflow refuses it.
        facts = transition_facts(incident) if edge.refused_if else None
        target = workflow.check(transition, incident.state, roles, reason, facts)
        previous = incident.state
        incident.state = target
        if target == workflow.State.CLOSED:
            incident.closed_at = timezone.now()
        incident.save(update_fields=["state", "closed_at"])
        record_change(
            incident=incident,
            user=user,
            kind=IncidentEvent.Kind.TRANSITION,
            request=request,
            reason=reason,
            params={"transition": str(transition)},
            audit_action="transition",
            from_state=previous,
            to_state=target,
        )
    return incident
