"""The audit trail: append-only, hash-chained, written in the caller's transaction.

R-174: every read and write of an incident is audited. R-168: every decision is kept with
its date, time and author and appears in the audit log. R-118: reading a device's access
details is audited on every read.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction
from django.db.models import F
from django.test import RequestFactory

from tests.app_role import superuser
from tests.audit.support import write
from ymateb.accounts.models import User
from ymateb.audit import hashing
from ymateb.audit.models import GENESIS_HASH, AuditChainHead, AuditEvent
from ymateb.audit.protection import TABLE, missing_protections
from ymateb.audit.services import audit, verify_chain, viewers_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def dsp(demo: Any) -> User:
    return User.objects.get(email="dsp@example.org")


@pytest.fixture
def head_teacher(demo: Any) -> User:
    return User.objects.get(email="head@example.org")


def verify() -> str:
    out = StringIO()
    call_command("audit", "verify", stdout=out)
    return out.getvalue()


def sql(statement: str, params: list[Any] | None = None) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


@contextmanager
def protections_lifted() -> Iterator[None]:
    """Tamper as someone with full control of the database would (the test's own
    transaction rolls all of it back)."""
    if connection.vendor == "postgresql":
        with superuser():
            sql("SET CONSTRAINTS ALL IMMEDIATE")  # ALTER TABLE waits for no pending FK check
            sql(f"ALTER TABLE {TABLE} DISABLE TRIGGER USER")
            yield
            sql(f"ALTER TABLE {TABLE} ENABLE TRIGGER USER")
    else:
        sql("DROP TRIGGER audit_auditevent_no_update")
        sql("DROP TRIGGER audit_auditevent_no_delete")
        yield


def move_row(old_id: int, new_id: int) -> None:
    sql("UPDATE audit_auditevent SET id = %s WHERE id = %s", [new_id, old_id])


# Chain


def test_r174_each_event_links_to_the_one_before(dsp: User) -> None:
    """R-174: events form a chain: each row's prev_hash is the previous row's hash."""
    first, second, third = write(dsp, 3)
    assert first.prev_hash == GENESIS_HASH
    assert second.prev_hash == first.hash
    assert third.prev_hash == second.hash
    assert [second.id, third.id] == [first.id + 1, first.id + 2]
    for event in AuditEvent.objects.all():
        assert len(event.hash) == 64
        assert event.hash == hashing.row_hash(event)  # as read back from the database
    head = AuditChainHead.objects.get(pk=1)
    assert (head.last_id, head.last_hash) == (third.id, third.hash)


def test_r168_event_keeps_who_when_and_what(dsp: User) -> None:
    """R-168: time, date and author are kept, and the author's label outlives a rename."""
    event = write(dsp, 1)[0]
    dsp.email = "renamed@example.org"
    dsp.save()
    event.refresh_from_db()
    assert event.at is not None and event.at.utcoffset() is not None
    assert event.actor_id == dsp.pk
    assert event.actor_label == "dsp@example.org"
    assert verify_chain().ok


def test_system_and_anonymous_actors() -> None:
    from django.contrib.auth.models import AnonymousUser

    with transaction.atomic():
        system = audit(actor=None, action="list", object_type="incident")
        anonymous = audit(actor=AnonymousUser(), action="refused", object_type="incident")
    assert (system.actor_id, system.actor_label) == (None, "system")
    assert (anonymous.actor_id, anonymous.actor_label) == (None, "anonymous")


def test_an_odd_object_id_from_a_url_is_still_logged(dsp: User) -> None:
    """Logging a refusal must not fail because of what was asked for."""
    with transaction.atomic():
        event = audit(actor=dsp, action="refused", object_type="incident", object_id="x\x00" * 50)
    event.refresh_from_db()
    assert event.object_id == "x" * 50
    assert verify_chain().ok


def test_source_is_address_and_browser_family_never_the_query_string(dsp: User) -> None:
    request = RequestFactory().get(
        "/incidents/abc/?search=secret-name",
        REMOTE_ADDR="203.0.113.9",
        HTTP_USER_AGENT="Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
    )
    with transaction.atomic():
        event = audit(
            actor=dsp, action="view", object_type="incident", object_id="abc", request=request
        )
    event.refresh_from_db()
    assert event.source == "203.0.113.9 Firefox"
    row = AuditEvent.objects.filter(pk=event.pk).values().get()
    assert "secret-name" not in repr(row)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"action": "peek"}, "Unknown audit action"),
        ({"detail": {"score": 0.5}}, "cannot hold a float"),
        ({"detail": {"note": "x" * 3000}}, "too long"),
    ],
)
def test_bad_events_are_refused_and_nothing_is_written(
    dsp: User, kwargs: dict[str, Any], message: str
) -> None:
    arguments: dict[str, Any] = {"actor": dsp, "action": "view", "object_type": "incident"}
    arguments.update(kwargs)
    with pytest.raises(ValueError, match=message):
        audit(**arguments)
    assert not AuditEvent.objects.exists()


