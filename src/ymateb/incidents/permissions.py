"""Who may do what: the one table of roles and permissions. Plain Python: no Django.

Every check in Ymateb reads this table: the access layer (ymateb.incidents.access) for which
settings' incidents a person reaches, the incident workflow (ymateb.incidents.workflow)
for who may take each step of the journey, and the device PIN reveal. Roles are held per
setting (tenancy Membership); the role names are tenancy's `Role` values, and a test
checks the two agree. The installation admin and local-authority oversight hold no role in
a setting, so nothing here grants them anything about an incident (PRODUCT.md, "Who uses
it"):

| role        | in their own setting(s)                                   |
|-------------|-----------------------------------------------------------|
| staff       | report a concern; see their own receipts; nothing else    |
| dsp, deputy | everything about the setting's incidents                  |
| leadership  | read the setting's incidents; sign off decisions          |
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum


class Permission(StrEnum):
    REPORT_CONCERN = "report_concern"
    VIEW_INCIDENT = "view_incident"
    CHANGE_INCIDENT = "change_incident"
    SIGN_OFF_DECISION = "sign_off_decision"
    REVEAL_DEVICE_PIN = "reveal_device_pin"
    EXPORT_SUBJECT_ACCESS = "export_subject_access"
    VIEW_ACCESS_LOG = "view_access_log"
    REVIEW_RETENTION = "review_retention"


STAFF = "staff"
DSP = "dsp"
DEPUTY_DSP = "deputy_dsp"
LEADERSHIP = "leadership"

_DSP_PERMISSIONS = frozenset(
    {
        Permission.REPORT_CONCERN,
        Permission.VIEW_INCIDENT,
        Permission.CHANGE_INCIDENT,
        Permission.REVEAL_DEVICE_PIN,
        Permission.EXPORT_SUBJECT_ACCESS,
        Permission.VIEW_ACCESS_LOG,
        Permission.REVIEW_RETENTION,
    }
)

ROLE_PERMISSIONS: dict[str, frozenset[Permission]] = {
    STAFF: frozenset({Permission.REPORT_CONCERN}),
    DSP: _DSP_PERMISSIONS,
    DEPUTY_DSP: _DSP_PERMISSIONS,
    LEADERSHIP: frozenset(
        {
            Permission.REPORT_CONCERN,
            Permission.VIEW_INCIDENT,
            Permission.SIGN_OFF_DECISION,
            Permission.REVIEW_RETENTION,
        }
    ),
}


def roles_with(permission: Permission | str) -> frozenset[str]:
    """The roles that grant the permission."""
    return frozenset(role for role, perms in ROLE_PERMISSIONS.items() if permission in perms)


def permissions_of(roles: Iterable[str]) -> frozenset[Permission]:
    """Everything the roles grant together."""
    granted: set[Permission] = set()
    for role in roles:
        granted |= ROLE_PERMISSIONS.get(role, frozenset())
    return frozenset(granted)


def grants(roles: Iterable[str], permission: Permission | str) -> bool:
    """Whether any of the roles grants the permission."""
    return Permission(permission) in permissions_of(roles)
