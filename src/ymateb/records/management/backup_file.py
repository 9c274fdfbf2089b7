"""What `ymateb backup` and `ymateb restore` share: one backup file of one database."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandParser


class BackupFileCommand(BaseCommand):
    """A command on one backup file, PATH, of the database --database, with a flag that lets
    it overwrite what is there already."""

    #: What PATH is to the command.
    path_help: str
    #: The flag that lets the command overwrite, and what it overwrites.
    overwrite_flag: tuple[str, str]

    def add_arguments(self, parser: CommandParser) -> None:
        flag, flag_help = self.overwrite_flag
        parser.add_argument("path", help=self.path_help)
        parser.add_argument("--database", default="default", help="database alias")
        parser.add_argument(flag, action="store_true", help=flag_help)
