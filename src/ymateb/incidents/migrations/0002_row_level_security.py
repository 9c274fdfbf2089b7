"""Row-level security on the incident tables (PostgreSQL only; see ymateb.records.rls)."""

from typing import Any

from django.db import migrations

SETTING_TABLES = ("incidents_incident",)
CHILD_TABLES = ("incidents_incidentchild", "incidents_incidentevent", "incidents_action")


def enable(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    from ymateb.records.rls import enable_sql

    for statement in enable_sql(SETTING_TABLES, CHILD_TABLES):
        schema_editor.execute(statement)


def disable(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    from ymateb.records.rls import disable_sql

    for statement in disable_sql(SETTING_TABLES, CHILD_TABLES):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("incidents", "0001_incidents_children_events_actions")]

    operations = [migrations.RunPython(enable, disable)]
