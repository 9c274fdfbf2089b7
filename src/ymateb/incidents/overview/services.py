"""The incident page's own change: when the incident should next be reviewed."""

from __future__ import annotations

from datetime import date
from typing import Unpack

from ymateb.incidents import changes
from ymateb.incidents.changes import Who
from ymateb.incidents.models import Incident, IncidentEvent


def review_date_set(*, review_on: date, **who: Unpack[Who]) -> Incident:
    with changes.locked_change(IncidentEvent.Kind.ACTION_UPDATED, **who) as change:
        change.incident.next_review_on = review_on
        change.incident.save(update_fields=["next_review_on"])
        change.params["what"] = "review_date"
    return change.incident
