"""What makes the audit table append-only in the database, and how to tell it is in place.

Migration 0002 installs it:

- PostgreSQL: a statement-level trigger, `audit_auditevent_append_only`, refuses every
  UPDATE, DELETE and TRUNCATE statement on `audit_auditevent` (even one touching no row),
  and `REVOKE UPDATE, DELETE, TRUNCATE ... FROM CURRENT_USER` takes those privileges from
  the role that ran the migration. This stops the application, an ORM mistake or an
  injected statement from changing or removing a row. It does not stop a superuser, nor
  the table's owner, who can re-grant itself the privileges and disable the trigger
  (`ALTER TABLE ... DISABLE TRIGGER`). For that protection, run migrations as an owner role
  and the app as a separate role granted only SELECT and INSERT on the table. Whatever
  gets past the database is caught, after the fact, by `ymateb audit verify`: the row
  hashes are keyed with a secret held outside the database (ymateb.audit.keys), so a
  changed row cannot be re-hashed without it; and signed checkpoints of the chain head,
  shipped to another host (ymateb.audit.checkpoints), catch a rewrite by someone who holds
  the key too.
- SQLite: BEFORE UPDATE and BEFORE DELETE triggers raise an error. Anyone who can write to
  the database file can drop them; DROP TABLE does not fire them. Django rebuilds a table
  to alter it on SQLite, which loses the triggers: a later migration that alters the table
  must install them again.
"""

from __future__ import annotations

from django.db import connection
from django.db.backends.base.base import BaseDatabaseWrapper

TABLE = "audit_auditevent"
POSTGRESQL_TRIGGERS = ("audit_auditevent_append_only",)
SQLITE_TRIGGERS = ("audit_auditevent_no_delete", "audit_auditevent_no_update")


def missing_protections(conn: BaseDatabaseWrapper | None = None) -> list[str]:
    """Names of the append-only triggers that should be on the audit table and are not
    (or are disabled). Empty when all are in place, or on a database with none defined."""
    conn = conn or connection
    with conn.cursor() as cursor:
        if conn.vendor == "postgresql":
            cursor.execute(
                "SELECT tgname FROM pg_trigger WHERE tgrelid = %s::regclass "
                "AND NOT tgisinternal AND tgenabled <> 'D'",
                [TABLE],
            )
            expected: tuple[str, ...] = POSTGRESQL_TRIGGERS
        elif conn.vendor == "sqlite":
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s",
                [TABLE],
            )
            expected = SQLITE_TRIGGERS
        else:
            return []
        present = {row[0] for row in cursor.fetchall()}
    return [name for name in expected if name not in present]
