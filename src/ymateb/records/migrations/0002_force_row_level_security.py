"""FORCE row-level security on every table holding a setting's records, and add the
policies to the two retention tables (PostgreSQL only; see ymateb.records.rls).

FORCE makes the policies bind the tables' owner too. The owner role that runs migrations
has BYPASSRLS (`ymateb db_roles`), so migrations that rewrite data still see every row;
an installation where one role owns the tables and serves the app is bound by them.

`ymateb_incident_setting(id)` and `ymateb_alert_setting(id)` tell a background job the
setting of the incident (or alert) it was given, so that it can scope its transactions to
that setting and nothing more. They run as the owner (SECURITY DEFINER) and return that
one number.
"""

from typing import Any

from django.db import migrations

NEW_SETTING_TABLES = ("records_recordtombstone",)
NEW_CHILD_TABLES = ("records_destructionrequest",)
# Every table with a policy at this point (the list is frozen here, not imported: a later
# table gets its policy and FORCE in the migration that creates it).
FORCED = (
    "incidents_incident",
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
    *NEW_SETTING_TABLES,
    *NEW_CHILD_TABLES,
)


def _function_sql(schema: str) -> list[str]:
    # The schema is the database's own current_schema(), quoted; the search path is fixed
    # (a SECURITY DEFINER function must not resolve names through the caller's path).
    s = '"' + schema.replace('"', '""') + '"'
    head = f"RETURNS bigint LANGUAGE sql STABLE SECURITY DEFINER SET search_path = {s}, pg_temp"
    incident = f"SELECT setting_id FROM {s}.incidents_incident WHERE id = incident"  # noqa: S608
    alert = (
        f"SELECT i.setting_id FROM {s}.incidents_alert a JOIN {s}.incidents_incident i"  # noqa: S608
        " ON i.id = a.incident_id WHERE a.id = alert"
    )
    return [
        f"CREATE OR REPLACE FUNCTION ymateb_incident_setting(incident uuid) {head} AS $$ {incident} $$",
        "REVOKE ALL ON FUNCTION ymateb_incident_setting(uuid) FROM PUBLIC",
        f"CREATE OR REPLACE FUNCTION ymateb_alert_setting(alert bigint) {head} AS $$ {alert} $$",
        "REVOKE ALL ON FUNCTION ymateb_alert_setting(bigint) FROM PUBLIC",
    ]


def forward(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    from ymateb.records.rls import enable_sql, force_sql

    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT current_schema()")
        schema = cursor.fetchone()[0]
    statements = enable_sql(NEW_SETTING_TABLES, NEW_CHILD_TABLES)
    statements += force_sql(FORCED)
    statements += _function_sql(schema)
    for statement in statements:
        schema_editor.execute(statement)


def backward(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    from ymateb.records.rls import disable_sql, unforce_sql

    schema_editor.execute("DROP FUNCTION IF EXISTS ymateb_incident_setting(uuid)")
    schema_editor.execute("DROP FUNCTION IF EXISTS ymateb_alert_setting(bigint)")
    for statement in unforce_sql(FORCED):
        schema_editor.execute(statement)
    for statement in disable_sql(NEW_SETTING_TABLES, NEW_CHILD_TABLES):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("records", "0001_destruction_requests_and_tombstones"),
        ("incidents", "0006_encrypt_action_details_references_known_as_alert_claim"),
    ]

    operations = [migrations.RunPython(forward, backward)]
