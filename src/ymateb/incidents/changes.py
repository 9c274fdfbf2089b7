"""Changing an incident: the access check, the lock, closed records, lost updates, the
chronology line and the audit row of each change, and moves along the workflow.

Every write of the journey (each stage's `services.py`) goes through here, so a change is
always locked, versioned and recorded in the same transaction as the data it changes.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, NotRequired, TypedDict, Unpack

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from ymateb.accounts.models import User
from ymateb.incidents import access
from ymateb.incidents.access import Permission
from ymateb.incidents.auditing import audit_incident
from ymateb.incidents.models import Incident, IncidentEvent


class Refused(Exception):
    """A change that a rule of the guidance does not allow. `message` says why, in words for
    the person; `field` names the form field it concerns (None: the page as a whole); `code`
    names the rule, for tests and logs."""

    def __init__(self, message: Any, *, field: str | None = None, code: str = "") -> None:
        super().__init__(code or str(message))
        self.message = message
        self.field = field
        self.code = code


class IncidentClosed(Exception):
    """A closed incident is read-only; later facts go in as addenda."""


class IncidentConflict(Exception):
    """Someone else saved the incident after this person opened it (no lost updates)."""

    def __init__(self, incident: Incident, since: list[IncidentEvent]) -> None:
        super().__init__("incident changed since it was opened")
        self.incident = incident
        self.since = since


class Who(TypedDict):
    """Who changes which incident, from which request, and the version of the incident
    their page was built from (None: no check). Every service write takes these as keywords
    (`**who: Unpack[Who]`) and hands them on whole to `locked_change` or
    `incident_transition`; a page builds them with `pages.change_of`."""

    by: User
    incident_id: Any
    request: NotRequired[HttpRequest | None]
    expected_version: NotRequired[int | None]


def roles_in_setting(user: User, setting_id: int) -> set[str]:
    from ymateb.tenancy.models import Membership

    return set(
        Membership.objects.filter(user=user, setting_id=setting_id).values_list("role", flat=True)
    )


def incident_for_change(
    *,
    user: User,
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
    by: User,
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
        actor=by,
        kind=kind,
        reason=reason,
        params=params or {},
        from_state=from_state,
        to_state=to_state,
    )
    Incident.objects.filter(pk=incident.pk).update(version=incident.version + 1)
    incident.version += 1
    to = {"to": to_state} if to_state else {}
    audit_incident(by, audit_action, incident.pk, incident.setting_id, request, what=kind, **to)
    return event


@dataclass
class Change:
    """One change being made to a locked incident. The body of `locked_change` changes the
    data and may add to `params` (what the chronology line says), choose another `kind`, or
    set `recorded = False` when it found nothing to change."""

    incident: Incident
    kind: str
    params: dict[str, Any] = field(default_factory=dict)
    recorded: bool = True


@contextmanager
def locked_change(
    kind: str,
    *,
    audit_action: str = "update",
    allow_closed: bool = False,
    permission: Permission = Permission.CHANGE_INCIDENT,
    **who: Unpack[Who],
) -> Iterator[Change]:
    """The one way a service changes an incident: in one transaction, lock it after the
    access and version checks (`incident_for_change`), let the body change the data, then
    write the chronology line, the new version and the audit row (`record_change`). If the
    body raises, nothing is written.

        with locked_change(IncidentEvent.Kind.REFERRAL, **who) as change:
            referral = Referral.objects.create(incident=change.incident, ...)
            change.params["referral_id"] = str(referral.pk)
    """
    with transaction.atomic():
        incident = incident_for_change(
            user=who["by"],
            incident_id=who["incident_id"],
            expected_version=who.get("expected_version"),
            permission=permission,
            allow_closed=allow_closed,
        )
        change = Change(incident=incident, kind=kind)
        yield change
        if change.recorded:
            record_change(
                incident=incident,
                by=who["by"],
                kind=change.kind,
                request=who.get("request"),
                params=change.params,
                audit_action=audit_action,
            )


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


def incident_transition(transition: str, *, reason: str = "", **who: Unpack[Who]) -> Incident:
    """Move an incident along its journey (see ymateb.incidents.workflow). Raises
    workflow.IllegalTransition with a reason code when the move is not allowed."""
    from ymateb.incidents import workflow

    with transaction.atomic():
        # Whoever may read the incident gets this far; the workflow says which of their
        # roles may make this move (leadership signs off, DSPs do the rest).
        by = who["by"]
        incident = incident_for_change(
            user=by,
            incident_id=who["incident_id"],
            expected_version=who.get("expected_version"),
            permission=Permission.VIEW_INCIDENT,
        )
        roles = roles_in_setting(by, incident.setting_id)
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
            by=by,
            kind=IncidentEvent.Kind.TRANSITION,
            request=who.get("request"),
            reason=reason,
            params={"transition": str(transition)},
            audit_action="transition",
            from_state=previous,
            to_state=target,
        )
    return incident
