"""Django's `flush`, which leaves the audit trail alone unless the settings allow it.

The audit table refuses DELETE and TRUNCATE (see ymateb.audit.protection), so a plain
flush fails on it and rolls back: an installation's data cannot be wiped by `ymateb
flush`. Django's transactional tests flush the database after every test, so the test
settings set YMATEB_AUDIT_FLUSH_ALLOWED = True: then the protections are lifted for the
flush and put back in the same transaction. The suite's connections log in as a superuser
and drop to the web app's role (tests/app_role.py); emptying tables is the owner's work,
so the allowed flush steps back up to the session's own role for its length.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.commands.flush import Command as FlushCommand
from django.db import connections, transaction

from ymateb.audit.protection import TABLE


class Command(FlushCommand):
    def handle(self, **options: Any) -> None:
        if not getattr(settings, "YMATEB_AUDIT_FLUSH_ALLOWED", False):
            super().handle(**options)
            return
        database = options["database"]
        connection = connections[database]
        with transaction.atomic(using=database), connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                quoted = connection.ops.quote_name(TABLE)
                cursor.execute("SELECT current_user, session_user")
                acting, session = cursor.fetchone()
                cursor.execute("RESET ROLE")
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no pending FK checks
                cursor.execute(f"ALTER TABLE {quoted} DISABLE TRIGGER USER")
                cursor.execute(f"GRANT DELETE, TRUNCATE ON {quoted} TO CURRENT_USER")
                super().handle(**options)
                cursor.execute(f"REVOKE DELETE, TRUNCATE ON {quoted} FROM CURRENT_USER")
                cursor.execute(f"ALTER TABLE {quoted} ENABLE TRIGGER USER")
                if acting != session:
                    cursor.execute(f"SET ROLE {connection.ops.quote_name(acting)}")
            elif connection.vendor == "sqlite":
                cursor.execute(
                    "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s",
                    [TABLE],
                )
                triggers = cursor.fetchall()
                for name, _sql in triggers:
                    cursor.execute(f"DROP TRIGGER {connection.ops.quote_name(name)}")
                super().handle(**options)
                for _name, sql in triggers:
                    cursor.execute(sql)
            else:
                super().handle(**options)
