"""Row-level security on PostgreSQL: a query that forgets to filter by setting returns no
rows of another setting. On SQLite the policies do not exist and the scope is a no-op."""

from __future__ import annotations

import pytest
from django.db import connection, transaction

from tests.app_role import superuser, without_scaffolding
from tests.factories import IncidentFactory, SettingFactory
from ymateb.incidents.models import Incident
from ymateb.records import rls

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_settings(demo):

    other = SettingFactory(name="Other")
    IncidentFactory(setting=demo, reference="1", came_to_light="other", children=["x"])
    IncidentFactory(setting=other, reference="1", came_to_light="other", children=["y"])
    return demo, other


def _count_as_app_role(setting_ids: list[int]) -> tuple[int, int]:
    """Counts seen by a role that does not own the tables, as the web app's role would."""
    with without_scaffolding(), superuser(), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ymateb_app_probe')"
            " THEN CREATE ROLE ymateb_app_probe NOLOGIN; END IF; END $$"
        )
        cursor.execute(
            "GRANT SELECT ON incidents_incident, incidents_incidentchild TO ymateb_app_probe"
        )
        cursor.execute("SET LOCAL ROLE ymateb_app_probe")
        rls.set_scope(setting_ids)
        cursor.execute("SELECT count(*) FROM incidents_incident")
        incidents = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM incidents_incidentchild")
        children = cursor.fetchone()[0]
        transaction.set_rollback(True)
    rls.set_scope([])
    return incidents, children


def test_rls_shows_only_the_scoped_settings(two_settings) -> None:
    mine, other = two_settings
    if connection.vendor != "postgresql":
        rls.set_scope([mine.pk])  # does nothing on SQLite
        assert Incident.objects.count() == 2
        return
    assert _count_as_app_role([mine.pk]) == (1, 1)
    assert _count_as_app_role([mine.pk, other.pk]) == (2, 2)
    # No scope (a forgotten filter outside a request, or a person with no setting): nothing.
    assert _count_as_app_role([]) == (0, 0)


def test_policies_exist_on_every_incident_table() -> None:
    if connection.vendor != "postgresql":
        assert rls.enable_sql()  # the statements exist; SQLite has no RLS to enable
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_policies WHERE schemaname = current_schema()")
        tables = {row[0] for row in cursor.fetchall()}
    assert set(rls.SETTING_TABLES + rls.INCIDENT_CHILD_TABLES) <= tables
