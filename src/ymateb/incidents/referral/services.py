"""Writes of the referral step ("How to report online content to the police", "Social services
contact and referrals"). Each is one transaction: the referral, its chronology line, the
version bump and the audit row, and the move to "referred" when the incident was elsewhere."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Unpack

from django.db import transaction
from django.utils import timezone, translation

from ymateb.incidents import access, changes, workflow
from ymateb.incidents.changes import Who
from ymateb.incidents.models import Incident, IncidentEvent, Referral

CRIME_REFERENCE_MAX = 30

#: The order the referral step offers the routes in: 999 first (a threat to life), then the
#: MASH ("may be the most appropriate place ... initially", R-159), then the rest.
ROUTE_ORDER: tuple[str, ...] = (
    Referral.Route.POLICE_999,
    Referral.Route.MASH,
    Referral.Route.SCPO,
    Referral.Route.POLICE_101,
    Referral.Route.SOCIAL_SERVICES,
    Referral.Route.NCA_CEOP,
)


def _check_made_at(incident: Incident, made_at: datetime) -> None:
    if made_at > timezone.now():
        raise ValueError("a referral cannot be recorded in the future")
    if timezone.localdate(made_at) < timezone.localdate(incident.reported_at):
        raise ValueError("a referral cannot be made before the concern was reported")


def referral_record(
    *,
    route: str,
    made_at: datetime,
    contact_name: str = "",
    crime_reference: str = "",
    agreed: str = "",
    **who: Unpack[Who],
) -> Referral:
    """Record one referral (R-113, R-120). An incident may have several.

    When the incident is open and not yet "referred", it moves there with the reason
    "Referral recorded: <route>" (escalation is open from every open state, R-082, R-105).
    """
    by = who["by"]
    request = who.get("request")
    route = Referral.Route(route)
    crime_reference = crime_reference.strip()
    if len(crime_reference) > CRIME_REFERENCE_MAX:
        raise ValueError("crime reference too long")
    with transaction.atomic():
        with changes.locked_change(
            IncidentEvent.Kind.REFERRAL, audit_action="create", **who
        ) as change:
            _check_made_at(change.incident, made_at)
            referral = Referral.objects.create(
                incident=change.incident,
                route=route,
                made_at=made_at,
                made_by=by,
                contact_name=contact_name,
                crime_reference=crime_reference,
                agreed=agreed,
            )
            change.params.update(
                referral_id=str(referral.pk),
                route=str(route),
                crime_reference=bool(crime_reference),
            )
        if change.incident.state != workflow.State.REFERRED:
            with translation.override("en"):
                label = str(route.label)
            changes.incident_transition(
                by=by,
                incident_id=change.incident.pk,
                transition=workflow.Transition.REFER,
                reason=f"Referral recorded: {label}",
                request=request,
            )
    return referral


def referral_outcome_record(
    *,
    referral_id: Any,
    outcome: str,
    outcome_on: date | None = None,
    note: str = "",
    crime_reference: str = "",
    **who: Unpack[Who],
) -> Referral:
    """Record what came of a referral, and a crime reference given later (R-120).

    A crime reference already recorded is kept as it is: a correction goes in as an addendum.
    """
    outcome = Referral.Outcome(outcome)
    crime_reference = crime_reference.strip()
    if len(crime_reference) > CRIME_REFERENCE_MAX:
        raise ValueError("crime reference too long")
    if outcome_on is not None and outcome_on > timezone.localdate():
        raise ValueError("an outcome date cannot be in the future")
    with changes.locked_change(IncidentEvent.Kind.REFERRAL_UPDATED, **who) as change:
        referral = referral_of(change.incident, referral_id, for_update=True)
        changed: list[str] = []
        if crime_reference and not referral.crime_reference:
            referral.crime_reference = crime_reference
            changed.append("crime_reference")
        if outcome != referral.outcome:
            changed.append("outcome")
        referral.outcome = outcome
        if outcome_on != referral.outcome_at:
            changed.append("outcome_at")
        referral.outcome_at = outcome_on
        if note != referral.outcome_note:
            changed.append("outcome_note")
        referral.outcome_note = note
        referral.save(update_fields=["crime_reference", "outcome", "outcome_at", "outcome_note"])
        change.params.update(
            referral_id=str(referral.pk),
            route=referral.route,
            outcome=str(outcome),
            fields=changed,
        )
    return referral


def referral_of(incident: Incident, referral_id: Any, *, for_update: bool = False) -> Referral:
    """A referral of this incident, or IncidentNotFound (404) for any other id."""
    rows = Referral.objects.filter(incident=incident, pk=referral_id)
    rows = rows.select_for_update() if for_update else rows.select_related("made_by")
    referral = rows.first()
    if referral is None:
        raise access.IncidentNotFound
    return referral
