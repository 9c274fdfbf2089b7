"""`ymateb db_roles --apply | --check`: the installation's PostgreSQL roles (ADR 0011).

--apply (as a PostgreSQL superuser, after `ymateb migrate`) creates the owner, app and
worker roles when missing, hands every table to the owner and makes the app's and the
worker's grants exactly those of ymateb.records.roles. Passwords, when given, come from
YMATEB_DB_OWNER_PASSWORD, YMATEB_DB_APP_PASSWORD and YMATEB_DB_WORKER_PASSWORD.

--check (as any role that can read the catalogue) prints every difference from the
declared roles and grants, a grant beyond them above all, and exits 1 when there is one.
"""

from __future__ import annotations

import os
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connections, transaction

from ymateb.records import roles


class Command(BaseCommand):
    help = "Create (--apply) or check (--check) the PostgreSQL roles and their grants."

    def add_arguments(self, parser: CommandParser) -> None:
        what = parser.add_mutually_exclusive_group(required=True)
        what.add_argument("--apply", action="store_true", help="create roles, set grants")
        what.add_argument("--check", action="store_true", help="report any difference")
        for kind, name in roles.DEFAULT_NAMES.items():
            parser.add_argument(f"--{kind}", default=name, help=f"the {kind} role ({name})")
        parser.add_argument("--database", default="default")

    def handle(self, *args: Any, **options: Any) -> None:
        connection = connections[options["database"]]
        if connection.vendor != "postgresql":
            raise CommandError("Database roles are for PostgreSQL; this database is not.")
        names = {kind: options[kind] for kind in roles.DEFAULT_NAMES}
        if options["apply"]:
            passwords = {
                kind: os.environ.get(f"YMATEB_DB_{kind.upper()}_PASSWORD", "")
                for kind in roles.DEFAULT_NAMES
            }
            with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
                roles.apply(cursor, names, passwords)
            self.stdout.write("Roles and grants applied: " + ", ".join(names.values()))
        with connection.cursor() as cursor:
            report = roles.check(cursor, names)
        for problem in report.problems:
            self.stdout.write(problem)
        if report.problems:
            raise CommandError(f"{len(report.problems)} difference(s) from the declared roles.")
        self.stdout.write("The roles and grants are as declared.")
