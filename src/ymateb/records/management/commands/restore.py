"""`ymateb restore PATH`: replace the database with a backup made by `ymateb backup`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser

from ymateb.records import backup
from ymateb.records.management.backup_file import BackupFileCommand


class Command(BackupFileCommand):
    help = (
        "Replace the whole database with a backup made by `ymateb backup` (SQLite: the "
        "SQLite backup API; PostgreSQL: pg_restore --clean --if-exists, in one "
        "transaction). Everything in the database now is overwritten, so when it holds "
        "data this refuses to run without --yes. Encrypted fields in the backup need the "
        "YMATEB_FIELD_KEYS (or one of them) in use when it was taken. Stop the app first."
    )

    path_help = "the backup file to restore"
    overwrite_flag = ("--yes", "overwrite a database that holds data")

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--no-owner",
            action="store_true",
            help="PostgreSQL: make the restoring role own the tables, for another cluster",
        )

    def handle(
        self, *args: Any, path: str, database: str, yes: bool, no_owner: bool, **options: Any
    ) -> None:
        source = Path(path)
        backup.check_file(database, source)
        where = backup.describe(database)
        existing = backup.data_counts(database)
        if existing and not yes:
            listing = "\n".join(
                f"  {label}: {n} row{'' if n == 1 else 's'}"
                for label, n in sorted(existing.items())
            )
            raise CommandError(
                f"{where} holds data. Restoring {source} replaces all of it, including:\n"
                f"{listing}\n"
                "Nothing was changed. Run again with --yes to overwrite it."
            )
        backup.restore(database, source, no_owner=no_owner)
        counts = backup.row_counts(database)
        self.stdout.write(
            f"Restored {where} from {source}: {sum(counts.values())} rows in {len(counts)} tables."
        )
        unreadable = backup.undecryptable_fields(database)
        if unreadable:
            self.stderr.write(
                "Warning: the current YMATEB_FIELD_KEYS cannot decrypt "
                + ", ".join(unreadable)
                + ". Add the key that was in use when the backup was taken."
            )
