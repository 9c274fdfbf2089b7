"""The incident page's own change: when the incident should next be reviewed."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest

from ymateb.accounts.models import User
from ymateb.incidents import changes
from ymateb.incidents.models import Incident, IncidentEvent


def review_date_set(
    *,
    by: User,
    incident_id: Any,
    review_on: date,
    expected_version: int | None,
    request: HttpRequest | None,
) -> Incident:
    with changes.locked_change(
        by=by,
        incident_id=incident_id,
        kind=IncidentEvent.Kind.ACTION_UPDATED,
        request=request,
        expected_version=expected_version,
    ) as change:
        change.incident.next_review_on = review_on
        change.incident.save(update_fields=["next_review_on"])
        change.params["what"] = "review_date"
    return change.incident
