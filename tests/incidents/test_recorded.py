"""A record about an incident reads as the incident's id and what it is, in English whatever
the page's language (incidents/models/recorded.py)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from django.utils import translation

from ymateb.incidents.models import Addendum, Device, Interview, Review, RiskAssessment

INCIDENT = uuid.UUID("00000000-0000-4000-8000-000000000001")
CHILD = uuid.UUID("00000000-0000-4000-8000-000000000002")


def test_a_record_reads_as_its_incident_and_its_untranslated_name() -> None:
    with translation.override("cy"):
        assert str(Device(incident_id=INCIDENT)) == f"{INCIDENT} device"
        assert str(Addendum(incident_id=INCIDENT)) == f"{INCIDENT} addendum"
        assert str(RiskAssessment(incident_id=INCIDENT)) == f"{INCIDENT} risk assessment"


def test_an_interview_and_a_review_add_the_child_and_the_time() -> None:
    at = datetime(2025, 3, 4, 9, 30, tzinfo=UTC)
    interview = Interview(incident_id=INCIDENT, child_id=CHILD)
    assert str(interview) == f"{INCIDENT} interview {CHILD}"
    assert str(Review(incident_id=INCIDENT, created_at=at)) == f"{INCIDENT} review 2025-03-04 09:30"
