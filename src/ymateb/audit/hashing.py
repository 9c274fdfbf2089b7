"""The canonical form of an audit row and its hash (format 1).

hash = sha256(canonical JSON of {id, at, actor_id, actor_label, action, object_type,
object_id, setting_id, source, detail, prev_hash}), hex. Canonical JSON: keys sorted, no
whitespace, UTF-8, no NaN; `at` in UTC as 2026-11-26T08:41:00.123456Z. The row's id is
hashed so that moving a row to another place in the chain breaks it.

Changing anything here invalidates every stored hash: a new format needs a version column.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import Any

from ymateb.audit.models import AuditEvent


def canonical_json(value: Any) -> str:
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    )


def format_at(at: datetime) -> str:
    if at.tzinfo is None:
        raise ValueError("An audit time must be timezone-aware.")
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def row_hash(event: AuditEvent) -> str:
    payload = {
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
    return hashlib.sha256(canonical_json(payload).encode("utf-8")).hexdigest()
