"""Every read of incident data goes through the access layer and the audit trail, and
fails closed (R-174: "every read and write is audited"; issue 8).

The requests are derived, not hand-listed: every URL pattern (tests.records
.test_authorisation_matrix.walk) × GET and an empty POST × every role, skipping only the
cells the authorisation matrix says answer 405 or send the person to sign in. A new URL
gets a matrix row (that test fails without one) and so is walked here too:

- A page answered to a role that may read incident data, on a URL of the incidents or
  records parts of the service or about one incident (a `<uuid:...>` in the path), must
  write an audit row in that request naming the incident (object_type "incident",
  object_id the incident in the URL), or, for a URL about no one incident, an audit row
  for the list it showed (action "list" on object_type "incident").
- Whatever the URL, a page that shows any canary of the world's incidents (a reference,
  a child's name, a statement, a referral's or device's words) must have written such a
  row, whoever asked. Refusals (403, 404) must show no canary at all.

The few pages that answer a reader with 200 and show no incident data are listed in
NO_INCIDENT_DATA with the reason, and checked to show none.

The second test makes the audit trail fail (three ways) and sends the same requests: none
answers with the data, and nothing they would have written stays written.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import DatabaseError, connection, transaction
from django.test import Client
from django.urls import get_resolver

from tests.app_role import superuser
from tests.factories import InterviewFactory
from tests.records.test_authorisation_matrix import (  # noqa: F401  (world is a fixture)
    MATRIX,
    ROLES,
    client_for,
    sample_path,
    walk,
    world,
)
from ymateb.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

# (route, method) → why the page shows no incident data. Checked: none shows a canary.
NO_INCIDENT_DATA: dict[tuple[str, str], str] = {
    ("concerns/new/", "GET"): "the empty concern form",
    ("concerns/new/", "POST"): "the concern form with its errors (nothing was sent)",
    ("records/subject-access/", "GET"): "the search form, before any search",
    ("records/subject-access/", "POST"): "the search form's errors (no name was given)",
}

# The reporter's own receipts (the receipt page, and the list on their dashboard) show the
# reference, the setting and the time of their own report (R-001: staff see their own
# receipts), never its content: the pages that may show a reference without an audit row.
REFERENCE_WITHOUT_AUDIT = {
    ("concerns/<uuid:incident_id>/receipt/", "GET", "staff"),
    ("dashboard/", "GET", "staff"),
}

# Requests the matrix's empty POST does not make: a search and an export that find the
# world's child. route → (role-independent form data).
EXTRA_POSTS: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "records/subject-access/": lambda w: {"name": w["canaries"]["child_name"]},
    "records/subject-access/export/": lambda w: {
        "child": [str(w["child"].pk)],
        "format": "document",
    },
}

READ_ACTIONS = ("view", "list", "export", "reveal_secret")


@pytest.fixture
def canary_world(world: dict[str, Any]) -> dict[str, Any]:  # noqa: F811
    """The matrix's world with unmistakable words in every kind of incident content, and
    an open alert for each person alerted about the demo incident."""
    from ymateb.accounts.models import User
    from ymateb.incidents.models import Alert, Device, Referral

    incident = world["incident"]
    canaries = {
        "account": "Canary statement: Gwenllian said Zq41 shared it",
        "child_name": "Canaryname Zq42 Pritchard",
        "interview": "Canary own words Zq43 from the child",
        "agreed": "Canary agreed Zq44 with the MASH",
        "device": "Canary phone Zq45",
        "other_account": "Canary other setting Zq46 statement",
    }
    incident.account = canaries["account"]
    incident.save(update_fields=["account"])
    child = world["child"]
    child.name = canaries["child_name"]
    child.save(update_fields=["name"])
    InterviewFactory(incident=incident, child=child, statement=canaries["interview"], held_at=None)
    for referral in Referral.objects.filter(incident=incident):
        referral.agreed = canaries["agreed"]
        referral.save(update_fields=["agreed"])
    for device in Device.objects.filter(incident=incident):
        device.description = canaries["device"]
        device.save(update_fields=["description"])
    other = world["other_incident"]
    other.account = canaries["other_account"]
    other.save(update_fields=["account"])
    for email in ("dsp@example.org", "deputy@example.org", "head@example.org"):
        Alert.objects.create(incident=incident, recipient=User.objects.get(email=email))
    world["canaries"] = canaries
    return world


def content_canaries(w: dict[str, Any]) -> list[str]:
    return list(w["canaries"].values())


def all_canaries(w: dict[str, Any]) -> list[str]:
    from ymateb.incidents.models import Incident

    references = {i.reference for i in Incident.objects.all()}
    return content_canaries(w) + sorted(references)


def reader_roles(clients: dict[str, Client]) -> set[str]:
    """The roles that may read incident data, asked of the access layer itself."""
    from ymateb.accounts.models import User
    from ymateb.incidents import access
    from ymateb.incidents.access import Permission

    readers = set()
    for role in ROLES:
        if role == "anonymous":
            continue
        user = User.objects.get(email=_email(role))
        if any(
            access.has_permission(user, p)
            for p in (
                Permission.VIEW_INCIDENT,
                Permission.EXPORT_SUBJECT_ACCESS,
                Permission.REVIEW_RETENTION,
            )
        ):
            readers.add(role)
    return readers


def _email(role: str) -> str:
    from tests.records.test_authorisation_matrix import EMAILS

    return EMAILS[role]


@dataclass
class Cell:
    route: str
    namespace: str
    method: str
    role: str
    path: str
    data: dict[str, Any] | None = None

    def __str__(self) -> str:
        extra = " (with data)" if self.data else ""
        return f"{self.method} {self.route} as {self.role}{extra}"


def cells(w: dict[str, Any]) -> Iterator[Cell]:
    for route, name in walk(get_resolver().url_patterns):
        if route.startswith("admin/") or route not in MATRIX:
            continue  # a route with no matrix row fails the matrix's own test
        namespace = name.split(":", 1)[0] if ":" in name else ""
        path = sample_path(route, w)
        for method in ("GET", "POST"):
            expected = dict(zip(ROLES, MATRIX[route][method].split(), strict=True))
            for role in ROLES:
                if expected[role] in ("405", "login"):
                    continue
                yield Cell(route, namespace, method, role, path)
        if route in EXTRA_POSTS:
            expected = dict(zip(ROLES, MATRIX[route]["POST"].split(), strict=True))
            for role in ROLES:
                if expected[role] in ("405", "login"):
                    continue
                yield Cell(route, namespace, "POST", role, path, EXTRA_POSTS[route](w))


def send(client: Client, cell: Cell) -> Any:
    if cell.method == "POST":
        return client.post(cell.path, cell.data or {})
    return client.get(cell.path)


def body_of(response: Any) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return response.content.decode("utf-8", "replace")


def _signed_in(w: dict[str, Any]) -> dict[str, Client]:
    # One code per 30-second window: sign everyone in first (as the matrix test does).
    clients = {role: client_for(role) for role in ROLES}
    for client in clients.values():
        client.raise_request_exception = False
    return clients


def _keep_cookies(client: Client) -> Any:
    from http.cookies import SimpleCookie

    cookies = SimpleCookie()
    cookies.load(client.cookies.output(header="", sep=";"))
    return cookies


def _incident_in_path(cell: Cell) -> str | None:
    match = re.search(r"incidents/([0-9a-f-]{36})/", cell.path)
    return match.group(1) if match else None


def _must_audit(cell: Cell, status: int, body: str, readers: set[str], w: dict[str, Any]) -> bool:
    if status not in (200, 400, 409):
        return False
    if any(c in body for c in content_canaries(w)):
        return True
    if (cell.route, cell.method, cell.role) in REFERENCE_WITHOUT_AUDIT:
        return False
    if cell.data is None and (cell.route, cell.method) in NO_INCIDENT_DATA:
        return False
    if any(c in body for c in all_canaries(w)):
        return True
    about_incidents = cell.namespace in ("incidents", "records") or "<uuid:" in cell.route
    return cell.role in readers and about_incidents


def _names_the_object(cell: Cell, rows: list[AuditEvent]) -> bool:
    reads = [r for r in rows if r.action in READ_ACTIONS and r.object_type == "incident"]
    incident_id = _incident_in_path(cell)
    if incident_id:
        return any(r.object_id == incident_id for r in reads)
    return any(r.action == "list" for r in reads) or any(r.object_id for r in reads)


def test_every_read_of_incident_data_writes_an_audit_row_naming_it(
    canary_world: dict[str, Any],
) -> None:
    """R-174: a walk of every URL × method × role; each page with incident data audited."""
    w = canary_world
    clients = _signed_in(w)
    readers = reader_roles(clients)
    assert readers >= {"dsp", "deputy", "leadership", "other_dsp"}
    problems: list[str] = []
    audited = 0
    for cell in cells(w):
        client = clients[cell.role]
        cookies = _keep_cookies(client)
        with transaction.atomic():
            last = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
            response = send(client, cell)
            rows = list(AuditEvent.objects.filter(id__gt=last))
            transaction.set_rollback(True)
        client.cookies = cookies  # a cell that signs out must not sign out the next one
        body = body_of(response)
        status = response.status_code
        if status >= 500:
            problems.append(f"{cell}: answered {status}")
            continue
        leaked = [c for c in content_canaries(w) if c in body]
        if status in (403, 404) and any(c in body for c in all_canaries(w)):
            problems.append(f"{cell}: the refusal shows incident data")
        if (cell.route, cell.method) in NO_INCIDENT_DATA and cell.data is None and leaked:
            problems.append(f"{cell}: listed as showing no incident data, but shows {leaked}")
        if not _must_audit(cell, status, body, readers, w):
            continue
        if not _names_the_object(cell, rows):
            seen = [(r.action, r.object_type, r.object_id) for r in rows]
            problems.append(f"{cell}: {status} without an audit row naming it (rows: {seen})")
        audited += 1
    assert problems == [], "\n".join(problems)
    # The walk reached the pages that matter (a sanity check on the derivation itself).
    assert audited >= 40


def _switch_off_audits(monkeypatch: pytest.MonkeyPatch, *modules: Any) -> None:
    """The modules write no audit row about incidents (a read left unaudited)."""
    for module in modules:
        for name in ("audit_listed", "audit_incident"):
            if hasattr(module, name):
                monkeypatch.setattr(module, name, lambda *args, **kwargs: None)


def test_the_walk_fails_for_a_page_that_reads_without_auditing(
    canary_world: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The check above can fail: with the retention list's and the subject-access search's
    audit rows switched off, their cells are reported."""
    from ymateb.incidents.retention import services
    from ymateb.incidents.subject_access import services as subject_access

    _switch_off_audits(monkeypatch, services, subject_access)
    w = canary_world
    clients = _signed_in(w)
    readers = reader_roles(clients)
    missing = set()
    for cell in cells(w):
        if cell.route not in ("records/retention/", "records/subject-access/"):
            continue
        with transaction.atomic():
            last = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
            response = send(clients[cell.role], cell)
            rows = list(AuditEvent.objects.filter(id__gt=last))
            transaction.set_rollback(True)
        body = body_of(response)
        if _must_audit(cell, response.status_code, body, readers, w) and not _names_the_object(
            cell, rows
        ):
            missing.add((cell.route, cell.method, cell.role, cell.data is not None))
    assert ("records/retention/", "GET", "dsp", False) in missing
    assert ("records/subject-access/", "POST", "dsp", True) in missing


