"""Incidents and the children involved. Kept apart from every other record about a child.

Sensitive text (what was said, names, dates of birth) is encrypted at rest. Nothing here
can hold an image: there is no file or binary field, and text fields refuse image data.
"""

from __future__ import annotations

from ymateb.incidents.models.actions import Action, Device
from ymateb.incidents.models.incident import (
    STATE_LABELS,
    Addendum,
    Alert,
    HowItCameToLight,
    Incident,
    IncidentChild,
    IncidentEvent,
    IncidentState,
)
from ymateb.incidents.models.referral import Referral
from ymateb.incidents.models.review import Review, SignOff
from ymateb.incidents.models.risk import ContinuumPlacement, Interview, RiskAssessment

__all__ = [
    "Action",
    "Addendum",
    "Alert",
    "ContinuumPlacement",
    "Device",
    "HowItCameToLight",
    "Incident",
    "IncidentChild",
    "IncidentEvent",
    "IncidentState",
    "Interview",
    "Referral",
    "Review",
    "RiskAssessment",
    "STATE_LABELS",
    "SignOff",
]
