"""`ymateb backup PATH`: a full copy of the database in one file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandError

from ymateb.records import backup
from ymateb.records.management.backup_file import BackupFileCommand


class Command(BackupFileCommand):
    help = (
        "Write a full backup of the database to PATH: SQLite through its online backup API, "
        "PostgreSQL with pg_dump (custom format, for `ymateb restore`). Encrypted fields stay "
        "encrypted in the file, so it can only be read with the YMATEB_FIELD_KEYS in use "
        "when it was taken: keep those keys, separately from the backup. The file holds "
        "records about children: store it as securely as the database itself."
    )

    path_help = "the backup file to write"
    overwrite_flag = ("--force", "replace PATH if it already exists")

    def handle(self, *args: Any, path: str, database: str, force: bool, **options: Any) -> None:
        target = Path(path)
        if target.exists() and not force:
            raise CommandError(f"{target} already exists. Choose another name, or use --force.")
        if not target.parent.is_dir():
            raise CommandError(f"The folder {target.parent} does not exist.")
        counts = backup.row_counts(database)
        backup.backup(database, target)
        self.stdout.write(
            f"Backed up {backup.describe(database)} to {target}: "
            f"{sum(counts.values())} rows in {len(counts)} tables. "
            "Encrypted fields are still encrypted in the file."
        )
