"""Incident references are opaque (they tell nobody how many concerns a setting has had)
and allocated in a way that cannot fail, even when many staff report at the same moment
through several app workers (issue 8; the figures of #10)."""

from __future__ import annotations

import re
import threading
from typing import Any

import pytest
from django.db import connection

from tests.incidents.support import report_concern
from ymateb.accounts.models import User
from ymateb.incidents.concern import services as concern_services
from ymateb.incidents.models import Incident, IncidentChild
from ymateb.records import rls

PATTERN = re.compile(rf"^{concern_services.REFERENCE_PATTERN}$")


def _report(staff: Any, setting_id: int, name: str = "Cai Morgan") -> Incident:
    return report_concern(setting_id, by=staff, children=[(name, 14)])


@pytest.fixture
def first(demo: Any) -> Incident:
    """A concern already reported, whose reference the next report must not reuse."""
    return report_concern(demo.pk)


@pytest.mark.django_db
def test_references_are_opaque_random_codes(demo: Any) -> None:
    """No year, no count: 30 reports give 30 unrelated codes from the unambiguous alphabet."""
    staff = User.objects.get(email="staff@example.org")
    references = [_report(staff, demo.pk).reference for _ in range(30)]
    assert len(set(references)) == 30
    for reference in references:
        assert PATTERN.match(reference), reference
        assert not set(reference[3:].replace("-", "")) & set("01OIL")
        assert "2026" not in reference and not reference.endswith(("001", "002", "030"))
    # Not in the order they were made: a later report does not sort after an earlier one.
    assert references != sorted(references)


@pytest.mark.django_db
def test_a_clash_draws_another_reference_and_loses_nothing(
    demo: Any, first: Incident, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Collision: the insert is undone in a savepoint and a new code is drawn."""
    drawn = iter([first.reference, first.reference, "YM-AAAA-BBBB"])
    monkeypatch.setattr(concern_services, "new_reference", lambda: next(drawn))
    second = report_concern(demo.pk, children=[("Nia Rees", 14)])
    assert second.reference == "YM-AAAA-BBBB"
    assert Incident.objects.count() == 2
    assert IncidentChild.objects.get(incident=second).name == "Nia Rees"


@pytest.mark.django_db
def test_a_broken_random_source_fails_loudly_and_stores_nothing(
    demo: Any, first: Incident, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(concern_services, "new_reference", lambda: first.reference)
    with pytest.raises(RuntimeError, match="incident reference"):
        report_concern(demo.pk)
    assert Incident.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_twelve_staff_reporting_at_the_same_moment_lose_nothing(demo: Any) -> None:
    """12 threads, each with its own database connection (as 12 app workers would be),
    report a concern in one setting at once: 12 incidents, 12 distinct references.
    The old count-based reference lost concerns from 4 at once on PostgreSQL."""
    if connection.vendor != "postgresql":
        pytest.skip("real concurrent writers need PostgreSQL")
    threads_count = 12
    staff = User.objects.get(email="staff@example.org")
    # One concern already reported, as in any installation in use (and so the audit chain's
    # head row exists, as the audit migration makes it; a flushed test database lacks it).
    earlier = _report(staff, demo.pk, name="Earlier").reference
    barrier = threading.Barrier(threads_count)
    errors: list[BaseException] = []
    references: list[str] = []
    lock = threading.Lock()

    def worker(number: int) -> None:
        from django.db import connection as thread_connection

        try:
            barrier.wait(timeout=30)
            # Each thread is a signed-in request of its own: scoped to the person's setting.
            with rls.scoped([demo.pk]):
                incident = _report(staff, demo.pk, name=f"Child {number}")
            with lock:
                references.append(incident.reference)
        except BaseException as exc:  # reported below, with the others
            with lock:
                errors.append(exc)
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(threads_count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    assert len(references) == threads_count
    stored = list(
        Incident.objects.filter(setting=demo)
        .exclude(reference=earlier)
        .values_list("reference", flat=True)
    )
    assert len(stored) == threads_count
    assert len(set(stored)) == threads_count
    assert sorted(stored) == sorted(references)
    assert IncidentChild.objects.filter(incident__setting=demo).count() == threads_count + 1


@pytest.mark.django_db
def test_a_staff_receipt_no_longer_tells_how_many_concerns_there_have_been(sign_in: Any) -> None:
    """Before issue 8 the second receipt of the year read "2026-002"."""
    from django.utils import timezone

    today = timezone.localdate()
    staff = sign_in("staff@example.org")
    shown = []
    for name in ("Cai Morgan", "Nia Rees"):
        response = staff.post(
            "/concerns/new/",
            {
                "child-TOTAL_FORMS": "1",
                "child-INITIAL_FORMS": "0",
                "child-0-name": name,
                "came_to_light": "child_told",
                "when_day": today.day,
                "when_month": today.month,
                "when_year": today.year,
                "account": "Said so.",
            },
        )
        html = staff.get(response["Location"]).content.decode()
        shown += re.findall(concern_services.REFERENCE_PATTERN, html)
    assert len(set(shown)) == 2
    for reference in shown:
        assert PATTERN.match(reference)
        assert not re.search(rf"{today.year}-\d+", reference)  # no year, no running count


@pytest.mark.django_db
def test_r078_the_alert_task_is_queued_in_the_concern_s_own_transaction(demo: Any) -> None:
    """R-078: the concern and the task that alerts its DSPs commit together, so no crash
    between them can keep a concern whose DSP is never told (nor queue an alert for a
    concern that was rolled back)."""
    from django.db import transaction
    from django_tasks_db.models import DBTaskResult

    from ymateb.incidents.concern.alerts import send_concern_alerts

    def queued() -> list[list[Any]]:
        return [
            task.args_kwargs["args"]
            for task in DBTaskResult.objects.filter(task_path=send_concern_alerts.module_path)
        ]

    with transaction.atomic():
        kept = report_concern(demo.pk)
        assert queued() == [[str(kept.pk)]]  # before any commit: in the same transaction
    with pytest.raises(RuntimeError), transaction.atomic():
        report_concern(demo.pk)
        raise RuntimeError("the request fails after the concern was saved")
    assert queued() == [[str(kept.pk)]]
    assert Incident.objects.count() == 1
