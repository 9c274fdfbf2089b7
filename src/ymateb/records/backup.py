"""Backing up and restoring the whole database (`ymateb backup`, `ymateb restore`).

SQLite: a consistent copy through SQLite's online backup API (safe while the app runs).
PostgreSQL: `pg_dump --format=custom`, restored with `pg_restore --clean --if-exists` in one
transaction. Either way the file holds every table as stored, so encrypted fields stay
encrypted: a backup is only readable with the YMATEB_FIELD_KEYS in use when it was taken.
It is still special-category data about children: keep it where the live database is kept.
"""

from __future__ import annotations

import os
import shutil
import sqlite3

# Runs pg_dump and pg_restore only, with argument lists and no shell.
import subprocess  # nosec B404
from pathlib import Path
from typing import Any

from django.apps import apps
from django.core.management.base import CommandError
from django.db import connections, models

from ymateb.records.crypto import decrypt, encrypted_fields

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_CUSTOM_MAGIC = b"PGDMP"
# Rows that `ymateb migrate` creates by itself: their presence is not "data".
BUILT_IN = frozenset({"contenttypes.ContentType", "auth.Permission"})


def vendor(alias: str) -> str:
    vendor_name: str = connections[alias].vendor
    if vendor_name not in ("sqlite", "postgresql"):
        raise CommandError(f"Backup and restore support SQLite and PostgreSQL, not {vendor_name}.")
    return vendor_name


def describe(alias: str) -> str:
    db = connections[alias].settings_dict
    if connections[alias].vendor == "sqlite":
        return f"the SQLite database {db['NAME']}"
    host = db.get("HOST") or "localhost"
    port = f":{db['PORT']}" if db.get("PORT") else ""
    return f"the PostgreSQL database {db['NAME']} on {host}{port}"


def row_counts(alias: str) -> dict[str, int]:
    """Rows in each model's table (tables that do not exist yet are left out)."""
    connection = connections[alias]
    tables = set(connection.introspection.table_names())
    counts: dict[str, int] = {}
    for model in apps.get_models():
        meta = model._meta
        if meta.proxy or not meta.managed or meta.db_table not in tables:
            continue
        counts[meta.label] = model._base_manager.using(alias).count()
    return counts


def data_counts(alias: str) -> dict[str, int]:
    """The rows that a restore would overwrite (those migrate creates by itself left out)."""
    return {k: v for k, v in row_counts(alias).items() if v and k not in BUILT_IN}


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise CommandError(
            f"{name} was not found. It comes with the PostgreSQL client tools "
            "(on Debian: apt-get install postgresql-client, the same major version as the "
            "server or newer). Install them and run this again."
        )
    return found


def pg_args(alias: str) -> tuple[list[str], dict[str, str]]:
    """Connection arguments and environment for pg_dump and pg_restore."""
    db = connections[alias].settings_dict
    args = []
    if db.get("HOST"):
        args += ["--host", str(db["HOST"])]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", str(db["USER"])]
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])  # never on the command line
    options: dict[str, Any] = db.get("OPTIONS") or {}
    if options.get("sslmode"):
        env["PGSSLMODE"] = str(options["sslmode"])
    return [*args, "--no-password"], env


def _run(command: list[str], env: dict[str, str]) -> None:
    # A fixed program found on PATH, an argument list, no shell.
    result = subprocess.run(  # noqa: S603  # nosec B603
        command, env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise CommandError(
            f"{Path(command[0]).name} failed (exit status {result.returncode}):\n"
            f"{result.stderr.strip()}"
        )


def backup(alias: str, path: Path) -> None:
    """Write a full backup of database `alias` to `path` (readable by its owner only)."""
    kind = vendor(alias)
    partial = path.with_name(path.name + ".partial")
    partial.unlink(missing_ok=True)
    # Created 0600 before anything is written into it.
    os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    try:
        if kind == "sqlite":
            connection = connections[alias]
            connection.ensure_connection()
            target = sqlite3.connect(partial)
            try:
                connection.connection.backup(target)
            finally:
                target.close()
        else:
            args, env = pg_args(alias)
            db_name = str(connections[alias].settings_dict["NAME"])
            _run(
                [_tool("pg_dump"), "--format=custom", *args, "--file", str(partial),
                 "--dbname", db_name],
                env,
            )  # fmt: skip
        partial.replace(path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def check_file(alias: str, path: Path) -> None:
    """Refuse a file that is not a backup for this kind of database."""
    if not path.is_file():
        raise CommandError(f"There is no backup file at {path}.")
    with path.open("rb") as handle:
        head = handle.read(16)
    kind = vendor(alias)
    if kind == "sqlite" and head != SQLITE_MAGIC:
        raise CommandError(f"{path} is not an SQLite backup made by `ymateb backup`.")
    if kind == "postgresql" and not head.startswith(PG_CUSTOM_MAGIC):
        raise CommandError(f"{path} is not a PostgreSQL backup made by `ymateb backup`.")


def restore(alias: str, path: Path, *, no_owner: bool = False) -> None:
    """Replace database `alias` with the backup at `path`."""
    check_file(alias, path)
    connection = connections[alias]
    if vendor(alias) == "sqlite":
        if connection.in_atomic_block:
            raise CommandError("Restore cannot run inside a transaction.")
        connection.ensure_connection()
        source = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            source.backup(connection.connection)
        finally:
            source.close()
        return
    # pg_restore drops and recreates the tables; Django's own connection must not hold them.
    connection.close()
    args, env = pg_args(alias)
    _run(
        [_tool("pg_restore"), "--clean", "--if-exists", "--single-transaction",
         "--exit-on-error", *(["--no-owner"] if no_owner else []), *args,
         "--dbname", str(connection.settings_dict["NAME"]), str(path)],
        env,
    )  # fmt: skip


def undecryptable_fields(alias: str) -> list[str]:
    """Encrypted fields whose first stored value the current keys cannot read."""
    problems = []
    for model, names in encrypted_fields():
        for name in names:
            token = (
                model._base_manager.using(alias)
                .exclude(**{f"{name}__isnull": True})
                .annotate(ymateb_raw=models.ExpressionWrapper(
                    models.F(name), output_field=models.TextField()
                ))
                .values_list("ymateb_raw", flat=True)
                .first()
            )  # fmt: skip
            if token is None:
                continue
            try:
                decrypt(token)
            except Exception:  # ImproperlyConfigured, or a value that is not a token at all
                problems.append(f"{model._meta.label}.{name}")
    return problems
