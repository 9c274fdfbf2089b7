"""The canonical form of an audit row and its hash, by hash format (`AuditEvent.hash_version`).

Format 2 (what `audit()` writes): hash = HMAC-SHA256(key, canonical JSON of {id, at,
actor_id, actor_label, action, object_type, object_id, setting_id, source, detail,
prev_hash, hash_version, key_id}), hex, where key is the YMATEB_AUDIT_KEYS entry whose id
(ymateb.audit.keys.key_id) is the row's `key_id`. The key lives outside the database, so
someone who can write to the database but does not hold the key cannot recompute the
hashes after changing a row.

Format 1 (rows written before format 2): sha256(canonical JSON of the same fields without
hash_version and key_id), hex; anyone can recompute it, so `ymateb audit verify` accepts it
only for rows up to YMATEB_AUDIT_UNKEYED_UNTIL.

Canonical JSON: keys sorted, no whitespace, UTF-8, no NaN; `at` in UTC as
2026-11-26T08:41:00.123456Z. The row's id is hashed so that moving a row to another place in
the chain breaks it. Changing a format invalidates every hash written in it: add a new one.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import Any

from django.conf import settings

from ymateb.audit import keys
from ymateb.audit.models import AuditEvent

UNKEYED_FORMAT = 1
KEYED_FORMAT = 2
FORMATS = (UNKEYED_FORMAT, KEYED_FORMAT)


class UnknownKeyError(LookupError):
    """The row names a key id that is not in YMATEB_AUDIT_KEYS."""


class UnknownFormatError(LookupError):
    """The row's hash_version is not a format this version of Ymateb knows."""


def canonical_json(value: Any) -> str:
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    )


def format_at(at: datetime) -> str:
    if at.tzinfo is None:
        raise ValueError("An audit time must be timezone-aware.")
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _fields(event: AuditEvent) -> dict[str, Any]:
    return {
        "id": event.id,
        "at": format_at(event.at),
        "actor_id": event.actor_id,
        "actor_label": event.actor_label,
        "action": event.action,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "setting_id": event.setting_id,
        "source": event.source,
        "detail": event.detail,
        "prev_hash": event.prev_hash,
    }


def hash_keys() -> dict[str, str]:
    """{key id: key} from YMATEB_AUDIT_KEYS, newest first."""
    return keys.parse_hash_keys(list(settings.YMATEB_AUDIT_KEYS))


def unkeyed_row_hash(event: AuditEvent) -> str:
    """Format 1."""
    return hashlib.sha256(canonical_json(_fields(event)).encode("utf-8")).hexdigest()


def keyed_row_hash(event: AuditEvent, key: str) -> str:
    """Format 2 under the given key (the caller picks the key by the row's key_id)."""
    payload = {**_fields(event), "hash_version": KEYED_FORMAT, "key_id": event.key_id}
    return keys.hmac_sha256(key, canonical_json(payload).encode("utf-8"))


def row_hash(event: AuditEvent) -> str:
    """The hash of the row in its own format, under the key its key_id names.

    Raises UnknownKeyError or UnknownFormatError when the row cannot be checked here.
    """
    if event.hash_version == KEYED_FORMAT:
        key = hash_keys().get(event.key_id)
        if key is None:
            raise UnknownKeyError(event.key_id)
        return keyed_row_hash(event, key)
    if event.hash_version == UNKEYED_FORMAT:
        return unkeyed_row_hash(event)
    raise UnknownFormatError(event.hash_version)
