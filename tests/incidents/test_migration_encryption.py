"""Migration 0006 encrypts what an existing installation holds in the clear (action details,
year groups, crime and police references), and can be undone."""

from __future__ import annotations

import json
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.app_role import superuser

BEFORE = ("incidents", "0005_more_event_kinds")
AFTER = ("incidents", "0006_encrypt_action_details_references_known_as_alert_claim")


def _raw(table: str, column: str) -> list[Any]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table}")  # noqa: S608 (fixed names)
        return [row[0] for row in cursor.fetchall()]


def _migrate(target: tuple[str, str]) -> Any:
    """Migrations run as the owner in an installation (here the superuser)."""
    with superuser():
        executor = MigrationExecutor(connection)
        executor.migrate([target])
        return executor.loader.project_state([target]).apps


@pytest.mark.django_db(transaction=True)
def test_0006_encrypts_the_plain_values_already_stored(demo: Any) -> None:
    from ymateb.accounts.models import User

    staff = User.objects.get(email="staff@example.org")
    try:
        old = _migrate(BEFORE)
        incident = old.get_model("incidents", "Incident").objects.create(
            setting_id=demo.pk,
            reference="YM-MIGR-ATE2",
            reported_by_id=staff.pk,
            came_to_light="child_told",
            account="Words",
        )
        old.get_model("incidents", "IncidentChild").objects.create(
            incident_id=incident.pk, ref="A", name="Cai", year_group="PLAIN-Year 9"
        )
        old.get_model("incidents", "Action").objects.create(
            incident_id=incident.pk,
            kind="take_down",
            details={"service": "platform_report", "platform": "PLAIN-SnapMap"},
        )
        old.get_model("incidents", "Referral").objects.create(
            incident_id=incident.pk,
            route="police_101",
            made_at="2026-01-01T10:00:00Z",
            made_by_id=staff.pk,
            crime_reference="PLAIN-NWP/26/1",
        )
        old.get_model("incidents", "Device").objects.create(
            incident_id=incident.pk,
            description="Phone",
            police_reference="PLAIN-DEV-7",
            created_by_id=staff.pk,
        )
        assert any("PLAIN-SnapMap" in str(v) for v in _raw("incidents_action", "details"))

        _migrate(AFTER)
        for table, column in (
            ("incidents_action", "details"),
            ("incidents_incidentchild", "year_group"),
            ("incidents_referral", "crime_reference"),
            ("incidents_device", "police_reference"),
        ):
            for value in _raw(table, column):
                assert str(value).startswith("gAAAAA") and "PLAIN" not in str(value), table

        from ymateb.incidents.models import Action, Device, IncidentChild, Referral

        assert Action.objects.get().details == {
            "service": "platform_report",
            "platform": "PLAIN-SnapMap",
        }
        assert IncidentChild.objects.get().year_group == "PLAIN-Year 9"
        assert IncidentChild.objects.get().known_as == ""
        assert Referral.objects.get().crime_reference == "PLAIN-NWP/26/1"
        assert Device.objects.get().police_reference == "PLAIN-DEV-7"

        _migrate(BEFORE)  # and back: plain again, readable by the old schema
        details = _raw("incidents_action", "details")[0]
        details = json.loads(details) if isinstance(details, str) else details
        assert details["platform"] == "PLAIN-SnapMap"
        assert _raw("incidents_referral", "crime_reference") == ["PLAIN-NWP/26/1"]
    finally:
        _migrate(AFTER)
        with superuser():
            MigrationExecutor(connection).migrate(
                MigrationExecutor(connection).loader.graph.leaf_nodes()
            )
            if connection.vendor == "postgresql":  # what the migrations made, granted again
                call_command("db_roles", "--apply", stdout=StringIO())
