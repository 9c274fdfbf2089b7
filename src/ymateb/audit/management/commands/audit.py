"""`ymateb audit verify | checkpoint | new-keys`: check the audit trail, sign its head, make keys.

`verify` checks every row's keyed hash and link, the chain head, the append-only triggers,
and the signed checkpoints (YMATEB_AUDIT_CHECKPOINT_DIR, or the copies named with
--checkpoints): exits 0 printing "audit chain OK: N rows"; otherwise exits 1 naming the
first bad row and what happened to it (edited, deleted, inserted, reordered), each
checkpoint whose signature fails, and the first checkpoint the database contradicts.
Notes that are not failures (no checkpoints found yet) go to standard error.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from ymateb.audit import checkpoints
from ymateb.audit.keys import AuditKeyError, new_keys
from ymateb.audit.protection import TABLE, missing_protections
from ymateb.audit.services import verify_chain


class Command(BaseCommand):
    help = (
        "Work with the audit trail. `audit verify` checks that it has not been tampered with; "
        "`audit checkpoint` signs its head; `audit new-keys` prints fresh keys."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        subcommands = parser.add_subparsers(
            dest="subcommand", required=True, metavar="verify|checkpoint|new-keys"
        )
        verify = subcommands.add_parser(
            "verify",
            help="Check every row's hash and link, the chain head, the append-only triggers "
            "and the signed checkpoints.",
        )
        verify.add_argument(
            "--checkpoints",
            action="append",
            type=Path,
            metavar="PATH",
            help="a directory or file of checkpoints shipped to another host (repeatable); "
            "default: YMATEB_AUDIT_CHECKPOINT_DIR",
        )
        verify.add_argument(
            "--public-key",
            action="append",
            default=[],
            metavar="BASE64",
            help="a trusted checkpoint signing public key (repeatable), besides "
            "YMATEB_AUDIT_PUBLIC_KEYS and the signing key's own",
        )
        subcommands.add_parser(
            "checkpoint",
            help="Sign a checkpoint of the chain head now (for cron, where no worker runs).",
        )
        subcommands.add_parser(
            "new-keys", help="Print a fresh row-hash key, signing key and its public key."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        subcommand = options["subcommand"]
        if subcommand == "verify":
            self.verify(options.get("checkpoints"), options.get("public_key") or [])
        elif subcommand == "checkpoint":
            self.checkpoint()
        elif subcommand == "new-keys":
            self.new_keys()
        else:  # pragma: no cover - argparse refuses other words
            raise CommandError(f"Unknown subcommand {subcommand!r}.")

    def verify(self, paths: list[Path] | None, public_keys: list[str]) -> None:
        problems: list[str] = []
        try:
            result = verify_chain()
        except AuditKeyError as exc:
            raise CommandError(f"audit chain not checked: {exc}") from exc
        if not result.ok:
            where = f"row {result.first_bad_id}" if result.first_bad_id else "chain head"
            problems.append(
                f"audit chain BROKEN at {where} ({result.checked} rows checked before it): "
                f"{result.reason}"
            )
        problems.extend(self._checkpoint_problems(paths, public_keys))
        missing = missing_protections()
        if missing:
            problems.append(
                f"the append-only triggers on {TABLE} are missing or disabled: {', '.join(missing)}"
            )
        if problems:
            if result.ok:
                problems.insert(0, f"audit chain OK: {result.checked} rows, but")
            raise CommandError("\n".join(problems))
        self.stdout.write(f"audit chain OK: {result.checked} rows")

    def _checkpoint_problems(self, paths: list[Path] | None, public_keys: list[str]) -> list[str]:
        if paths:
            absent = [str(p) for p in paths if not p.exists()]
            if absent:
                return [f"no checkpoints at {', '.join(absent)}"]
        else:
            default = checkpoints.checkpoint_dir()
            paths = [default] if default is not None else []
        try:
            report = checkpoints.check(paths, public_keys)
        except AuditKeyError as exc:
            return [f"checkpoints not checked: {exc}"]
        problems = [f"checkpoint {problem}" for problem in report.problems]
        if report.contradictions:
            first, *later = report.contradictions
            problems.append(first)
            if later:
                problems.append(
                    "(1 later checkpoint contradicts it too)"
                    if len(later) == 1
                    else f"({len(later)} later checkpoints contradict it too)"
                )
        if not report.checkpoints and not report.problems:
            where = ", ".join(str(p) for p in paths) or "(YMATEB_AUDIT_CHECKPOINT_DIR is not set)"
            self.stderr.write(
                f"note: no signed checkpoints found in {where}: the chain was checked with "
                "its keys only"
            )
        elif report.checkpoints:
            newest = max(c.at for c in report.checkpoints)
            due = timedelta(minutes=2 * int(settings.YMATEB_AUDIT_CHECKPOINT_MINUTES) + 5)
            if datetime.now(tz=UTC) - newest > due:
                self.stderr.write(
                    f"note: the newest checkpoint is of {newest:%Y-%m-%d %H:%M} UTC: "
                    "rows written since then are protected by the keys only"
                )
        return problems

    def checkpoint(self) -> None:
        try:
            checkpoint = checkpoints.write_checkpoint()
        except checkpoints.CheckpointError as exc:
            raise CommandError(str(exc)) from exc
        where = checkpoint.where or "email only"
        self.stdout.write(f"{checkpoint.label()} signed with key {checkpoint.key_id} ({where})")

    def new_keys(self) -> None:
        hash_key, signing_key, public_key = new_keys()
        self.stdout.write(
            "# Keep these outside the database and out of backups of it.\n"
            f"YMATEB_AUDIT_KEYS={hash_key}\n"
            f"YMATEB_AUDIT_SIGNING_KEY={signing_key}\n"
            "# The public key checks checkpoint signatures; it is not secret.\n"
            f"# public key: {public_key}"
        )
