"""What the records tests share: the whole test database as text."""

from __future__ import annotations

import shutil
import subprocess

from django.db import connection


def database_dump() -> str:
    """Everything the test database holds, as text: what an attacker with a copy would see.

    SQLite: the connection's iterdump. PostgreSQL: pg_dump (plain SQL) of the test database;
    committed rows only, so use it with `transactional_db`.
    """
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        return "\n".join(connection.connection.iterdump())
    from ymateb.records.backup import pg_args

    if shutil.which("pg_dump") is None:  # no client tools: every row of every table
        lines = []
        with connection.cursor() as cursor:
            for table in connection.introspection.table_names(cursor):
                cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
                lines += [repr(row) for row in cursor.fetchall()]
        return "\n".join(lines)
    args, env = pg_args("default")
    result = subprocess.run(
        ["pg_dump", "--format=plain", *args, "--dbname", connection.settings_dict["NAME"]],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout
