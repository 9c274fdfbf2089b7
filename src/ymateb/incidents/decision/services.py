"""Sending a decision not to refer for sign-off; leadership signs it off or returns it to
the DSP ("Recording incidents")."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Unpack

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from ymateb.accounts.models import User
from ymateb.incidents import access, changes, workflow
from ymateb.incidents.access import Permission
from ymateb.incidents.auditing import audit_listed
from ymateb.incidents.changes import Who
from ymateb.incidents.engine_record import latest_review
from ymateb.incidents.models import Incident, IncidentEvent, Review, SignOff
from ymateb.incidents.review.services import ReviewRefused


def _decision_step(
    transition: str,
    *,
    reason: str | None = "",
    leadership: bool = False,
    **who: Unpack[Who],
) -> tuple[Incident, Review | None]:
    """Lock the incident, check there is a decision not to refer to act on (and, for
    `leadership`, that the person may sign it off), then take the workflow's step with
    `reason` (None: the decision's own reason). Returns the incident as moved on and the
    decision's review."""
    with transaction.atomic():
        incident = changes.incident_for_change(
            user=who["by"],
            incident_id=who["incident_id"],
            expected_version=who.get("expected_version"),
            permission=Permission.VIEW_INCIDENT if leadership else Permission.CHANGE_INCIDENT,
        )
        if leadership and not can_sign_off(who["by"], incident):
            raise PermissionDenied
        review = latest_review(incident)
        handled = review is not None and review.decision == Review.Decision.HANDLE_IN_SETTING
        if transition != workflow.Transition.RETURN_TO_REVIEW and not handled:
            raise ReviewRefused(
                _("There is no decision not to refer to sign off.")
                if leadership
                else _(
                    "Only a decision to handle the incident in the setting goes for sign-off. "
                    "Record that decision, with its reason, first."
                )
            )
        if reason is None:
            reason = review.decision_reason if review else ""
        moved = changes.incident_transition(
            transition,
            reason=reason,
            by=who["by"],
            incident_id=incident.pk,
            request=who.get("request"),
            expected_version=incident.version,
        )
        return moved, review


def review_send_for_sign_off(**who: Unpack[Who]) -> Incident:
    """Send a decision not to refer to leadership for sign-off ("Recording incidents")."""
    incident, _review = _decision_step(workflow.Transition.SEND_FOR_SIGN_OFF, reason=None, **who)
    return incident


def can_sign_off(user: User, incident: Incident) -> bool:
    return access.has_permission(user, Permission.SIGN_OFF_DECISION, incident.setting_id)


def decision_sign_off(*, note: str = "", **who: Unpack[Who]) -> SignOff:
    """A member of the setting's leadership signs off a decision not to refer (R-176).

    When the signer also recorded the decision (a DSP who is also the headteacher), the
    sign-off says so: `same_person_as_decider`."""
    by = who["by"]
    with transaction.atomic():
        incident, review = _decision_step(workflow.Transition.SIGN_OFF, leadership=True, **who)
        if review is None:  # not reached: _decision_step refuses a sign-off without one
            raise ReviewRefused(_("There is no decision not to refer to sign off."))
        same = review.created_by_id == by.pk
        sign_off = SignOff.objects.create(
            incident=incident, review=review, signed_by=by, same_person_as_decider=same, note=note
        )
        changes.record_change(
            incident=incident,
            by=by,
            kind=IncidentEvent.Kind.SIGNED_OFF,
            request=who.get("request"),
            audit_action="create",
            params={"review_id": str(review.pk), "same_person_as_decider": same},
        )
    return sign_off


def decision_return(*, reason: str, **who: Unpack[Who]) -> Incident:
    """Leadership returns the decision to the DSP with a reason (awaiting sign-off →
    initial review)."""
    incident, _review = _decision_step(
        workflow.Transition.RETURN_TO_REVIEW, reason=reason, leadership=True, **who
    )
    return incident


# --- reads for other pages -------------------------------------------------------------------


def awaiting_sign_off(user: User, request: HttpRequest | None = None) -> list[Incident]:
    """Incidents waiting for this person's sign-off: state "awaiting sign-off" in the settings
    where they are leadership. For the dashboard's "Decisions awaiting sign-off"."""
    with transaction.atomic():
        incidents = list(
            access.incidents_for(user, Permission.SIGN_OFF_DECISION)
            .filter(state=workflow.State.AWAITING_SIGN_OFF)
            .select_related("setting")
            .order_by("reported_at")
        )
        if incidents:
            audit_listed(user, "awaiting_sign_off", len(incidents), request)
    return incidents


def sign_offs_of(incident: Incident) -> Iterable[SignOff]:
    return incident.sign_offs.select_related("signed_by", "review").order_by("signed_at")
