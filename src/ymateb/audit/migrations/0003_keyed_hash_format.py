"""Hash format 2: each row records its hash format and the id of the key it was hashed under.

Rows written before this migration keep format 1 (unkeyed SHA-256, key id ""): the columns
are added with those values, then the defaults become format 2 and the current key (see
ymateb.audit.hashing). `ymateb audit verify` accepts format-1 rows only up to
YMATEB_AUDIT_UNKEYED_UNTIL.

On SQLite, Django rebuilds the table to add a column with a default, and the rebuilt table
has none of the append-only triggers of migration 0002: they are installed again here.
"""

from django.apps.registry import Apps
from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

import ymateb.audit.models

SQLITE_REINSTALL = [
    "DROP TRIGGER IF EXISTS audit_auditevent_no_update",
    "DROP TRIGGER IF EXISTS audit_auditevent_no_delete",
    """
    CREATE TRIGGER audit_auditevent_no_update BEFORE UPDATE ON audit_auditevent
    BEGIN
        SELECT RAISE(ABORT, 'The audit trail is append-only: UPDATE on audit_auditevent is refused.');
    END
    """,
    """
    CREATE TRIGGER audit_auditevent_no_delete BEFORE DELETE ON audit_auditevent
    BEGIN
        SELECT RAISE(ABORT, 'The audit trail is append-only: DELETE on audit_auditevent is refused.');
    END
    """,
]


def reinstall_sqlite_triggers(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor == "sqlite":
        for sql in SQLITE_REINSTALL:
            schema_editor.execute(sql, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0002_append_only_triggers"),
    ]

    operations = [
        migrations.AddField(
            model_name="auditevent",
            name="hash_version",
            field=models.PositiveSmallIntegerField(default=1),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="key_id",
            field=models.CharField(blank=True, default="", max_length=32),
        ),
        migrations.AlterField(
            model_name="auditevent",
            name="hash_version",
            field=models.PositiveSmallIntegerField(default=2),
        ),
        migrations.AlterField(
            model_name="auditevent",
            name="key_id",
            field=models.CharField(
                blank=True, default=ymateb.audit.models.current_key_id, max_length=32
            ),
        ),
        migrations.RunPython(reinstall_sqlite_triggers, reinstall_sqlite_triggers),
    ]
