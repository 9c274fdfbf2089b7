"""PostgreSQL row-level security for incident data, keyed on the settings of the person
making the request.

The incident tables carry a policy that shows a row only when its setting is in the
session variable `ymateb.setting_ids` (set here at the start of every request, cleared at
the end). So a query that forgets to filter by setting returns no rows of another school,
rather than all of them. The access-policy layer (records.access) is still the rule; this
is the net under it.

The policy binds the role the application connects as. The table owner (the role that
runs migrations and management commands) is not bound, since PostgreSQL exempts table
owners unless FORCE ROW LEVEL SECURITY is set: deploy with separate owner and application
roles (see docs/adr/0005-records.md). On SQLite this does nothing.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import connection
from django.http import HttpRequest, HttpResponse

from ymateb.tenancy.models import Membership

SETTING_IDS = "ymateb.setting_ids"

# Tables with a setting_id of their own, and tables whose rows belong to an incident.
SETTING_TABLES = ("incidents_incident",)
INCIDENT_CHILD_TABLES = (
    "incidents_incidentchild",
    "incidents_incidentevent",
    "incidents_action",
    "incidents_review",
    "incidents_signoff",
    "incidents_referral",
    "incidents_riskassessment",
    "incidents_interview",
    "incidents_continuumplacement",
    "incidents_device",
    "incidents_addendum",
    "incidents_alert",
)


def _visible() -> str:
    return (
        "setting_id = ANY (string_to_array(NULLIF(current_setting('"
        + SETTING_IDS
        + "', true), ''), ',')::bigint[])"
    )


def enable_sql(
    setting_tables: tuple[str, ...] = SETTING_TABLES,
    child_tables: tuple[str, ...] = INCIDENT_CHILD_TABLES,
) -> list[str]:
    """Statements that enable the policies; a migration passes the tables it created."""
    statements = []
    for table in setting_tables:
        statements += [
            f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY",
            f"CREATE POLICY {table}_by_setting ON {table} "
            f"USING ({_visible()}) WITH CHECK ({_visible()})",
        ]
    for table in child_tables:
        # Table names come from the constants above, never from input.
        belongs = (
            "EXISTS (SELECT 1 FROM incidents_incident i WHERE i.id = "  # noqa: S608
            f"{table}.incident_id)"
        )
        statements += [
            f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY",
            f"CREATE POLICY {table}_by_incident ON {table} "
            f"USING ({belongs}) WITH CHECK ({belongs})",
        ]
    return statements


def disable_sql(
    setting_tables: tuple[str, ...] = SETTING_TABLES,
    child_tables: tuple[str, ...] = INCIDENT_CHILD_TABLES,
) -> list[str]:
    statements = []
    for table in setting_tables:
        statements += [
            f"DROP POLICY IF EXISTS {table}_by_setting ON {table}",
            f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY",
        ]
    for table in child_tables:
        statements += [
            f"DROP POLICY IF EXISTS {table}_by_incident ON {table}",
            f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY",
        ]
    return statements


def set_scope(setting_ids: set[int] | list[int]) -> None:
    if connection.vendor != "postgresql":
        return
    value = ",".join(str(int(i)) for i in sorted(setting_ids))
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config(%s, %s, false)", [SETTING_IDS, value])


class SettingScopeMiddleware:
    """Sets the row-level-security scope to the signed-in person's settings."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if connection.vendor != "postgresql":
            return self.get_response(request)
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            # Nothing to scope: the variable is empty outside a signed-in request, so the
            # policies show no rows. (The health check must not touch more than it asks.)
            return self.get_response(request)
        ids = set(Membership.objects.filter(user=user).values_list("setting_id", flat=True))
        set_scope(ids)
        try:
            return self.get_response(request)
        finally:
            set_scope(set())