# Viewers


def test_r174_viewers_of_a_record(dsp: User, head_teacher: User) -> None:
    """R-174: the "who has viewed this record" panel: one line per person, latest first."""
    write(dsp, 2, object_id="inc-1")
    write(head_teacher, 1, object_id="inc-1")
    write(head_teacher, 1, object_id="inc-2")
    with transaction.atomic():
        audit(actor=dsp, action="update", object_type="incident", object_id="inc-1")
        audit(actor=dsp, action="reveal_secret", object_type="incident", object_id="inc-1")
    viewers = viewers_of("incident", "inc-1")
    assert [(v.actor_label, v.view_count) for v in viewers] == [
        ("dsp@example.org", 3),
        ("head@example.org", 1),
    ]
    assert viewers[0].last_viewed_at >= viewers[1].last_viewed_at
    assert viewers_of("incident", "inc-3") == []


# Verify


def test_verify_reports_ok_with_the_row_count(dsp: User) -> None:
    assert verify() == "audit chain OK: 0 rows\n"
    write(dsp, 3)
    assert verify() == "audit chain OK: 3 rows\n"
    result = verify_chain()
    assert (result.ok, result.checked, result.first_bad_id) == (True, 3, None)


DELETE_ROW = "DELETE FROM audit_auditevent WHERE id = %s"


def four_rows_then(dsp: User, statement: str, position: int, *params: Any) -> list[AuditEvent]:
    """Four rows written, then `statement` run by hand with the protections lifted: its
    parameters are `params`, then the id of the row at `position`."""
    events = write(dsp, 4)
    with protections_lifted():
        sql(statement, [*params, events[position].id])
    return events


def test_r174_verify_names_an_edited_row(dsp: User) -> None:
    """R-174: a row changed by hand after it was written is named."""
    events = four_rows_then(
        dsp, "UPDATE audit_auditevent SET actor_label = %s WHERE id = %s", 1, "x@example.org"
    )
    with pytest.raises(CommandError, match=rf"row {events[1].id} was edited"):
        verify()


def test_r174_verify_names_the_row_after_a_deleted_row(dsp: User) -> None:
    events = four_rows_then(dsp, DELETE_ROW, 1)
    with pytest.raises(CommandError, match=rf"BROKEN at row {events[2].id}\b.*deleted"):
        verify()


def test_r174_verify_notices_rows_deleted_from_the_end(dsp: User) -> None:
    events = four_rows_then(dsp, DELETE_ROW, 3)
    result = verify_chain()
    assert (result.ok, result.first_bad_id, result.checked) == (False, events[3].id, 3)
    assert "deleted" in result.reason


def test_r174_verify_names_the_row_after_one_inserted_in_the_middle(dsp: User) -> None:
    """A forger who shifts the later rows up and writes a well-formed row in the gap,
    linked and hashed correctly, still breaks the link of the row after it."""
    events = write(dsp, 4)
    first_id = events[0].id
    with protections_lifted():
        for old_id in range(first_id + 3, first_id + 1, -1):
            move_row(old_id, old_id + 1)
        forged = AuditEvent(
            id=first_id + 2,
            at=events[2].at,
            actor_label="dsp@example.org",
            action="view",
            object_type="incident",
            object_id="inc-1",
            prev_hash=events[1].hash,
        )
        forged.hash = hashing.row_hash(forged)
        forged.save(force_insert=True)
    with pytest.raises(CommandError, match=rf"BROKEN at row {first_id + 3}\b.*inserted before it"):
        verify()


def test_r174_verify_names_a_row_added_after_the_chain_head(dsp: User) -> None:
    events = write(dsp, 2)
    forged = AuditEvent(
        id=events[1].id + 1,
        at=events[1].at,
        actor_label="dsp@example.org",
        action="view",
        object_type="incident",
        prev_hash=events[1].hash,
    )
    forged.hash = hashing.row_hash(forged)
    forged.save(force_insert=True)  # INSERT is allowed; it did not go through audit()
    with pytest.raises(CommandError, match=rf"BROKEN at row {forged.id}\b.*inserted"):
        verify()


def test_r174_verify_names_reordered_rows(dsp: User) -> None:
    """Two rows' contents swapped (each keeps its place's id)."""
    events = write(dsp, 4)
    second, third = events[1].id, events[2].id
    with protections_lifted():
        move_row(second, -1)
        move_row(third, second)
        move_row(-1, third)
    with pytest.raises(CommandError, match=rf"BROKEN at row {second}\b.*reordered"):
        verify()


# Append-only


def refused(action: Any, because: str = "append-only") -> None:
    with pytest.raises(DatabaseError, match=because), transaction.atomic():
        action()


