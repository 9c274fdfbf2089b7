"""The audit trail survives a rewrite (issue 8).

R-174: every read and write of an incident is audited, in a trail that cannot be changed
unnoticed. The attack: someone who can write to the database drops the append-only
triggers, edits a row, recomputes every later row's hash, moves the chain head and puts the
triggers back. Without the key (held outside the database) the recomputed hashes are wrong
and `ymateb audit verify` names the first bad row. With the key too (an insider with the
environment), the signed checkpoints already shipped to another host name the checkpoint
the rewrite contradicts.
"""

from __future__ import annotations

import base64
import hashlib
import importlib
import json
import shutil
from collections.abc import Callable
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from tests.app_role import step_down, step_up
from tests.audit.support import write
from ymateb.accounts.models import User
from ymateb.audit import checkpoints, hashing, keys
from ymateb.audit.models import GENESIS_HASH, AuditChainHead, AuditEvent
from ymateb.audit.protection import POSTGRESQL_TRIGGERS, SQLITE_TRIGGERS, TABLE, missing_protections
from ymateb.audit.services import verify_chain

pytestmark = pytest.mark.django_db

TRIGGERS = importlib.import_module("ymateb.audit.migrations.0002_append_only_triggers")
# The installation's key: secret, unlike the demo key the test settings use by default.
SECRET_KEY = "x7Qe2Lr9-the-installation-secret-audit-key-kVt4Wm8"


@pytest.fixture(autouse=True)
def secret_audit_key(settings: Any) -> None:
    settings.YMATEB_AUDIT_KEYS = [SECRET_KEY]


@pytest.fixture
def dsp(demo: Any) -> User:
    return User.objects.get(email="dsp@example.org")


