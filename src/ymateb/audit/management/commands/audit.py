"""`ymateb audit verify`: check the audit trail's hash chain and its database protections.

Exits 0 printing "audit chain OK: N rows"; otherwise exits 1 with the first bad row's id
and what happened to it (edited, deleted, inserted, reordered) on standard error.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ymateb.audit.protection import TABLE, missing_protections
from ymateb.audit.services import verify_chain


class Command(BaseCommand):
    help = "Work with the audit trail. `audit verify` checks that it has not been tampered with."

    def add_arguments(self, parser: CommandParser) -> None:
        subcommands = parser.add_subparsers(dest="subcommand", required=True, metavar="verify")
        subcommands.add_parser(
            "verify",
            help="Check every row's hash and link, the chain head and the append-only triggers.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["subcommand"] == "verify":
            self.verify()
        else:  # pragma: no cover - argparse refuses other words
            raise CommandError(f"Unknown subcommand {options['subcommand']!r}.")

    def verify(self) -> None:
        result = verify_chain()
        if not result.ok:
            where = f"row {result.first_bad_id}" if result.first_bad_id else "chain head"
            raise CommandError(
                f"audit chain BROKEN at {where} ({result.checked} rows checked before it): "
                f"{result.reason}"
            )
        missing = missing_protections()
        if missing:
            raise CommandError(
                f"audit chain OK: {result.checked} rows, but the append-only triggers on "
                f"{TABLE} are missing or disabled: {', '.join(missing)}"
            )
        self.stdout.write(f"audit chain OK: {result.checked} rows")
