"""The action plan of an incident.

Actions ("Informing parents or carers", "Supporting the children or young people involved",
"Viewing and deleting nudes and semi-nudes", "Reporting nudes and semi-nudes online"): each
has an owner, a deadline, a status and a note of completion. Devices ("How to report online
content to the police"): never deleted from, seized and retained, with any PIN kept
encrypted and shown only after a fresh security code (R-116, R-117, R-118).

Every write locks the incident (`incident_for_change`), changes the data and calls
`record_change` in one transaction. Free text typed by a person goes in encrypted fields;
`details` holds codes, dates and short descriptions of places only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Unpack

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ymateb.accounts.models import User
from ymateb.incidents import access
from ymateb.incidents.actions.plan import (
    DEFAULT_DEADLINE_DAYS,
    DELETION_ROLES,
    child_roles,
    deletion_from_device_forbidden,
    earliest_deadline,
    parents_at_risk,
)
from ymateb.incidents.changes import Refused, Who, incident_for_change, locked_change, record_change
from ymateb.incidents.engine_record import engine_view
from ymateb.incidents.models import Action, Incident, IncidentChild, IncidentEvent
from ymateb.rules import support_groups
from ymateb.tenancy.models import Membership

REFUSED = {
    "deadline_before_concern": _("The deadline cannot be before the concern was reported"),
    "parents_at_risk": _(
        "The review recorded that informing this child's parents or carers would put the child "
        "at risk. Record a referral to children's social services instead."
    ),
    "device_retained": _(
        "Do not ask for anything to be deleted from a device that must be seized and retained "
        "for the police. Record it in the device register instead."
    ),
    "owner_not_in_setting": _("Choose someone with a role in this setting"),
    "unknown_child": _("Choose one of the children involved"),
    "completion_note_required": _("Write a note of what was done"),
}
REFUSED_FIELD = {
    "deadline_before_concern": "deadline",
    "parents_at_risk": "child",
    "owner_not_in_setting": "owner",
    "unknown_child": "child",
    "completion_note_required": "note",
    "device_retained": "place",
}


class ActionRefused(Refused):
    """A change to the plan that the guidance does not allow; `code` says which rule."""

    def __init__(self, code: str) -> None:
        super().__init__(
            REFUSED.get(code, _("That change is not possible.")),
            field=REFUSED_FIELD.get(code),
            code=code,
        )


def _check_owner(incident: Incident, owner_id: Any) -> User:
    membership = (
        Membership.objects.filter(
            setting_id=incident.setting_id, user_id=owner_id, user__is_active=True
        )
        .select_related("user")
        .first()
    )
    if membership is None:
        raise ActionRefused("owner_not_in_setting")
    return membership.user


def _child(incident: Incident, child_id: Any) -> IncidentChild | None:
    if not child_id:
        return None
    child = incident.children.filter(pk=child_id).first()
    if child is None:
        raise ActionRefused("unknown_child")
    return child


# --- writing actions ----------------------------------------------------------------------


def _event_params(action: Action, **extra: Any) -> dict[str, Any]:
    return {
        "action": str(action.pk),
        "kind": action.kind,
        "child": action.child.ref if action.child else "",
        **extra,
    }


@dataclass
class Suggested:
    created: list[Action]
    parents_at_risk: list[IncidentChild]
    device_retained: bool


def actions_suggest(**who: Unpack[Who]) -> Suggested:
    """Create the standard actions the incident does not have yet, from the children's
    roles and the latest review's recommendation."""
    by = who["by"]
    incident_id = who["incident_id"]
    request = who.get("request")
    expected_version = who.get("expected_version")
    with transaction.atomic():
        incident = incident_for_change(
            user=by, incident_id=incident_id, expected_version=expected_version
        )
        engine = engine_view(incident)
        today = timezone.localdate()
        existing = list(incident.actions.all())

        def has(kind: str, child: IncidentChild | None, **details: Any) -> bool:
            return any(
                a.kind == kind
                and (child is None or a.child_id == child.pk)
                and all(a.details.get(k) == v for k, v in details.items())
                for a in existing
            )

        def deadline(kind: str) -> date:
            return today + timedelta(days=DEFAULT_DEADLINE_DAYS[kind])

        plan: list[Action] = []
        at_risk = parents_at_risk(incident, engine)
        retained = deletion_from_device_forbidden(engine)
        for child in incident.children.all():
            roles = child_roles(child, engine)
            if child not in at_risk and not has(Action.Kind.INFORM_PARENTS, child):
                plan.append(Action(kind=Action.Kind.INFORM_PARENTS, child=child, details={}))
            if not has(Action.Kind.SUPPORT, child):
                plan.append(
                    Action(
                        kind=Action.Kind.SUPPORT,
                        child=child,
                        details={"groups": list(support_groups(roles))},
                    )
                )
            if DELETION_ROLES & set(roles):
                if retained:
                    if not has(Action.Kind.DEVICE, child):
                        plan.append(Action(kind=Action.Kind.DEVICE, child=child, details={}))
                elif not has(Action.Kind.DELETION, child, place="device"):
                    plan.append(
                        Action(kind=Action.Kind.DELETION, child=child, details={"place": "device"})
                    )
        if engine.shared_online and not has(Action.Kind.TAKE_DOWN, None):
            plan.append(
                Action(
                    kind=Action.Kind.TAKE_DOWN,
                    details={"service": "report_remove", "status": "not_started"},
                )
            )
        if not has(Action.Kind.EDUCATION, None):
            plan.append(Action(kind=Action.Kind.EDUCATION, details={}))

        for action in plan:
            action.incident = incident
            action.owner = by
            action.deadline = deadline(action.kind)
            action.save()
            record_change(
                incident=incident,
                by=by,
                kind=IncidentEvent.Kind.ACTION_ADDED,
                request=request,
                params=_event_params(action, suggested=True),
                audit_action="create",
            )
    return Suggested(plan, at_risk, retained)


