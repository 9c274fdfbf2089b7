"""PostgreSQL row-level security for incident data, keyed on the settings of the person
making the request.

The incident tables carry a policy that shows a row only when its setting is in the
variable `ymateb.setting_ids`. The variable is set transaction-locally
(`set_config(..., true)`): a signed-in request runs in one transaction that starts by
setting it, and a background job or command sets it for each transaction it opens
(`scoped`). Nothing outlives its transaction, so a connection handed to another client by a
transaction-mode pooler (PgBouncer) carries no scope, and a query with no scope (no
request, a forgotten `scoped`, a person with no setting) returns no rows. So a query that
forgets to filter by setting returns no rows of another school, rather than all of them.
The access-policy layer (records.access) is still the rule; this is the net under it.

The policies are FORCEd (migration records 0002), so they bind the tables' owner too;
the web app and worker roles own nothing and cannot bypass them (ymateb.records.roles,
docs/adr/0011-database-roles.md). On SQLite this does nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from django.db import connection, transaction
from django.http import HttpRequest, HttpResponse

from ymateb.tenancy.models import Membership

if TYPE_CHECKING:
    from ymateb.accounts.models import User

SETTING_IDS = "ymateb.setting_ids"

# Tables with a setting_id of their own, and tables whose rows belong to an incident.
SETTING_TABLES = ("incidents_incident", "records_recordtombstone")
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
    "records_destructionrequest",
)


def _visible() -> str:
    return (
        "setting_id = ANY (string_to_array(NULLIF(current_setting('"
        + SETTING_IDS
        + "', true), ''), ',')::bigint[])"
    )


def _policies(
    setting_tables: tuple[str, ...], child_tables: tuple[str, ...]
) -> Iterator[tuple[str, str, str]]:
    """Each table's policy: the table, the policy's name and the rows it lets through."""
    for table in setting_tables:
        yield table, f"{table}_by_setting", _visible()
    for table in child_tables:
        # Table names come from the constants above, never from input.
        belongs = (
            "EXISTS (SELECT 1 FROM incidents_incident i WHERE i.id = "  # noqa: S608
            f"{table}.incident_id)"
        )
        yield table, f"{table}_by_incident", belongs


#: What each policy needs, in order: the statement that does it and the one that undoes it.
_POLICY_STEPS = (
    (
        "ALTER TABLE {table} ENABLE ROW LEVEL SECURITY",
        "ALTER TABLE {table} DISABLE ROW LEVEL SECURITY",
    ),
    (
        "CREATE POLICY {policy} ON {table} USING ({rows}) WITH CHECK ({rows})",
        "DROP POLICY IF EXISTS {policy} ON {table}",
    ),
)


def enable_sql(
    setting_tables: tuple[str, ...] = SETTING_TABLES,
    child_tables: tuple[str, ...] = INCIDENT_CHILD_TABLES,
) -> list[str]:
    """Statements that enable the policies; a migration passes the tables it created.
    `disable_sql` with the same tables undoes them."""
    return _policy_sql(setting_tables, child_tables, [do for do, _undo in _POLICY_STEPS])


def disable_sql(
    setting_tables: tuple[str, ...] = SETTING_TABLES,
    child_tables: tuple[str, ...] = INCIDENT_CHILD_TABLES,
) -> list[str]:
    return _policy_sql(setting_tables, child_tables, [undo for _do, undo in _POLICY_STEPS][::-1])


def _policy_sql(
    setting_tables: tuple[str, ...], child_tables: tuple[str, ...], steps: list[str]
) -> list[str]:
    """The steps for each table's policy in turn, filled in with the table, the policy's
    name and the rows it lets through."""
    return [
        step.format(table=table, policy=policy, rows=rows)
        for table, policy, rows in _policies(setting_tables, child_tables)
        for step in steps
    ]


def force_sql(tables: Iterable[str]) -> list[str]:
    """FORCE the policies, so that they bind the tables' owner as well."""
    return [f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY" for table in tables]


def unforce_sql(tables: Iterable[str]) -> list[str]:
    return [f"ALTER TABLE {table} NO FORCE ROW LEVEL SECURITY" for table in tables]


def _value(setting_ids: Iterable[int]) -> str:
    return ",".join(str(int(i)) for i in sorted(set(setting_ids)))


def set_scope(setting_ids: Iterable[int]) -> None:
    """Scope the current transaction to these settings (until it ends). Outside a
    transaction (autocommit) the scope would last one statement, so that is refused."""
    if connection.vendor != "postgresql":
        return
    if not connection.in_atomic_block:
        raise RuntimeError("set_scope() outside a transaction: use rls.scoped(...) instead.")
    _set_local(_value(setting_ids))


def _set_local(value: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config(%s, %s, true)", [SETTING_IDS, value])


def current_scope() -> str:
    if connection.vendor != "postgresql":
        return ""
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting(%s, true)", [SETTING_IDS])
        row = cursor.fetchone()
    return str(row[0] or "") if row else ""


@contextmanager
def scoped(setting_ids: Iterable[int]) -> Iterator[None]:
    """One transaction whose row-level-security scope is these settings. Nested in an
    outer transaction, the scope it replaced comes back at the end; a transaction of its
    own (a request, a job) takes its scope with it when it ends, so there is nothing to
    read or put back."""
    nested = connection.in_atomic_block and connection.vendor == "postgresql"
    with transaction.atomic():
        before = current_scope() if nested else ""
        set_scope(setting_ids)
        yield
        if nested and not transaction.get_rollback():
            _set_local(before)


def all_settings() -> list[int]:
    """Every setting's id: the explicit scope of a job that works across settings
    (the retention review)."""
    from ymateb.tenancy.models import Setting

    return list(Setting.objects.values_list("pk", flat=True))


def _setting_of(function: str, cast: str, key: object) -> list[int]:
    if connection.vendor != "postgresql":
        return []
    with connection.cursor() as cursor:
        # The function and cast names are the constants below, never input.
        cursor.execute(f"SELECT {function}(%s::{cast})", [str(key)])
        row = cursor.fetchone()
    return [int(row[0])] if row and row[0] is not None else []


def setting_of_incident(incident_id: object) -> list[int]:
    """The setting of one incident, for a job given only the incident's id (an empty scope
    when there is no such incident). Read through `ymateb_incident_setting()`, a SECURITY
    DEFINER function (migration records 0002) that returns that one number of the row."""
    return _setting_of("ymateb_incident_setting", "uuid", incident_id)


def setting_of_alert(alert_id: object) -> list[int]:
    """The setting of one alert's incident, likewise (`ymateb_alert_setting()`)."""
    return _setting_of("ymateb_alert_setting", "bigint", alert_id)


def settings_of(user: User) -> set[int]:
    """The settings whose records a signed-in person's requests are scoped to (their
    confirmed roles; a pending one gives no scope)."""
    return set(Membership.objects.filter(user=user).values_list("setting_id", flat=True))


class SettingScopeMiddleware:
    """Runs a signed-in request in one transaction scoped to the person's settings.

    A request that is not signed in gets no scope: its queries see no incident rows.
    """

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
        # Exceptions in the view have become responses by here (Django's handler), so a
        # refused request still commits its audit row, as it did before this transaction.
        with scoped(settings_of(user)):
            return self.get_response(request)