def verify(*args: str) -> str:
    out = StringIO()
    call_command("audit", "verify", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def sql(statement: str, params: list[Any] | None = None) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


# The attacker's tools: full control of the database, none of the environment.


def drop_triggers() -> None:
    """The attacker has the superuser's rights (put_triggers_back gives them up again)."""
    if connection.vendor == "postgresql":
        step_up()
        sql("SET CONSTRAINTS ALL IMMEDIATE")  # ALTER waits for no pending FK check
        sql(f"DROP TRIGGER audit_auditevent_append_only ON {TABLE}")
        sql(f"GRANT UPDATE, DELETE ON {TABLE} TO CURRENT_USER")
        assert missing_protections() == list(POSTGRESQL_TRIGGERS)
    else:
        sql("DROP TRIGGER audit_auditevent_no_update")
        sql("DROP TRIGGER audit_auditevent_no_delete")
        assert sorted(missing_protections()) == sorted(SQLITE_TRIGGERS)


def put_triggers_back() -> None:
    """A careful attacker leaves the protections as they were."""
    if connection.vendor == "postgresql":
        sql(TRIGGERS.POSTGRESQL_INSTALL[1])
        sql(f"REVOKE UPDATE, DELETE ON {TABLE} FROM CURRENT_USER")
        step_down()
    else:
        for statement in TRIGGERS.SQLITE_INSTALL:
            sql(statement)
    assert missing_protections() == []


Rehash = Callable[[AuditEvent], None]


def rewrite(row_id: int, rehash: Rehash, **edit: Any) -> None:
    """Drop the triggers, edit one row, recompute every later row's hash with `rehash`,
    move the head to the new last hash, put the triggers back."""
    drop_triggers()
    AuditEvent.objects.filter(pk=row_id).update(**edit)
    previous = AuditEvent.objects.filter(pk=row_id - 1).values_list("hash", flat=True).first()
    previous = previous or GENESIS_HASH
    last = None
    for event in AuditEvent.objects.filter(id__gte=row_id).order_by("id"):
        event.prev_hash = previous
        rehash(event)
        AuditEvent.objects.filter(pk=event.pk).update(
            prev_hash=event.prev_hash,
            hash=event.hash,
            hash_version=event.hash_version,
            key_id=event.key_id,
        )
        previous, last = event.hash, event
    assert last is not None
    AuditChainHead.objects.filter(pk=1).update(last_id=last.id, last_hash=last.hash)
    put_triggers_back()


def the_old_unkeyed_function(event: AuditEvent) -> None:
    """Format 1: plain SHA-256, what every row used before the key."""
    event.hash_version, event.key_id = 1, ""
    event.hash = hashing.unkeyed_row_hash(event)


def sha256_of_the_new_format(event: AuditEvent) -> None:
    """The format-2 payload, hashed without a key (the attacker read the code)."""
    payload = {
        **{f: getattr(event, f) for f in ("id", "actor_id", "actor_label", "action")},
        **{f: getattr(event, f) for f in ("object_type", "object_id", "setting_id", "source")},
        "at": hashing.format_at(event.at),
        "detail": event.detail,
        "prev_hash": event.prev_hash,
        "hash_version": 2,
        "key_id": event.key_id,
    }
    event.hash = hashlib.sha256(hashing.canonical_json(payload).encode()).hexdigest()


def guessed_key(key: str, *, own_key_id: bool = False) -> Rehash:
    def rehash(event: AuditEvent) -> None:
        if own_key_id:
            event.key_id = keys.key_id(key)
        event.hash = hashing.keyed_row_hash(event, key)

    return rehash


def the_real_key(event: AuditEvent) -> None:
    """An insider who read YMATEB_AUDIT_KEYS from the environment."""
    event.hash = hashing.keyed_row_hash(event, SECRET_KEY)


# Without the key


@pytest.mark.parametrize(
    ("rehash", "reason"),
    [
        (the_old_unkeyed_function, "unkeyed hash format 1"),
        (sha256_of_the_new_format, "was edited"),
        (guessed_key("demo-only-audit-key-never-use-in-production-ymateb-0000"), "was edited"),
        (guessed_key("a-guessed-key-" * 4), "was edited"),
        (guessed_key("the-attacker's-own-key-" * 2, own_key_id=True), "not in YMATEB_AUDIT_KEYS"),
    ],
    ids=["unkeyed-format-1", "unkeyed-format-2", "demo-key", "guessed-key", "own-key"],
)
def test_r174_a_rewrite_without_the_key_is_caught_at_the_first_edited_row(
    dsp: User, rehash: Rehash, reason: str
) -> None:
    """R-174: triggers dropped, row edited, every later hash recomputed without the key,
    head moved, triggers put back: verify names the edited row."""
    events = write(dsp, 6)
    assert verify() == f"audit chain OK: {events[-1].id} rows\n"
    target = events[2].id

    rewrite(target, rehash, actor_label="someone-else@example.org")

    # The rewritten chain links up and the head matches: only the key tells.
    stored = list(AuditEvent.objects.order_by("id"))
    assert all(b.prev_hash == a.hash for a, b in zip(stored, stored[1:], strict=False))
    head = AuditChainHead.objects.get(pk=1)
    assert (head.last_id, head.last_hash) == (stored[-1].id, stored[-1].hash)
    with pytest.raises(CommandError, match=rf"BROKEN at row {target} \(") as caught:
        verify()
    assert reason in str(caught.value)
    assert verify_chain().first_bad_id == target


def test_r174_the_old_unkeyed_chain_passed_this_attack(dsp: User, settings: Any) -> None:
    """What the key changes: accepting unkeyed rows (as before), the same rewrite passes."""
    events = write(dsp, 4)
    rewrite(events[0].id, the_old_unkeyed_function, actor_label="someone-else@example.org")
    assert not verify_chain().ok
    settings.YMATEB_AUDIT_UNKEYED_UNTIL = 10**9
    assert verify_chain().ok


# With the key: the checkpoints shipped to another host


def ship(checkpoint_dir: Path, remote: Path) -> None:
    """What the deployment does on a schedule: copy the checkpoint files to another host."""
    shutil.copytree(checkpoint_dir, remote, dirs_exist_ok=True)


def test_r174_a_rewrite_with_the_keys_is_caught_by_the_checkpoints_shipped_elsewhere(
    dsp: User, checkpoint_dir: Path, tmp_path: Path
) -> None:
    """R-174: an insider holding every key from the environment rewrites the chain and the
    local checkpoint files; the copies on another host name the contradicted checkpoint."""
    remote = tmp_path / "another-host"
    write(dsp, 2)
    agrees = checkpoints.write_checkpoint()
    edited = write(dsp, 3)[1].id
    contradicted = checkpoints.write_checkpoint()
    write(dsp, 2)
    later = checkpoints.write_checkpoint()
    ship(checkpoint_dir, remote)
    assert agrees.last_id < edited < contradicted.last_id < later.last_id
    assert verify("--checkpoints", str(remote)).startswith("audit chain OK")

    rewrite(edited, the_real_key, actor_label="someone-else@example.org")
    shutil.rmtree(checkpoint_dir)  # and the local history, re-signed with the real key
    checkpoints.write_checkpoint()

    # With every key, the chain and the local checkpoints agree with each other...
    assert verify().startswith("audit chain OK")
    # ...but not with what was shipped before the rewrite.
    with pytest.raises(CommandError) as caught:
        verify("--checkpoints", str(remote))
    message = str(caught.value)
    assert message.startswith(f"audit chain OK: {later.last_id + 2} rows, but")
    assert (
        f"{contradicted.label()} [{contradicted.where} line 2] contradicts the database: "
        f"row {contradicted.last_id}'s hash is "
    ) in message
    assert f"{contradicted.last_hash[:16]}… in the checkpoint" in message
    assert f"the last checkpoint that agrees is {agrees.label()}" in message
    assert f"so the change lies in rows {agrees.last_id + 1} to {contradicted.last_id}" in message
    assert "(1 later checkpoint contradicts it too)" in message


def test_r174_rows_cut_from_the_end_are_caught_by_a_checkpoint(
    dsp: User, checkpoint_dir: Path
) -> None:
    """Deleting the newest rows and moving the head back needs no key at all."""
    write(dsp, 3)
    checkpoint = checkpoints.write_checkpoint()  # row last_id + 1 is the CHECKPOINT row
    drop_triggers()
    AuditEvent.objects.filter(id__gte=checkpoint.last_id).delete()
    kept = AuditEvent.objects.order_by("-id").first()
    assert kept is not None
    AuditChainHead.objects.filter(pk=1).update(last_id=kept.id, last_hash=kept.hash)
    put_triggers_back()
    assert verify_chain().ok
    with pytest.raises(CommandError, match=rf"\(row {checkpoint.last_id}\).*contradicts") as c:
        verify()
    assert f"row {checkpoint.last_id} is not in the database (the chain ends at row " in str(
        c.value
    )


# Checkpoint signatures


def first_line(checkpoint_dir: Path) -> tuple[Path, dict[str, Any]]:
    path = next(checkpoint_dir.glob("audit-checkpoints-*.jsonl"))
    return path, json.loads(path.read_text().splitlines()[0])


def test_an_altered_checkpoint_line_is_reported(dsp: User, checkpoint_dir: Path) -> None:
    write(dsp, 2)
    checkpoints.write_checkpoint()
    path, line = first_line(checkpoint_dir)
    line["last_hash"] = "f" * 64
    path.write_text(json.dumps(line) + "\n")
    with pytest.raises(CommandError) as caught:
        verify()
    assert f"checkpoint {path.name} line 1: the signature does not match" in str(caught.value)


def test_a_checkpoint_signed_by_another_key_is_reported(dsp: User, checkpoint_dir: Path) -> None:
    write(dsp, 2)
    checkpoints.write_checkpoint()
    path, line = first_line(checkpoint_dir)
    forger = Ed25519PrivateKey.generate()
    line["key_id"] = keys.signing_key_id(forger.public_key())
    line["public_key"] = keys.public_key_text(forger.public_key())
    payload = {name: line[name] for name in checkpoints.FIELDS}
    signature = forger.sign(hashing.canonical_json(payload).encode())
    line["signature"] = base64.b64encode(signature).decode()
    path.write_text(json.dumps(line) + "\nnot a checkpoint\n")
    with pytest.raises(CommandError) as caught:
        verify()
    message = str(caught.value)
    assert f"line 1 is signed by key {line['key_id']}, which is not a trusted signing key" in (
        message
    )
    assert f"{path.name} line 2 is not a readable checkpoint" in message


def test_a_verifier_needs_only_the_public_key(
    dsp: User, checkpoint_dir: Path, settings: Any
) -> None:
    """Another host checks the signatures with the public key shipped beside them."""
    write(dsp, 2)
    checkpoint = checkpoints.write_checkpoint()
    public = (checkpoint_dir / f"signing-key-{checkpoint.key_id}.pub").read_text().strip()
    settings.YMATEB_AUDIT_SIGNING_KEY = ""
    with pytest.raises(CommandError, match="not a trusted signing key"):
        verify()
    assert verify("--public-key", public).startswith("audit chain OK")
    settings.YMATEB_AUDIT_PUBLIC_KEYS = [public]
    assert verify().startswith("audit chain OK")


def test_verify_refuses_a_checkpoint_path_that_is_not_there(dsp: User, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="no checkpoints at"):
        verify("--checkpoints", str(tmp_path / "nowhere"))
