"""The audit trail's keys (held outside the database, rotatable) and its signed checkpoints
(written on a schedule by the worker, or by `ymateb audit checkpoint` from cron).

R-174: the audit trail is append-only and cannot be changed unnoticed.
"""

from __future__ import annotations

import json
import stat
from datetime import timedelta
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from tests.app_role import as_worker, run_worker
from ymateb.audit import checkpoints, hashing, keys
from ymateb.audit.models import AuditAction, AuditChainHead, AuditEvent
from ymateb.audit.services import audit, verify_chain
from ymateb.audit.tasks import schedule_checkpoints, write_audit_checkpoint

pytestmark = pytest.mark.django_db

OLD_KEY = "the-old-audit-key-retired-in-2027-aaaaaaaaaaaaaaaa"
NEW_KEY = "the-new-audit-key-brought-in-2027-bbbbbbbbbbbbbbbb"


def write(count: int) -> list[AuditEvent]:
    events = []
    for n in range(count):
        with transaction.atomic():
            events.append(
                audit(actor=None, action=AuditAction.LIST, object_type="incident", detail={"n": n})
            )
    return events


def verify(*args: str) -> str:
    out = StringIO()
    call_command("audit", "verify", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


# Keys


def test_r174_rows_are_hashed_with_hmac_under_the_first_key(settings: Any) -> None:
    settings.YMATEB_AUDIT_KEYS = [NEW_KEY, OLD_KEY]
    event = write(1)[0]
    event.refresh_from_db()
    assert (event.hash_version, event.key_id) == (2, keys.key_id(NEW_KEY))
    assert event.hash == hashing.keyed_row_hash(event, NEW_KEY)
    assert event.hash != hashing.keyed_row_hash(event, OLD_KEY)
    assert event.hash != hashing.unkeyed_row_hash(event)
    assert NEW_KEY not in json.dumps(
        AuditEvent.objects.filter(pk=event.pk).values().get(), default=str
    )


def test_r174_key_rotation_old_rows_verify_under_their_own_key(settings: Any) -> None:
    """Rotation: new key first, old rows still verify while the old key stays listed;
    removing it too early is reported, naming the first row hashed under it."""
    settings.YMATEB_AUDIT_KEYS = [OLD_KEY]
    before = write(3)
    settings.YMATEB_AUDIT_KEYS = [NEW_KEY, OLD_KEY]
    after = write(2)
    assert {e.key_id for e in before} == {keys.key_id(OLD_KEY)}
    assert {e.key_id for e in after} == {keys.key_id(NEW_KEY)}
    assert verify() == f"audit chain OK: {after[-1].id} rows\n"

    settings.YMATEB_AUDIT_KEYS = [NEW_KEY]
    with pytest.raises(CommandError, match=rf"BROKEN at row {before[0].id} \(") as caught:
        verify()
    assert f"names hash key {keys.key_id(OLD_KEY)}, which is not in YMATEB_AUDIT_KEYS" in str(
        caught.value
    )


def test_format_1_rows_are_accepted_only_up_to_the_configured_row(settings: Any) -> None:
    """A database from before the keyed format: its unkeyed rows verify when the operator
    says how many there were (a setting the database cannot change), and no further."""
    from django.db import connection

    old = AuditEvent(
        id=1,
        at=timezone.now(),
        actor_label="system",
        action="list",
        object_type="incident",
        prev_hash="0" * 64,
        hash_version=1,
        key_id="",
    )
    old.hash = hashing.unkeyed_row_hash(old)
    old.save(force_insert=True)  # INSERT is allowed: as it was written before the upgrade
    AuditChainHead.objects.update_or_create(pk=1, defaults={"last_id": 1, "last_hash": old.hash})
    assert connection.vendor in {"sqlite", "postgresql"}
    write(2)
    with pytest.raises(CommandError, match=r"BROKEN at row 1 \(.*unkeyed hash format 1"):
        verify()
    settings.YMATEB_AUDIT_UNKEYED_UNTIL = 1
    assert verify() == "audit chain OK: 3 rows\n"


def test_bad_keys_are_refused_in_plain_words(settings: Any) -> None:
    settings.YMATEB_AUDIT_KEYS = ["short"]
    with pytest.raises(CommandError, match="shorter than 32 characters"):
        verify()
    with pytest.raises(keys.AuditKeyError, match="YMATEB_AUDIT_SIGNING_KEY"):
        keys.load_signing_key("not base64!")
    with pytest.raises(keys.AuditKeyError, match="32-byte"):
        keys.load_signing_key("c2hvcnQ=")


def test_new_keys_prints_keys_production_accepts() -> None:
    out = StringIO()
    call_command("audit", "new-keys", stdout=out)
    lines = dict(
        line.split("=", 1) for line in out.getvalue().splitlines() if not line.startswith("#")
    )
    assert keys.parse_hash_keys([lines["YMATEB_AUDIT_KEYS"]])
    keys.load_signing_key(lines["YMATEB_AUDIT_SIGNING_KEY"])


# Checkpoints


def test_r174_a_checkpoint_is_signed_written_outside_the_database_and_audited(
    checkpoint_dir: Path,
) -> None:
    events = write(3)
    checkpoint = checkpoints.write_checkpoint()
    assert (checkpoint.last_id, checkpoint.last_hash) == (events[-1].id, events[-1].hash)

    files = list(checkpoint_dir.glob("audit-checkpoints-*.jsonl"))
    assert [f.name for f in files] == [checkpoint.where]
    line = json.loads(files[0].read_text())
    assert line["last_id"] == events[-1].id and line["last_hash"] == events[-1].hash
    assert set(line) == {*checkpoints.FIELDS, "signature"}
    assert stat.S_IMODE(files[0].stat().st_mode) & 0o007 == 0  # not world-readable
    report = checkpoints.check([checkpoint_dir])
    assert (len(report.checkpoints), report.problems, report.contradictions) == (1, [], [])

    row = AuditEvent.objects.order_by("-id").first()
    assert row is not None and row.action == AuditAction.CHECKPOINT
    assert row.detail == {
        "last_id": events[-1].id,
        "key_id": checkpoint.key_id,
        "file": files[0].name,
    }
    assert verify() == f"audit chain OK: {row.id} rows\n"


def test_the_checkpoint_command_for_cron_and_the_email_to_oversight(
    checkpoint_dir: Path, settings: Any
) -> None:
    settings.YMATEB_AUDIT_CHECKPOINT_EMAIL = ["oversight@example.org"]
    write(2)
    out = StringIO()
    call_command("audit", "checkpoint", stdout=out)
    assert "(row 2) signed with key" in out.getvalue()
    assert len(list(checkpoint_dir.glob("*.jsonl"))) == 1
    [message] = mail.outbox
    assert message.to == ["oversight@example.org"]
    assert "row 2" in message.subject and "rhes 2" in message.subject
    assert "signed checkpoint of the Ymateb audit trail" in message.body
    assert "trywydd archwilio" in message.body  # and in Welsh
    signed = message.body.strip().splitlines()[-1]
    assert json.loads(signed)["last_id"] == 2


def test_the_checkpoint_command_needs_somewhere_to_write(settings: Any) -> None:
    settings.YMATEB_AUDIT_CHECKPOINT_DIR = ""
    settings.YMATEB_AUDIT_CHECKPOINT_EMAIL = []
    with pytest.raises(CommandError, match="nowhere to write the checkpoint"):
        call_command("audit", "checkpoint")
    assert not AuditEvent.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_r174_the_worker_runs_the_checkpoint_task_and_queues_the_next(
    checkpoint_dir: Path, settings: Any
) -> None:
    settings.YMATEB_AUDIT_CHECKPOINT_MINUTES = 15
    write(2)
    assert schedule_checkpoints(first_in=timedelta(0))
    assert not schedule_checkpoints()  # one schedule, however many workers start
    run_worker(verbosity=0)

    done = DBTaskResult.objects.get(status=TaskResultStatus.SUCCESSFUL)
    assert done.task_path == write_audit_checkpoint.module_path
    report = checkpoints.check([checkpoint_dir])
    assert [c.last_id for c in report.checkpoints] == [2] and report.problems == []
    assert AuditEvent.objects.filter(action=AuditAction.CHECKPOINT).count() == 1
    waiting = DBTaskResult.objects.get(status=TaskResultStatus.READY)
    assert waiting.task_path == write_audit_checkpoint.module_path
    due = waiting.run_after - timezone.now()
    assert timedelta(minutes=14) < due <= timedelta(minutes=15)
    assert verify().startswith("audit chain OK")


@pytest.mark.django_db(transaction=True)
def test_the_worker_starts_the_checkpoint_schedule(checkpoint_dir: Path) -> None:
    with as_worker():
        call_command(
            "db_worker",
            "--max-tasks",
            "1",
            "--interval",
            "0",
            "--no-startup-delay",
            "--no-reload",
            verbosity=0,
        )
    assert [c.last_id for c in checkpoints.check([checkpoint_dir]).checkpoints] == [0]
    assert DBTaskResult.objects.filter(status=TaskResultStatus.READY).count() == 1
    assert verify_chain().ok
