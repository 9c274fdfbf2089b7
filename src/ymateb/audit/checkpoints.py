"""Signed checkpoints of the audit chain's head, written outside the database.

A checkpoint is one line of JSON appended to a file in YMATEB_AUDIT_CHECKPOINT_DIR
(audit-checkpoints-YYYY-MM.jsonl), and optionally emailed to YMATEB_AUDIT_CHECKPOINT_EMAIL:

    {"format": "ymateb-audit-checkpoint/1", "at": "2026-12-01T10:15:00.000000Z",
     "last_id": 1234, "last_hash": "…", "key_id": "…", "public_key": "…", "signature": "…"}

`signature` is the Ed25519 signature (base64) of the canonical JSON of every other field,
made with YMATEB_AUDIT_SIGNING_KEY; `key_id` and `public_key` name the signing key. The
deployment ships the directory to another host (rsync, object storage with retention, a
mail archive): someone who later rewrites the database, even holding every key, cannot
change the copies already shipped, and `ymateb audit verify --checkpoints COPY` names the
checkpoint that the rewrite contradicts.

Each checkpoint also appends a CHECKPOINT row to the trail (detail: the row id it covers and
the signing key id), which the next checkpoint covers in turn.

Signature checks trust only the public keys of the configuration (the signing key's own,
YMATEB_AUDIT_PUBLIC_KEYS, or `--public-key`), never the key written in the line: a forger
could sign with a key of their own.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from ymateb.audit import keys
from ymateb.audit.hashing import canonical_json, format_at
from ymateb.audit.models import GENESIS_HASH, AuditAction, AuditEvent

FORMAT = "ymateb-audit-checkpoint/1"
FILE_PREFIX = "audit-checkpoints-"
FIELDS = ("format", "at", "last_id", "last_hash", "key_id", "public_key")


class CheckpointError(Exception):
    """A checkpoint cannot be written (nowhere to write it, or a bad signing key)."""


@dataclass(frozen=True)
class Checkpoint:
    at: datetime
    last_id: int
    last_hash: str
    key_id: str
    where: str = ""  # file and line, for messages
    line: str = ""

    def label(self) -> str:
        """ "Checkpoint of 2026-12-01 10:15 UTC (row 1234)"."""
        return f"Checkpoint of {self.at.astimezone(UTC):%Y-%m-%d %H:%M} UTC (row {self.last_id})"


@dataclass
class CheckpointReport:
    """What `verify` found in the checkpoint files."""

    checkpoints: list[Checkpoint] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # bad signatures, unreadable lines
    contradictions: list[str] = field(default_factory=list)  # checkpoints the database denies
    files: int = 0


# Writing


def checkpoint_dir() -> Path | None:
    value = getattr(settings, "YMATEB_AUDIT_CHECKPOINT_DIR", "")
    return Path(value) if value else None


def write_checkpoint(now: datetime | None = None) -> Checkpoint:
    """Sign the chain head, append it to this month's file, write the CHECKPOINT row, and
    email it when YMATEB_AUDIT_CHECKPOINT_EMAIL is set.

    The head is read under the chain's lock, so it names committed rows only; the line is on
    disk (fsync) before the CHECKPOINT row commits, so a line always describes rows that
    exist. Raises CheckpointError when there is nowhere to send it.
    """
    from ymateb.audit.services import _lock_head, audit

    directory = checkpoint_dir()
    recipients = list(getattr(settings, "YMATEB_AUDIT_CHECKPOINT_EMAIL", []) or [])
    if directory is None and not recipients:
        raise CheckpointError(
            "Neither YMATEB_AUDIT_CHECKPOINT_DIR nor YMATEB_AUDIT_CHECKPOINT_EMAIL is set: "
            "there is nowhere to write the checkpoint."
        )
    try:
        private = keys.load_signing_key(settings.YMATEB_AUDIT_SIGNING_KEY)
    except keys.AuditKeyError as exc:
        raise CheckpointError(str(exc)) from exc
    public = private.public_key()
    signing_id = keys.signing_key_id(public)
    at = now or datetime.now(tz=UTC)
    with transaction.atomic():
        head = _lock_head()
        payload: dict[str, Any] = {
            "format": FORMAT,
            "at": format_at(at),
            "last_id": head.last_id,
            "last_hash": head.last_hash,
            "key_id": signing_id,
            "public_key": keys.public_key_text(public),
        }
        signature = private.sign(canonical_json(payload).encode("utf-8"))
        line = canonical_json({**payload, "signature": base64.b64encode(signature).decode()})
        where = ""
        if directory is not None:
            path = _append(directory, at, line)
            _write_public_key(directory, signing_id, payload["public_key"])
            where = path.name
        audit(
            actor=None,
            action=AuditAction.CHECKPOINT,
            object_type="audit_chain",
            object_id=str(head.last_id),
            detail={"last_id": head.last_id, "key_id": signing_id, "file": where},
        )
    checkpoint = Checkpoint(at, head.last_id, head.last_hash, signing_id, where, line)
    if recipients:
        _email(recipients, checkpoint)
    return checkpoint


def _append(directory: Path, at: datetime, line: str) -> Path:
    directory.mkdir(mode=0o750, parents=True, exist_ok=True)
    path = directory / f"{FILE_PREFIX}{at.astimezone(UTC):%Y-%m}.jsonl"
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
    try:
        os.write(fd, (line + "\n").encode("utf-8"))  # one write: lines never interleave
        os.fsync(fd)
    finally:
        os.close(fd)
    return path


def _write_public_key(directory: Path, signing_id: str, public_key: str) -> None:
    """The public key beside the checkpoints, for a verifier that holds no secret."""
    path = directory / f"signing-key-{signing_id}.pub"
    if not path.exists():
        path.write_text(public_key + "\n", encoding="ascii")


def _email(recipients: list[str], checkpoint: Checkpoint) -> None:
    """English then Welsh; the signed line itself holds no personal detail."""
    parts, subjects = [], []
    for language in ("en", "cy"):
        with translation.override(language):
            subjects.append(
                _("Ymateb audit trail checkpoint: row %(row)s") % {"row": checkpoint.last_id}
            )
            parts.append(
                _(
                    "This is a signed checkpoint of the Ymateb audit trail. Keep this email "
                    "unchanged: if the audit trail is ever rewritten, checking it against this "
                    "checkpoint shows where. It holds no personal details."
                )
            )
    body = "\n\n".join([*parts, checkpoint.line]) + "\n"
    send_mail(" / ".join(subjects), body, settings.DEFAULT_FROM_EMAIL, recipients)


# Reading and checking


def trusted_public_keys(extra: Iterable[str] = ()) -> dict[str, Ed25519PublicKey]:
    """{key id: public key} that checkpoint signatures are checked against: the signing
    key's own (when this host holds it), YMATEB_AUDIT_PUBLIC_KEYS and `extra`."""
    trusted: dict[str, Ed25519PublicKey] = {}
    signing = getattr(settings, "YMATEB_AUDIT_SIGNING_KEY", "")
    if signing:
        public = keys.load_signing_key(signing).public_key()
        trusted[keys.signing_key_id(public)] = public
    texts = [*getattr(settings, "YMATEB_AUDIT_PUBLIC_KEYS", []), *extra]
    for text in texts:
        if text.strip():
            public = keys.load_public_key(text)
            trusted[keys.signing_key_id(public)] = public
    return trusted