@pytest.mark.parametrize(
    ("who", "because"),
    [
        # The web app's role has no UPDATE, DELETE or TRUNCATE on the table at all.
        ("app role", "permission denied"),
        # The owner (or a superuser) has them; the append-only triggers refuse it.
        ("owner", "append-only"),
    ],
)
def test_r174_audit_rows_cannot_be_changed_or_deleted(dsp: User, who: str, because: str) -> None:
    """R-174: neither the ORM nor raw SQL can change or delete an audit row."""
    event = write(dsp, 2)[0]
    if connection.vendor != "postgresql":
        because = "append-only"  # SQLite has no roles: the triggers alone
    with superuser() if who == "owner" else nullcontext():
        _cannot_be_changed_or_deleted(event, because)
    assert AuditEvent.objects.count() == 2
    assert verify_chain().ok
    # The chain head must stay updatable.
    AuditChainHead.objects.filter(pk=1).update(last_id=F("last_id"))
    assert missing_protections() == []


def _cannot_be_changed_or_deleted(event: AuditEvent, because: str) -> None:
    refused(lambda: AuditEvent.objects.filter(pk=event.pk).update(action="list"), because)
    refused(lambda: AuditEvent.objects.all().delete(), because)
    event.actor_label = "someone@example.org"
    refused(event.save, because)
    refused(event.delete, because)
    update = "UPDATE audit_auditevent SET actor_label = 'x' WHERE id = %s"
    refused(lambda: sql(update, [event.pk]), because)
    refused(lambda: sql("DELETE FROM audit_auditevent WHERE id = %s", [event.pk]), because)
    if connection.vendor == "postgresql":
        sql("SET CONSTRAINTS ALL IMMEDIATE")  # TRUNCATE waits for no pending FK check
        refused(lambda: sql("TRUNCATE audit_auditevent"), because)
        # Refused even when no row matches: the trigger is per statement.
        refused(lambda: sql("DELETE FROM audit_auditevent WHERE id = -1"), because)


# In the caller's transaction


def test_r174_audit_failure_rolls_back_the_write_it_describes(
    dsp: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    """R-174: if the audit row cannot be written, the write is not kept either."""
    from ymateb.incidents.models import Incident

    def broken(event: AuditEvent) -> str:
        raise RuntimeError("hashing failed")

    monkeypatch.setattr(hashing, "row_hash", broken)
    setting = dsp.memberships.get().setting
    with pytest.raises(RuntimeError), transaction.atomic():
        incident = Incident.objects.create(
            setting=setting, reference="T-1", reported_by=dsp, came_to_light="child_told"
        )
        audit(
            actor=dsp,
            action="create",
            object_type="incident",
            object_id=str(incident.pk),
            setting_id=setting.pk,
        )
    assert not Incident.objects.filter(reference="T-1").exists()
    assert not AuditEvent.objects.exists()
    assert AuditChainHead.objects.get(pk=1).last_id == 0


def test_r174_data_is_not_returned_when_the_audit_row_fails(
    dsp: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    """R-174: a read wrapped with its audit row: no row, no data."""

    def read_with_audit() -> str:
        with transaction.atomic():
            data = "the record"
            audit(actor=dsp, action="view", object_type="incident", object_id="inc-9")
            return data

    assert read_with_audit() == "the record"

    def broken(event: AuditEvent) -> str:
        raise RuntimeError("hashing failed")

    monkeypatch.setattr(hashing, "row_hash", broken)
    with pytest.raises(RuntimeError):
        read_with_audit()
    assert AuditEvent.objects.count() == 1


# Flush (transactional tests empty the database between tests)


@pytest.mark.django_db(transaction=True)
def test_flush_in_tests_empties_the_trail_and_keeps_the_protections(
    demo: Any, settings: Any
) -> None:
    dsp = User.objects.get(email="dsp@example.org")
    write(dsp, 2)
    settings.YMATEB_AUDIT_FLUSH_ALLOWED = False
    with pytest.raises(CommandError):
        call_command("flush", interactive=False, verbosity=0)
    assert AuditEvent.objects.count() == 2

    settings.YMATEB_AUDIT_FLUSH_ALLOWED = True
    call_command("flush", interactive=False, verbosity=0)
    assert not AuditEvent.objects.exists()
    assert missing_protections() == []
    with transaction.atomic():
        event = audit(actor=None, action="list", object_type="incident")
    assert (event.id, event.prev_hash) == (1, GENESIS_HASH)
    assert verify() == "audit chain OK: 1 rows\n"


def test_the_trail_is_not_in_the_django_admin() -> None:
    """Installation admins never see incident activity."""
    from django.contrib import admin

    assert AuditEvent not in admin.site._registry
    assert AuditChainHead not in admin.site._registry


def test_protections_are_in_place_after_the_tamper_tests() -> None:
    """The tamper tests lift the protections inside their own transaction only."""
    assert missing_protections() == []