def _check_action_rules(
    incident: Incident, kind: str, child: IncidentChild | None, details: dict[str, Any]
) -> None:
    engine = engine_view(incident)
    if kind == Action.Kind.INFORM_PARENTS and child is not None:
        if child in parents_at_risk(incident, engine):
            raise ActionRefused("parents_at_risk")
    if (
        kind == Action.Kind.DELETION
        and details.get("place") == "device"
        and deletion_from_device_forbidden(engine)
    ):
        raise ActionRefused("device_retained")


def action_add(
    *,
    kind: str,
    child_id: Any,
    owner_id: Any,
    deadline: date,
    details: dict[str, Any],
    note: str = "",
    **who: Unpack[Who],
) -> Action:
    with locked_change(IncidentEvent.Kind.ACTION_ADDED, audit_action="create", **who) as change:
        incident = change.incident
        child = _child(incident, child_id)
        owner = _check_owner(incident, owner_id)
        if deadline < earliest_deadline(incident):
            raise ActionRefused("deadline_before_concern")
        _check_action_rules(incident, kind, child, details)
        action = Action.objects.create(
            incident=incident,
            kind=kind,
            child=child,
            owner=owner,
            deadline=deadline,
            details=details,
            note=note,
        )
        change.params = _event_params(action)
    return action


def get_action(incident: Incident, action_id: Any) -> Action:
    action = (
        Action.objects.filter(incident=incident, pk=action_id)
        .select_related("child", "owner")
        .first()
    )
    if action is None:
        raise access.IncidentNotFound
    return action


def action_update(
    *,
    action_id: Any,
    status: str,
    owner_id: Any,
    deadline: date,
    note: str,
    details: dict[str, Any],
    **who: Unpack[Who],
) -> Action:
    """Change an action. Marking it done needs a note of completion (the views ask for
    what each kind needs: a deletion's confirmation, a take-down's outcome)."""
    with locked_change(IncidentEvent.Kind.ACTION_UPDATED, **who) as change:
        incident = change.incident
        action = Action.objects.select_for_update().get(pk=get_action(incident, action_id).pk)
        owner = _check_owner(incident, owner_id)
        if deadline < earliest_deadline(incident):
            raise ActionRefused("deadline_before_concern")
        if status == Action.Status.DONE and not note.strip():
            raise ActionRefused("completion_note_required")
        merged = {**action.details, **details}
        if merged != action.details:
            _check_action_rules(incident, action.kind, action.child, merged)
        changed = [
            name
            for name, before, after in (
                ("status", action.status, status),
                ("owner", action.owner_id, owner.pk),
                ("deadline", action.deadline, deadline),
                ("note", action.note, note),
                ("details", action.details, merged),
            )
            if before != after
        ]
        if not changed:
            change.recorded = False
            return action
        previous = action.status
        becomes_done = status == Action.Status.DONE and previous != Action.Status.DONE
        action.status = status
        action.owner = owner
        action.deadline = deadline
        action.note = note
        action.details = merged
        if status == Action.Status.OPEN:
            action.completed_at = None
        elif previous != status or action.completed_at is None:
            action.completed_at = timezone.now()
        action.save()
        if becomes_done:
            change.kind = IncidentEvent.Kind.ACTION_DONE
        change.params = _event_params(action, status=status, fields=changed)
    return action