# ---------------------------------------------------------------------------------------
# Fail closed: when the audit row cannot be written, no incident data leaves and nothing
# is written.


class InjectedAuditFailure(Exception):
    """Stands for any failure to write the audit row."""


def _fail(*args: Any, **kwargs: Any) -> Any:
    raise InjectedAuditFailure("the audit trail cannot be written")


@contextmanager
def audit_failing(mode: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    from ymateb.audit import hashing, services
    from ymateb.audit.models import AuditEvent as Event

    with monkeypatch.context() as patch:
        if mode == "service":
            # Every module's own name for the service (`from ... import audit`), too.
            original = services.audit
            for module in list(sys.modules.values()):
                name = getattr(module, "__name__", "")
                if name.startswith("ymateb.") and getattr(module, "audit", None) is original:
                    patch.setattr(module, "audit", _fail)
        elif mode == "hashing":
            for attribute in dir(hashing):
                if attribute.endswith("_hash") and callable(getattr(hashing, attribute)):
                    patch.setattr(hashing, attribute, _fail)
        else:  # the database refuses the row

            def refuse(self: Any, *args: Any, **kwargs: Any) -> None:
                raise DatabaseError("injected: the audit row cannot be inserted")

            patch.setattr(Event, "save", refuse)
        yield


# Tables whose rows a request may change without it being a write of the record: the
# session (sign-in state), the lockout library's records and the background task queue.
NOT_RECORDS = re.compile(r"^(django_session|axes_|django_tasks)")


def snapshot() -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, read as the superuser (no policy hides a row from it)."""
    tables = {}
    with superuser(), connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            if NOT_RECORDS.match(table):
                continue
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            tables[table] = sorted(cursor.fetchall(), key=repr)
    return tables


MODES = ("service", "hashing", "database")


def fail_closed_problems(
    w: dict[str, Any],
    modes: tuple[str, ...],
    monkeypatch: pytest.MonkeyPatch,
    routes: set[str] | None = None,
) -> tuple[set[str], list[str]]:
    """Send every request that reads or writes incident data with the audit trail failing
    in each way; return the routes tried and what went wrong."""
    clients = _signed_in(w)
    readers = reader_roles(clients)
    # Which cells read or write incident data: those that audit when the trail works, and
    # any that shows incident data (so a page that shows it unaudited is tried too).
    touching = []
    for cell in cells(w):
        if cell.role not in readers or (routes is not None and cell.route not in routes):
            continue
        client = clients[cell.role]
        cookies = _keep_cookies(client)
        with transaction.atomic():
            last = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
            response = send(client, cell)
            audited = (
                AuditEvent.objects.filter(id__gt=last, object_type="incident")
                .exclude(action="refused")
                .exists()
            )
            transaction.set_rollback(True)
        client.cookies = cookies
        shows = response.status_code < 300 and any(c in body_of(response) for c in all_canaries(w))
        if audited or shows:
            touching.append(cell)

    problems = []
    for mode in modes:
        problems += _send_failing(w, clients, touching, mode, monkeypatch)
    return {cell.route for cell in touching}, problems


def _send_failing(
    w: dict[str, Any],
    clients: dict[str, Client],
    touching: list[Cell],
    mode: str,
    monkeypatch: pytest.MonkeyPatch,
) -> list[str]:
    problems = []
    with audit_failing(mode, monkeypatch):
        for cell in touching:
            client = clients[cell.role]
            cookies = _keep_cookies(client)
            with transaction.atomic():
                before = snapshot()
                response = send(client, cell)
                after = snapshot()
                transaction.set_rollback(True)
            client.cookies = cookies
            body = body_of(response)
            leaked = [c for c in all_canaries(w) if c in body]
            if response.status_code < 300:
                problems.append(f"{mode}: {cell}: answered {response.status_code}")
            if leaked:
                problems.append(f"{mode}: {cell}: the response shows {leaked}")
            changed = sorted(t for t in before if before[t] != after.get(t))
            if changed:
                problems.append(f"{mode}: {cell}: wrote to {changed} although the audit failed")
    return problems


def test_no_incident_data_leaves_when_the_audit_fails(
    canary_world: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """R-174, fail-closed: every request that reads or writes incident data, with the audit
    trail failing (the service raises; the row cannot be hashed; the database refuses the
    row), answers an error page with none of the data and changes nothing."""
    routes, problems = fail_closed_problems(canary_world, MODES, monkeypatch)
    assert {"records/retention/", "records/subject-access/", "dashboard/"} <= routes
    assert {"incidents/<uuid:incident_id>/", "incidents/"} <= routes
    assert problems == [], "\n".join(problems)


def test_the_fail_closed_check_catches_a_read_without_an_audit_row(
    canary_world: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The check above can fail: with the retention list's and the subject-access search's
    audit rows switched off (as before issue 8), their data leaves although the trail
    fails."""
    from ymateb.incidents.retention import services
    from ymateb.incidents.subject_access import services as subject_access

    _switch_off_audits(monkeypatch, services, subject_access)
    routes, problems = fail_closed_problems(
        canary_world, ("service",), monkeypatch, {"records/retention/", "records/subject-access/"}
    )
    assert routes == {"records/retention/", "records/subject-access/"}
    assert "service: GET records/retention/ as dsp: answered 200" in problems
    assert "service: POST records/subject-access/ as dsp (with data): answered 200" in problems