def checkpoint_files(paths: Iterable[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(path.glob(f"{FILE_PREFIX}*.jsonl")))
        elif path.is_file():
            files.append(path)
    return files


def read_checkpoints(
    paths: Iterable[Path], trusted: dict[str, Ed25519PublicKey]
) -> CheckpointReport:
    """Every checkpoint line in the files (a directory means its checkpoint files), each
    signature checked. Lines that fail go to `problems`, naming the file and line."""
    report = CheckpointReport()
    seen: set[str] = set()  # the same line in the local directory and a shipped copy
    for path in checkpoint_files(paths):
        report.files += 1
        with path.open(encoding="utf-8", errors="replace") as handle:
            for number, raw in enumerate(handle, start=1):
                text = raw.strip()
                if not text or text in seen:
                    continue
                seen.add(text)
                where = f"{path.name} line {number}"
                checkpoint, problem = _parse(text, where, trusted)
                if checkpoint is not None:
                    report.checkpoints.append(checkpoint)
                else:
                    report.problems.append(problem)
    report.checkpoints.sort(key=lambda c: (c.last_id, c.at))
    return report


def _parse(
    text: str, where: str, trusted: dict[str, Ed25519PublicKey]
) -> tuple[Checkpoint | None, str]:
    try:
        data = json.loads(text)
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ValueError
        payload = {name: data[name] for name in FIELDS}
        signature = base64.b64decode(str(data["signature"]), validate=True)
        last_id = payload["last_id"]
        if not isinstance(last_id, int) or isinstance(last_id, bool) or last_id < 0:
            raise ValueError
        at = datetime.strptime(str(payload["at"]), "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)
    except (ValueError, KeyError, TypeError, binascii.Error):
        return None, f"{where} is not a readable checkpoint"
    public = trusted.get(str(payload["key_id"]))
    if public is None:
        return None, (
            f"{where} is signed by key {payload['key_id']}, which is not a trusted signing "
            "key (add its public key to YMATEB_AUDIT_PUBLIC_KEYS if it is a retired one)"
        )
    try:
        public.verify(signature, canonical_json(payload).encode("utf-8"))
    except InvalidSignature:
        return None, (
            f"{where}: the signature does not match: the line was altered after it was "
            "signed, or was not signed by Ymateb"
        )
    checkpoint = Checkpoint(
        at, last_id, str(payload["last_hash"]), str(payload["key_id"]), where, text
    )
    return checkpoint, ""


def contradictions(checkpoints: list[Checkpoint]) -> list[str]:
    """One message per checkpoint the database contradicts, earliest row first."""
    if not checkpoints:
        return []
    ids = {c.last_id for c in checkpoints if c.last_id}
    stored = dict(AuditEvent.objects.filter(id__in=ids).values_list("id", "hash"))
    last = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
    messages = []
    consistent: Checkpoint | None = None
    for checkpoint in checkpoints:
        if checkpoint.last_id == 0:
            in_database: str | None = GENESIS_HASH
        else:
            in_database = stored.get(checkpoint.last_id)
        if in_database == checkpoint.last_hash:
            consistent = checkpoint
            continue
        if in_database is None:
            found = (
                f"row {checkpoint.last_id} is not in the database (the chain ends at row "
                f"{last}): rows were deleted, or the database was restored from an older backup"
            )
        else:
            found = (
                f"row {checkpoint.last_id}'s hash is {in_database[:16]}… in the database, "
                f"{checkpoint.last_hash[:16]}… in the checkpoint"
            )
        since = (
            f"; the last checkpoint that agrees is {consistent.label()}, so the change lies "
            f"in rows {consistent.last_id + 1} to {checkpoint.last_id}"
            if consistent is not None and consistent.last_id < checkpoint.last_id
            else ""
        )
        messages.append(
            f"{checkpoint.label()} [{checkpoint.where}] contradicts the database: {found}{since}"
        )
    return messages


def check(paths: Iterable[Path], extra_public_keys: Iterable[str] = ()) -> CheckpointReport:
    """Read, check the signatures of, and compare with the database every checkpoint."""
    report = read_checkpoints(paths, trusted_public_keys(extra_public_keys))
    report.contradictions = contradictions(report.checkpoints)
    return report
