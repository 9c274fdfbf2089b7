from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from ymateb.incidents.auditing import audit_listed
from ymateb.incidents.retention.services import due_for_review
from ymateb.records import rls


class Command(BaseCommand):
    help = "Retention of incident records. `review` lists the records due; it deletes nothing."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True)
        sub.add_parser("review", help="List records whose retention date has come.")

    def handle(self, *args: Any, **options: Any) -> None:
        # Listing incidents is a read of incident data, by whoever runs the command. The
        # review covers every setting, so that is its row-level-security scope, explicitly.
        with rls.scoped(rls.all_settings()):
            due = list(due_for_review())
            audit_listed(None, "retention_review", len(due))
        if not due:
            self.stdout.write("No records are due for review.")
            return
        self.stdout.write(
            f"{len(due)} record(s) due for review (nothing is deleted automatically):"
        )
        for incident in due:
            asked = hasattr(incident, "destruction_request")
            self.stdout.write(
                f"  {incident.reference:<10} {incident.setting.name:<30} "
                f"kept until {incident.retention_until}  "
                + (
                    "destruction asked for, awaiting a second person"
                    if asked
                    else "awaiting review"
                )
            )
