"""Reading incidents for display: through the access layer, with the audit row written in
the same transaction as the read (if it cannot be written, nothing is returned)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.http import HttpRequest

from ymateb.accounts.models import User
from ymateb.audit.services import audit
from ymateb.incidents import access
from ymateb.incidents.access import Permission
from ymateb.incidents.auditing import audit_incident
from ymateb.incidents.models import Incident


def view_incident(
    *, user: User, incident_id: Any, request: HttpRequest | None, what: str = "incident"
) -> Incident:
    """Read an incident for display. The audit row is written in the same transaction as
    the read; if it cannot be written, the incident is not returned."""
    with transaction.atomic():
        try:
            incident = access.access_incident(user, incident_id, Permission.VIEW_INCIDENT)
        except access.IncidentNotFound:
            if user.is_authenticated and _looks_like_uuid(incident_id):
                audit_incident(user, "refused", incident_id, None, request=request, what=what)
            raise
        audit_incident(user, "view", incident.pk, incident.setting_id, request=request, what=what)
    return incident


def list_incidents(*, user: User, request: HttpRequest | None) -> list[Incident]:
    with transaction.atomic():
        incidents = list(
            access.incidents_for(user, Permission.VIEW_INCIDENT)
            .select_related("setting")
            .order_by("-reported_at")
        )
        audit(
            actor=user,
            action="list",
            object_type="incident",
            request=request,
            detail={"count": len(incidents)},
        )
    return incidents


def _looks_like_uuid(value: Any) -> bool:
    import uuid

    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


# --- changing an incident: access, closed records, lost updates, transitions -------------
