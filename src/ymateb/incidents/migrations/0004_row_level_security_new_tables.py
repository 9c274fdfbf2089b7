"""Row-level security on the incident tables added in 0003 (PostgreSQL only; see ymateb.records.rls)."""

from typing import Any

from django.db import migrations

SETTING_TABLES: tuple[str, ...] = ()
CHILD_TABLES = (
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
    dependencies = [("incidents", "0003_review_referral_risk_interview_device_addendum_alert")]

    operations = [migrations.RunPython(enable, disable)]
