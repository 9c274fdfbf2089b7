"""Closing an incident and adding to a closed record ("Recording incidents").

A closed record is read-only; anything learned later goes in as a dated addendum, so the
record as it stood at closure can always be read back.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.http import HttpRequest

from ymateb.accounts.models import User
from ymateb.incidents import changes, workflow
from ymateb.incidents.models import Addendum, Incident, IncidentEvent


def incident_close(
    *,
    by: User,
    incident_id: Any,
    outcome_summary: str,
    out_of_scope: bool = False,
    expected_version: int | None,
    request: HttpRequest | None,
) -> Incident:
    """Close the incident with its outcome summary, or close it as outside this guidance
    (only at the initial review, before any decision: the workflow checks)."""
    transition = (
        workflow.Transition.CLOSE_OUT_OF_SCOPE if out_of_scope else workflow.Transition.CLOSE
    )
    with transaction.atomic():
        incident = changes.incident_transition(
            by=by,
            incident_id=incident_id,
            transition=transition,
            reason=outcome_summary,
            request=request,
            expected_version=expected_version,
        )
        incident.outcome_summary = outcome_summary
        incident.save(update_fields=["outcome_summary"])
    return incident


def addendum_add(
    *,
    by: User,
    incident_id: Any,
    text: str,
    expected_version: int | None,
    request: HttpRequest | None,
) -> Addendum:
    """A dated addendum: the one change a closed incident accepts."""
    with changes.locked_change(
        by=by,
        incident_id=incident_id,
        kind=IncidentEvent.Kind.ADDENDUM,
        request=request,
        expected_version=expected_version,
        allow_closed=True,
    ) as change:
        return Addendum.objects.create(incident=change.incident, text=text, created_by=by)
