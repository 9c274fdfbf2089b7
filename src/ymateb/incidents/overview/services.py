"""The incident page's own change: when the incident should next be reviewed."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.http import HttpRequest

from ymateb.incidents import changes
from ymateb.incidents.models import Incident, IncidentEvent


def review_date_set(
    *,
    by: Any,
    incident_id: Any,
    review_on: date,
    expected_version: int | None,
    request: HttpRequest | None,
) -> Incident:
    with transaction.atomic():
        incident = changes.incident_for_change(
            user=by, incident_id=incident_id, expected_version=expected_version
        )
        incident.next_review_on = review_on
        incident.save(update_fields=["next_review_on"])
        changes.record_change(
            incident=incident,
            by=by,
            kind=IncidentEvent.Kind.ACTION_UPDATED,
            request=request,
            params={"what": "review_date"},
        )
    return incident
