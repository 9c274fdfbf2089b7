"""Retention review and two-person destruction ("Recording incidents"; PRODUCT.md "Records").

Nothing is deleted automatically. A record past its retention date is listed for review;
one authorised person asks for it to be destroyed, a different one approves, and the
record's content goes, leaving a tombstone.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from ymateb.accounts.models import User
from ymateb.incidents import access
from ymateb.incidents.access import Permission
from ymateb.incidents.auditing import audit_incident, audit_listed
from ymateb.incidents.models import (
    Action,
    Addendum,
    Alert,
    ContinuumPlacement,
    Device,
    Incident,
    IncidentChild,
    IncidentEvent,
    Interview,
    Referral,
    Review,
    RiskAssessment,
    SignOff,
)
from ymateb.records.models import DestructionRequest, RecordTombstone

# Every model that points at an incident, in the order destruction removes them.
DESTROYED_WITH_INCIDENT = (
    Alert,
    Addendum,
    Device,
    ContinuumPlacement,
    Interview,
    RiskAssessment,
    Referral,
    SignOff,
    Review,
    Action,
    IncidentEvent,
    IncidentChild,
)


def policy_text() -> str:
    return f"Youngest child's date of birth + {settings.YMATEB_RETENTION_YEARS} years"


def due_for_review(today: date | None = None, user: User | None = None) -> QuerySet[Incident]:
    """Incidents whose retention date has come, for everyone (commands) or for one person."""
    today = today or timezone.localdate()
    base = (
        Incident.objects.all()
        if user is None
        else access.incidents_for(user, Permission.REVIEW_RETENTION)
    )
    return (
        base.filter(retention_until__lte=today)
        .select_related("setting", "destruction_request")
        .order_by("retention_until")
    )


def review_list(*, user: User, request: HttpRequest | None) -> list[Incident]:
    """The retention review page's list for one person, audited: listing incidents is a
    read of incident data. The audit row is written in the same transaction as the read;
    if it cannot be written, the list is not returned."""
    with transaction.atomic():
        due = list(due_for_review(user=user))
        audit_listed(user, "retention_review", len(due), request)
    return due


def _due_incident(user: User, incident_id: Any) -> Incident:
    incident = access.access_incident(user, incident_id, Permission.REVIEW_RETENTION)
    if incident.retention_until is None or incident.retention_until > timezone.localdate():
        raise ValidationError(_("This record is not yet due for review. Nothing was changed."))
    return incident


def destruction_request(*, by: User, incident_id: Any, request: HttpRequest | None) -> None:
    with transaction.atomic():
        incident = _due_incident(by, incident_id)
        if DestructionRequest.objects.filter(incident=incident).exists():
            raise ValidationError(_("Destruction has already been asked for. Nothing was changed."))
        DestructionRequest.objects.create(incident=incident, requested_by=by)
        audit_incident(by, "request_destruction", incident.pk, incident.setting_id, request=request)


def destruction_approve(
    *, by: User, incident_id: Any, request: HttpRequest | None
) -> RecordTombstone:
    with transaction.atomic():
        incident = _due_incident(by, incident_id)
        pending = DestructionRequest.objects.filter(incident=incident).first()
        if pending is None:
            raise ValidationError(_("Someone must ask for destruction first. Nothing was changed."))
        if pending.requested_by_id == by.pk:
            raise PermissionDenied(
                _("A different person must approve the destruction you asked for.")
            )
        tombstone = RecordTombstone.objects.create(
            incident_id=incident.pk,
            reference=incident.reference,
            setting_id=incident.setting_id,
            reported_on=timezone.localdate(incident.reported_at),
            retention_until=incident.retention_until,
            policy=policy_text(),
            requested_by_id=pending.requested_by_id,
            requested_at=pending.requested_at,
            approved_by=by,
        )
        for model in DESTROYED_WITH_INCIDENT:
            model.objects.filter(incident=incident).delete()
        pending.delete()
        incident_pk, setting_id = incident.pk, incident.setting_id
        incident.delete()
        audit_incident(
            by, "destroy", incident_pk, setting_id, request=request, tombstone=str(tombstone.pk)
        )
    return tombstone
