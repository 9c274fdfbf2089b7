"""The audit rows about incidents, in the words of the journey: one incident read, changed
or refused (`audit_incident`), or a list of incidents read (`audit_listed`). Both write
through `ymateb.audit.services.audit`, in the caller's transaction."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest

from ymateb.accounts.models import User
from ymateb.audit.models import AuditEvent
from ymateb.audit.services import audit, audit_about


def audit_incident(
    actor: User | AnonymousUser | None,
    action: str,
    incident_id: Any,
    setting_id: int | None,
    request: HttpRequest | None = None,
    **detail: Any,
) -> AuditEvent:
    """One incident read, changed, exported or refused; `detail` holds identifiers and codes
    only (see AuditEvent)."""
    return audit_about(
        "incident", actor, action, incident_id, setting_id=setting_id, request=request, **detail
    )


def audit_listed(
    actor: User | None, what: str, count: int, request: HttpRequest | None = None
) -> AuditEvent:
    """A list of incidents read (`what` names the list), with how many it held."""
    return audit(
        actor=actor,
        action="list",
        object_type="incident",
        request=request,
        detail={"what": what, "count": count},
    )
