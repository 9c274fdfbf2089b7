"""The PostgreSQL roles (ymateb.records.roles, ADR 0011) and the row-level security they
stand on: every table holding a setting's records has a FORCEd policy, the app role cannot
read across settings even with hand-written SQL, the worker does its jobs with its own
grants and scope, and `ymateb db_roles --check` is clean and fails on an extra grant.

The roles are created inside each test's transaction, so nothing outlives the test."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction
from django.test import RequestFactory

from tests.app_role import superuser, without_scaffolding
from ymateb.incidents.models import Alert, Incident, IncidentChild
from ymateb.records import rls, roles
from ymateb.tenancy.models import LocalAuthority, Setting

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="roles and row-level security are PostgreSQL's"
)

APP, WORKER = roles.DEFAULT_NAMES[roles.APP], roles.DEFAULT_NAMES[roles.WORKER]


def _rows(sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params or [])
        return list(cursor.fetchall())


@pytest.fixture
def two_settings(demo: Setting) -> tuple[Incident, Incident]:
    from ymateb.accounts.models import User

    staff = User.objects.get(email="staff@example.org")
    other = Setting.objects.create(
        name="Other", kind="school", local_authority=LocalAuthority.objects.get()
    )
    mine = Incident.objects.create(
        setting=demo, reference="1", reported_by=staff, came_to_light="other"
    )
    theirs = Incident.objects.create(
        setting=other, reference="1", reported_by=staff, came_to_light="other"
    )
    IncidentChild.objects.create(incident=mine, ref="A", name="x")
    IncidentChild.objects.create(incident=theirs, ref="A", name="y")
    with connection.cursor() as cursor:
        # The foreign keys are checked at commit; check them now, so the tables can change
        # owner inside this transaction.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    with superuser():
        call_command("db_roles", "--apply", stdout=_Quiet())
    return mine, theirs


class _Quiet:
    def write(self, text: str) -> None:
        pass


@pytest.mark.django_db
def test_every_table_holding_setting_data_has_a_forced_policy() -> None:
    holding = {
        table
        for (table,) in _rows(
            "SELECT DISTINCT table_name FROM information_schema.columns"
            " WHERE table_schema = current_schema()"
            " AND column_name IN ('setting_id', 'incident_id')"
        )
    }
    assert set(rls.SETTING_TABLES + rls.INCIDENT_CHILD_TABLES) <= holding
    bound = {
        table: (enabled, forced)
        for table, enabled, forced in _rows(
            "SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity FROM pg_class c"
            " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema()"
        )
    }
    policies = {t for (t,) in _rows("SELECT tablename FROM pg_policies")}
    for table in sorted(holding - set(roles.NOT_SCOPED)):
        assert bound[table] == (True, True), f"{table}: row-level security not FORCEd"
        assert table in policies, f"{table}: no policy"


@pytest.mark.django_db
def test_db_roles_check_is_clean_and_fails_on_a_grant_beyond_the_list(two_settings) -> None:
    call_command("db_roles", "--check", stdout=_Quiet())
    with superuser(), connection.cursor() as cursor:
        cursor.execute(f'GRANT DELETE ON audit_auditevent TO "{APP}"')
    out: list[str] = []
    with pytest.raises(CommandError):
        call_command("db_roles", "--check", stdout=type("Out", (), {"write": out.append})())
    assert any("DELETE on audit_auditevent beyond the declared grants" in line for line in out)


@pytest.mark.django_db
def test_db_roles_check_fails_on_a_table_nobody_declared(two_settings) -> None:
    with superuser(), connection.cursor() as cursor:
        cursor.execute("CREATE TABLE undeclared_things (id int)")
    with pytest.raises(CommandError):
        call_command("db_roles", "--check", stdout=_Quiet())


@pytest.mark.django_db
def test_the_app_role_cannot_read_across_settings_with_hand_written_sql(two_settings) -> None:
    mine, theirs = two_settings
    with without_scaffolding(), superuser(), connection.cursor() as cursor:
        cursor.execute(f'SET LOCAL ROLE "{APP}"')
        # No scope: nothing at all.
        assert _rows("SELECT count(*) FROM incidents_incident") == [(0,)]
        rls.set_scope([mine.setting_id])
        assert _rows("SELECT count(*) FROM incidents_incident") == [(1,)]
        sql = "SELECT count(*) FROM incidents_incident WHERE setting_id = %s"
        assert _rows(sql, [theirs.setting_id]) == [(0,)]
        assert _rows(
            "SELECT count(*) FROM incidents_incidentchild c"
            " JOIN incidents_incident i ON i.id = c.incident_id"
        ) == [(1,)]
        assert _rows("SELECT count(*) FROM incidents_incidentchild") == [(1,)]
        cursor.execute(
            "UPDATE incidents_incident SET reference = 'x' WHERE id = %s", [str(theirs.pk)]
        )
        assert cursor.rowcount == 0
        # A row cannot be moved into another setting's incident.
        with pytest.raises(DatabaseError, match="row-level security"), transaction.atomic():
            cursor.execute("UPDATE incidents_incidentchild SET incident_id = %s", [str(theirs.pk)])
        for refused in (
            ("DELETE FROM audit_auditevent", []),
            ("SELECT ymateb_incident_setting(%s::uuid)", [str(theirs.pk)]),
            ("ALTER TABLE incidents_incident NO FORCE ROW LEVEL SECURITY", []),
        ):
            with pytest.raises(DatabaseError), transaction.atomic():
                cursor.execute(*refused)
        cursor.execute("RESET ROLE")


@pytest.mark.django_db
def test_the_worker_alerts_with_its_own_grants_and_the_incident_s_scope(two_settings) -> None:
    from django.core import mail

    from ymateb.incidents.concern.alerts import send_alert_email, send_concern_alerts

    mine, _ = two_settings
    with without_scaffolding(), superuser(), connection.cursor() as cursor:
        cursor.execute(f'SET LOCAL ROLE "{WORKER}"')
        assert send_concern_alerts.call(str(mine.pk)) >= 1
        rls.set_scope([mine.setting_id])
        alert_ids = list(Alert.objects.values_list("pk", flat=True))
        rls.set_scope([])
        assert alert_ids
        assert send_alert_email.call(alert_ids[0]) is True
        assert _rows("SELECT count(*) FROM incidents_alert") == [(0,)]  # no scope now
        cursor.execute("RESET ROLE")
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_the_scope_lasts_one_transaction(demo: Setting) -> None:
    with pytest.raises(RuntimeError):
        rls.set_scope([demo.pk])  # autocommit: the scope would last one statement
    with without_scaffolding():
        _the_scope_lasts_one_transaction(demo)


def _the_scope_lasts_one_transaction(demo: Setting) -> None:
    from ymateb.accounts.models import User

    with rls.scoped([demo.pk, 7]):
        assert rls.current_scope() == f"{min(demo.pk, 7)},{max(demo.pk, 7)}"
    assert rls.current_scope() == ""
    # A signed-in request runs in one transaction scoped to the person's settings.
    seen: list[tuple[bool, str]] = []

    def view(request: Any) -> Any:
        seen.append((connection.in_atomic_block, rls.current_scope()))
        from django.http import HttpResponse

        return HttpResponse()

    request = RequestFactory().get("/")
    request.user = User.objects.get(email="dsp@example.org")
    rls.SettingScopeMiddleware(view)(request)
    assert seen == [(True, str(demo.pk))]
    assert rls.current_scope() == ""


@pytest.mark.django_db
def test_the_suite_runs_as_the_app_role_with_no_scope_outside_a_request() -> None:
    """Every test's queries are the web app's role's (tests/app_role.py): not a superuser,
    not the owner, no BYPASSRLS; with no setting created, no scope at all."""
    (row,) = _rows(
        "SELECT current_user, r.rolsuper, r.rolbypassrls, current_setting(%s, true)"
        " FROM pg_roles r WHERE r.rolname = current_user",
        [rls.SETTING_IDS],
    )
    assert row[:3] == (APP, False, False)
    assert not row[3]
    owners = {
        owner
        for (owner,) in _rows(
            "SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = current_schema()"
        )
    }
    assert owners == {roles.DEFAULT_NAMES[roles.OWNER]}
