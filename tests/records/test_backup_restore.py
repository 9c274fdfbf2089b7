"""The backup drill: back up, wipe, restore, and prove everything came back.

Runs on whichever database the suite uses (SQLite in memory, or PostgreSQL under `make
test`). Transactional, because pg_dump and pg_restore use their own connections and see
committed rows only, and SQLite's backup API needs no transaction open.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from tests.app_role import superuser
from tests.factories import IncidentFactory
from ymateb.audit.services import audit
from ymateb.records import backup

pytestmark = pytest.mark.django_db(transaction=True)

CANARY = "CANARY-BACKUP-Ffion-said-Qv83"


def test_backup_wipe_restore_drill(demo: Any, tmp_path: Path) -> None:
    from ymateb.incidents.models import Incident, IncidentChild

    for n in range(3):
        incident = IncidentFactory(
            setting=demo,
            reference=f"BK-{n}",
            account=CANARY,
            children=["Child one", {"name": "Child two", "date_of_birth": "2012-01-02"}],
        )
        audit(actor=None, action="view", object_type="incident", object_id=str(incident.pk))
    before = backup.row_counts("default")
    assert before["incidents.Incident"] == 3 and before["incidents.IncidentChild"] == 6
    assert before["accounts.User"] >= 6

    target = tmp_path / "ymateb.backup"
    # Backups and restores are the owner's work (README): here the superuser's.
    with superuser():
        call_command("backup", str(target))
    assert target.stat().st_size > 0
    assert target.stat().st_mode & 0o077 == 0  # readable by its owner only
    assert CANARY.encode() not in target.read_bytes()  # encrypted fields stay encrypted

    # A database with data is not overwritten without --yes, and the message says what.
    with pytest.raises(CommandError) as refused, superuser():
        call_command("restore", str(target))
    message = str(refused.value)
    assert "holds data" in message and "--yes" in message and "Nothing was changed" in message
    assert "incidents.Incident: 3 rows" in message
    assert backup.row_counts("default") == before

    call_command("flush", interactive=False, verbosity=0)
    assert not Incident.objects.exists()
    assert backup.data_counts("default") == {}

    with superuser():
        call_command("restore", str(target))  # nothing to overwrite now: no --yes needed
    after = backup.row_counts("default")
    assert after == before
    assert {i.account for i in Incident.objects.all()} == {CANARY}
    assert IncidentChild.objects.filter(date_of_birth="2012-01-02").count() == 0  # encrypted
    assert sorted(c.date_of_birth for c in IncidentChild.objects.all()).count("2012-01-02") == 3
    call_command("audit", "verify")

    # Restoring over the same data again needs --yes, and gives the same result.
    with superuser():
        call_command("restore", str(target), "--yes")
    assert backup.row_counts("default") == before


def test_backup_refuses_to_overwrite_a_file(demo: Any, tmp_path: Path) -> None:
    target = tmp_path / "existing.backup"
    target.write_text("keep me")
    with pytest.raises(CommandError, match="already exists"), superuser():
        call_command("backup", str(target))
    assert target.read_text() == "keep me"
    with superuser():
        call_command("backup", str(target), "--force")
    assert target.read_bytes()[:5] in (b"SQLit", b"PGDMP")


def test_restore_refuses_a_file_that_is_not_a_backup(demo: Any, tmp_path: Path) -> None:
    before = backup.row_counts("default")
    not_a_backup = tmp_path / "notes.txt"
    not_a_backup.write_text("hello")
    with (
        pytest.raises(CommandError, match="is not an? .* backup made by `ymateb backup`"),
        superuser(),
    ):
        call_command("restore", str(not_a_backup), "--yes")
    with pytest.raises(CommandError, match="There is no backup file"), superuser():
        call_command("restore", str(tmp_path / "missing.backup"), "--yes")
    assert backup.row_counts("default") == before


def test_missing_postgresql_tools_are_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(backup.shutil, "which", lambda name: None)
    with pytest.raises(CommandError, match="pg_dump was not found.*postgresql-client"):
        backup._tool("pg_dump")


def test_the_help_says_encrypted_fields_stay_encrypted() -> None:
    from ymateb.records.management.commands.backup import Command

    assert "Encrypted fields stay encrypted" in Command.help
    assert connection.vendor in ("sqlite", "postgresql")
