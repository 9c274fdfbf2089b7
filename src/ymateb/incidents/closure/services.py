"""Closing an incident and adding to a closed record ("Recording incidents").

A closed record is read-only; anything learned later goes in as a dated addendum, so the
record as it stood at closure can always be read back.
"""

from __future__ import annotations

from typing import Unpack

from django.db import transaction

from ymateb.incidents import changes, workflow
from ymateb.incidents.changes import Who
from ymateb.incidents.models import Addendum, Incident, IncidentEvent


def incident_close(
    *, outcome_summary: str, out_of_scope: bool = False, **who: Unpack[Who]
) -> Incident:
    """Close the incident with its outcome summary, or close it as outside this guidance
    (only at the initial review, before any decision: the workflow checks)."""
    transition = (
        workflow.Transition.CLOSE_OUT_OF_SCOPE if out_of_scope else workflow.Transition.CLOSE
    )
    with transaction.atomic():
        incident = changes.incident_transition(
            **who,
            transition=transition,
            reason=outcome_summary,
        )
        incident.outcome_summary = outcome_summary
        incident.save(update_fields=["outcome_summary"])
    return incident


def addendum_add(*, text: str, **who: Unpack[Who]) -> Addendum:
    """A dated addendum: the one change a closed incident accepts."""
    by = who["by"]
    with changes.locked_change(IncidentEvent.Kind.ADDENDUM, allow_closed=True, **who) as change:
        return Addendum.objects.create(incident=change.incident, text=text, created_by=by)
