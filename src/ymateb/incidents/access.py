"""The one access-policy layer for incident data.

Every view, export and command that reaches incident data asks here. Decisions are made by
role and setting membership (PRODUCT.md, "Who uses it"), from the one table of roles and
permissions in ymateb.incidents.permissions (the workflow and the PIN reveal read it too):

| role        | in their own setting(s)                                   |
|-------------|-----------------------------------------------------------|
| staff       | report a concern; see their own receipts; nothing else    |
| dsp, deputy | everything about the setting's incidents                  |
| leadership  | read the setting's incidents; sign off decisions          |
| oversight   | anonymised figures only (an incident only when shared)    |
| admin       | users and settings; never the content of an incident      |

`access_incident` raises the same `IncidentNotFound` for "does not exist" and "not yours",
so a URL never reveals that an incident exists.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from ymateb.accounts.models import User
from ymateb.incidents.models import Incident
from ymateb.incidents.permissions import ROLE_PERMISSIONS, Permission
from ymateb.tenancy.models import Membership

__all__ = [
    "ROLE_PERMISSIONS",
    "IncidentNotFound",
    "Permission",
    "access_incident",
    "has_permission",
    "incidents_for",
    "setting_ids_with",
]


class IncidentNotFound(Http404):
    """Raised alike for a missing incident and for one the person may not reach."""


def setting_ids_with(user: User, permission: Permission) -> set[int]:
    """The settings in which the user holds a role that grants the permission."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return set()
    roles = [role for role, perms in ROLE_PERMISSIONS.items() if permission in perms]
    return set(
        Membership.objects.confirmed()
        .filter(user=user, role__in=roles)
        .values_list("setting_id", flat=True)
    )


def has_permission(user: User, permission: Permission, setting_id: int | None = None) -> bool:
    ids = setting_ids_with(user, permission)
    return bool(ids) if setting_id is None else setting_id in ids


def incidents_for(
    user: User, permission: Permission = Permission.VIEW_INCIDENT
) -> QuerySet[Incident]:
    """Incidents the user may reach with the permission. Always start a query here."""
    return Incident.objects.filter(setting_id__in=setting_ids_with(user, permission))


def access_incident(
    user: User, incident_id: Any, permission: Permission = Permission.VIEW_INCIDENT
) -> Incident:
    try:
        key = uuid.UUID(str(incident_id))
    except ValueError as exc:
        raise IncidentNotFound from exc
    incident = incidents_for(user, permission).select_related("setting").filter(pk=key).first()
    if incident is None:
        raise IncidentNotFound
    return incident
