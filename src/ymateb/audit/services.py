"""Writing and reading the audit trail.

`audit()` is the only way a row is written. Call it inside the `transaction.atomic()` of
the read or write it describes, before the data leaves the function: if the row cannot be
written it raises, the transaction rolls back, and the data is not returned. Never call it
after the response, in a thread, a task queue or `transaction.on_commit`.

Every writer locks the single chain-head row until its transaction ends, so appends are
serialised across processes. Keep the surrounding transaction short (audit last, just
before returning), since other writers wait for it.
"""

from __future__ import annotations

import hmac
import ipaddress
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, NamedTuple, NoReturn

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.db.models import Count, F, Max
from django.http import HttpRequest

from ymateb.audit import hashing
from ymateb.audit.models import (
    GENESIS_HASH,
    HASH_VERSION,
    VIEWING_ACTIONS,
    AuditAction,
    AuditChainHead,
    AuditEvent,
)

# A detail larger than this is more likely content than identifiers and codes.
MAX_DETAIL_CHARS = 2000
SYSTEM_LABEL = "system"
ANONYMOUS_LABEL = "anonymous"


class AuditError(Exception):
    """The audit row could not be written; the caller's transaction must not commit."""


def audit(
    *,
    actor: AbstractBaseUser | AnonymousUser | None,
    action: str,
    object_type: str,
    object_id: str = "",
    setting_id: int | None = None,
    request: HttpRequest | None = None,
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event to the audit trail in the current transaction and return it.

    `actor` None means the system (a scheduled job, a management command); an anonymous
    user is recorded as "anonymous". `detail` holds identifiers and codes only, never
    sensitive content (see AuditEvent): values may be strings, whole numbers, booleans,
    None, lists and objects; not floats. Raises (ValueError, AuditError or a database
    error) when the row cannot be written.
    """
    if len(object_type) > 60:
        raise ValueError("An audit object_type is a short code such as 'incident'.")
    if action not in AuditAction.values:
        raise ValueError(f"Unknown audit action {action!r}: add it to AuditAction first.")
    clean_detail = _clean_detail(detail)
    actor_id, actor_label = _actor(actor)
    source = request_source(request) if request is not None else ""
    with transaction.atomic():
        head = _lock_head()
        event = AuditEvent(
            id=head.last_id + 1,
            at=datetime.now(tz=UTC),
            actor_id=actor_id,
            actor_label=actor_label,
            action=action,
            object_type=object_type,
            object_id=_clean_object_id(object_id),
            setting_id=setting_id,
            source=source,
            detail=clean_detail,
            prev_hash=head.last_hash,
            hash_version=HASH_VERSION,
            key_id=next(iter(hashing.hash_keys())),
        )
        event.hash = hashing.row_hash(event)
        event.save(force_insert=True)
        head.last_id = event.id
        head.last_hash = event.hash
        head.save(update_fields=["last_id", "last_hash"])
    return event


def audit_about(
    object_type: str,
    actor: AbstractBaseUser | AnonymousUser | None,
    action: str,
    object_id: Any,
    *,
    setting_id: int | None = None,
    request: HttpRequest | None = None,
    **detail: Any,
) -> AuditEvent:
    """`audit` for one object, with the detail as keywords:
    `audit_about("user", by, AuditAction.RESET_PASSWORD, user.pk, request=request, devices=2)`."""
    return audit(
        actor=actor,
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        setting_id=setting_id,
        request=request,
        detail=detail or None,
    )


def _lock_head() -> AuditChainHead:
    """The chain head, locked until the end of the transaction.

    PostgreSQL: SELECT ... FOR UPDATE. SQLite has no row locks: the head is written first,
    which takes the database's single write lock before the head is read.
    """
    if connection.features.has_select_for_update:
        head = AuditChainHead.objects.select_for_update().filter(pk=1).first()
    else:
        AuditChainHead.objects.filter(pk=1).update(last_id=F("last_id"))
        head = AuditChainHead.objects.filter(pk=1).first()
    if head is None:
        if AuditEvent.objects.exists():
            raise AuditError(
                "The audit chain head is missing while audit rows exist; run `ymateb audit verify`."
            )
        head = AuditChainHead.objects.create(pk=1, last_id=0, last_hash=GENESIS_HASH)
    return head


def _clean_object_id(object_id: str) -> str:
    """An id from a URL may be anything: keep it storable (no NUL, at most 64 characters),
    so that logging a refusal never fails because of what was asked for."""
    return str(object_id).replace("\x00", "")[:64]


def _actor(actor: AbstractBaseUser | AnonymousUser | None) -> tuple[Any, str]:
    if actor is None:
        return None, SYSTEM_LABEL
    if not actor.is_authenticated or actor.pk is None:
        return None, ANONYMOUS_LABEL
    label = getattr(actor, "email", "") or actor.get_username()
    return actor.pk, str(label)[:254]


def _clean_detail(detail: dict[str, Any] | None) -> dict[str, Any]:
    if detail is None:
        return {}
    if not isinstance(detail, dict):
        raise ValueError("An audit detail must be a dict.")
    _check_json_value(detail)
    text = hashing.canonical_json(detail)
    if len(text) > MAX_DETAIL_CHARS:
        raise ValueError("An audit detail holds identifiers and codes only; this one is too long.")
    # What the database gives back, so the hash computed now is the hash verified later.
    cleaned: dict[str, Any] = json.loads(text)
    return cleaned


def _check_json_value(value: Any) -> None:
    if value is None or isinstance(value, bool | int):
        return
    if isinstance(value, str):
        if "\x00" in value:
            raise ValueError("An audit detail cannot hold a NUL character.")
        return
    if isinstance(value, list | tuple):
        for item in value:
            _check_json_value(item)
        return
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                raise ValueError("An audit detail's keys must be strings.")
            _check_json_value(key)
            _check_json_value(item)
        return
    raise ValueError(
        f"An audit detail cannot hold a {type(value).__name__}: use strings, whole numbers, "
        "booleans, None, lists and dicts."
    )


def request_source(request: HttpRequest) -> str:
    """The client's IP address and browser family, e.g. "203.0.113.9 Firefox".

    The address is the one django-axes counts lockout under: django-ipware behind
    YMATEB_PROXY_COUNT proxies (see settings). Where that finds none, "unknown-ip", as
    lockout has none either; never the socket address, which behind a proxy is the proxy.
    Nothing from the URL or query string is kept, nor the full user-agent string.
    """
    ip = _client_ip(request)
    family = user_agent_family(request.META.get("HTTP_USER_AGENT", ""))
    return f"{ip} {family}".strip()[:80]


def _client_ip(request: HttpRequest) -> str:
    from axes.helpers import get_client_ip_address

    candidate: Any = getattr(request, "axes_ip_address", None)
    if not candidate:
        candidate = get_client_ip_address(request)
    try:
        return str(ipaddress.ip_address(str(candidate).strip()))
    except ValueError:
        return "unknown-ip"


# Checked in order: several browsers claim to be Chrome or Safari as well.
_FAMILIES = (
    ("Edg", "Edge"),
    ("OPR/", "Opera"),
    ("SamsungBrowser", "Samsung Internet"),
    ("Firefox/", "Firefox"),
    ("FxiOS", "Firefox"),
    ("CriOS", "Chrome"),
    ("Chrome/", "Chrome"),
    ("Safari/", "Safari"),
    ("curl/", "curl"),
    ("python", "Python"),
)


def user_agent_family(user_agent: str) -> str:
    if not user_agent:
        return ""
    for marker, family in _FAMILIES:
        if marker in user_agent:
            return family
    return "other"


class Viewer(NamedTuple):
    actor_label: str
    last_viewed_at: datetime
    view_count: int


def viewers_of(object_type: str, object_id: str) -> list[Viewer]:
    """Who has seen this record: one (actor_label, last viewed at, count) per person,
    most recent first. Viewing, exporting and revealing a protected detail all count."""
    rows = (
        AuditEvent.objects.filter(
            object_type=object_type, object_id=str(object_id), action__in=VIEWING_ACTIONS
        )
        .values("actor_label")
        .annotate(last=Max("at"), count=Count("id"))
        .order_by("-last", "actor_label")
    )
    return [Viewer(row["actor_label"], row["last"], row["count"]) for row in rows]


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    checked: int
    first_bad_id: int | None
    reason: str


def verify_chain() -> VerifyResult:
    """Check every row's hash and its link to the row before, then the chain head.

    `checked` counts the rows found sound before the first problem. `first_bad_id` names
    the first row that does not fit, and `reason` says how: edited (its contents no longer
    match its hash under its key), deleted, inserted or reordered (it does not link to the
    row before). The signed checkpoints are checked by ymateb.audit.checkpoints.
    """
    hashing.hash_keys()  # raises AuditKeyError, naming the variable, for a bad key list
    checked = 0
    previous_id = 0
    previous_hash = GENESIS_HASH
    for event in AuditEvent.objects.order_by("id").iterator(chunk_size=2000):
        problem = _row_problem(event, previous_id, previous_hash)
        if problem:
            return VerifyResult(False, checked, event.id, problem)
        checked += 1
        previous_id = event.id
        previous_hash = event.hash
    return _head_problem(checked, previous_id, previous_hash)


def _row_problem(event: AuditEvent, previous_id: int, previous_hash: str) -> str:
    if event.prev_hash != previous_hash:
        linked = (
            AuditEvent.objects.filter(hash=event.prev_hash).values_list("id", flat=True).first()
        )
        before = f"row {previous_id}" if previous_id else "the start of the chain"
        if linked is not None and linked > event.id:
            return (
                f"row {event.id} links to row {linked}, which comes after it: rows were reordered"
            )
        if linked is not None:
            return (
                f"row {event.id} links to row {linked}, not to {before}: "
                "a row was inserted before it"
            )
        if event.id != previous_id + 1:
            return f"row {event.id} follows {before}: {_missing(previous_id, event.id)} deleted"
        return (
            f"row {event.id} does not link to {before}: a row before it was deleted or "
            "replaced, or this row was edited"
        )
    if event.id != previous_id + 1:
        missing = _missing(previous_id, event.id)
        return f"row {event.id} follows row {previous_id}: {missing} deleted"
    if event.hash_version == hashing.UNKEYED_FORMAT and event.id > _unkeyed_until():
        return (
            f"row {event.id} is in the unkeyed hash format 1, which anyone can recompute: "
            "it was rewritten without the key (format 1 is accepted only for rows written "
            f"before the keyed format, up to YMATEB_AUDIT_UNKEYED_UNTIL={_unkeyed_until()})"
        )
    try:
        expected = hashing.row_hash(event)
    except hashing.UnknownKeyError:
        return (
            f"row {event.id} names hash key {event.key_id or '(none)'}, which is not in "
            "YMATEB_AUDIT_KEYS: it was rewritten without the key, or its key was removed "
            "from the list too early"
        )
    except hashing.UnknownFormatError:
        return f"row {event.id} has an unknown hash format {event.hash_version}: it was edited"
    except (TypeError, ValueError):
        expected = ""
    if not hmac.compare_digest(expected, event.hash):
        return f"row {event.id} was edited: its contents no longer match its hash"
    return ""


def _unkeyed_until() -> int:
    return int(getattr(settings, "YMATEB_AUDIT_UNKEYED_UNTIL", 0) or 0)


def _missing(previous_id: int, event_id: int) -> str:
    first, last = previous_id + 1, event_id - 1
    return f"row {first} was" if first == last else f"rows {first} to {last} were"


def _head_problem(checked: int, last_id: int, last_hash: str) -> VerifyResult:
    head = AuditChainHead.objects.filter(pk=1).first()
    if head is None:
        if checked == 0:
            return VerifyResult(True, 0, None, "")
        return VerifyResult(False, checked, None, "the chain head is missing")
    if head.last_id == last_id and head.last_hash == last_hash:
        return VerifyResult(True, checked, None, "")
    if head.last_id > last_id:
        return VerifyResult(
            False,
            checked,
            last_id + 1,
            f"the chain head records row {head.last_id}, but the chain ends at row "
            f"{last_id}: {_missing(last_id, head.last_id + 1)} deleted",
        )
    if head.last_id < last_id:
        return VerifyResult(
            False,
            checked,
            head.last_id + 1,
            f"row {head.last_id + 1} comes after the chain head (row {head.last_id}): "
            "it was inserted, not written by Ymateb",
        )
    return VerifyResult(
        False,
        checked,
        last_id,
        f"row {last_id} does not match the chain head: it was edited or replaced",
    )


def refuse(request: HttpRequest, object_type: str) -> NoReturn:
    """The 403 page, the same as for any page the person may not see; the refusal is a
    security event (shown on the security events page), written before the answer."""
    audit(actor=request.user, action=AuditAction.REFUSED, object_type=object_type, request=request)
    raise PermissionDenied
