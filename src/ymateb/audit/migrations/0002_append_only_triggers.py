"""Make the audit table append-only in the database, and create the chain head's row.

PostgreSQL: a statement-level trigger refuses UPDATE, DELETE and TRUNCATE on
audit_auditevent, and the migrating role gives up those privileges on it (REVOKE ... FROM
CURRENT_USER; an owner can grant them back, a superuser ignores them). SQLite: BEFORE
UPDATE and BEFORE DELETE triggers. What this does and does not guarantee is written up in
ymateb/audit/protection.py. audit_auditchainhead stays updatable.
"""

from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

POSTGRESQL_INSTALL = [
    """
    CREATE OR REPLACE FUNCTION audit_refuse_change() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION 'The audit trail is append-only: % on % is refused.', TG_OP, TG_TABLE_NAME
            USING HINT = 'Audit rows are never changed or deleted (see ymateb.audit).';
    END;
    $$
    """,
    """
    CREATE TRIGGER audit_auditevent_append_only
        BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_auditevent
        FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change()
    """,
    """
    DO $$
    BEGIN
        REVOKE UPDATE, DELETE, TRUNCATE ON audit_auditevent FROM CURRENT_USER;
    EXCEPTION WHEN insufficient_privilege THEN
        RAISE NOTICE 'Could not revoke UPDATE, DELETE, TRUNCATE on audit_auditevent: the trigger still refuses them.';
    END;
    $$
    """,
]

POSTGRESQL_REMOVE = [
    "DROP TRIGGER IF EXISTS audit_auditevent_append_only ON audit_auditevent",
    "DROP FUNCTION IF EXISTS audit_refuse_change()",
    "GRANT UPDATE, DELETE, TRUNCATE ON audit_auditevent TO CURRENT_USER",
]

SQLITE_INSTALL = [
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

SQLITE_REMOVE = [
    "DROP TRIGGER IF EXISTS audit_auditevent_no_update",
    "DROP TRIGGER IF EXISTS audit_auditevent_no_delete",
]


def install(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    vendor = schema_editor.connection.vendor
    statements = {"postgresql": POSTGRESQL_INSTALL, "sqlite": SQLITE_INSTALL}.get(vendor, [])
    for sql in statements:
        schema_editor.execute(sql, params=None)
    head = apps.get_model("audit", "AuditChainHead")
    head.objects.using(schema_editor.connection.alias).get_or_create(
        pk=1, defaults={"last_id": 0, "last_hash": "0" * 64}
    )


def remove(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    vendor = schema_editor.connection.vendor
    statements = {"postgresql": POSTGRESQL_REMOVE, "sqlite": SQLITE_REMOVE}.get(vendor, [])
    for sql in statements:
        schema_editor.execute(sql, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0001_audit_events_and_chain_head"),
    ]

    operations = [
        migrations.RunPython(install, remove),
    ]
