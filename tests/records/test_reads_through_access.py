"""The subject-access search, the retention list and the alert list read incident data
through the access layer and the audit trail, like the incident page (R-174; R-078 for
alerts; issue 8, "Every read through access and audit, fail-closed")."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command

from tests.factories import IncidentFactory
from ymateb.audit.models import AuditEvent
from ymateb.incidents.models import Alert
from ymateb.tenancy.models import Membership

pytestmark = pytest.mark.django_db

CHILD = "Efa Canary-Hughes"


def _new_rows(before: int) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(id__gt=before).order_by("id"))


def _last_id() -> int:
    return AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0


def test_the_subject_access_search_is_audited_per_incident_found(demo: Any, sign_in: Any) -> None:
    """R-174: saying which incidents a named child is in is a read of each of them."""
    first = IncidentFactory(setting=demo, reference="SAR-1", children=[CHILD, "Someone else"])
    second = IncidentFactory(
        setting=demo, reference="SAR-2", children=[{"name": CHILD, "date_of_birth": "2012-03-04"}]
    )
    IncidentFactory(setting=demo, reference="SAR-3", children=["Not this child"])
    dsp = sign_in("dsp@example.org")
    before = _last_id()
    html = dsp.post("/records/subject-access/", {"name": CHILD}).content.decode()
    assert "SAR-1" in html and "SAR-2" in html and "SAR-3" not in html
    rows = _new_rows(before)
    summary = [r for r in rows if not r.object_id]
    assert [(r.action, r.object_type, r.detail) for r in summary] == [
        ("list", "incident", {"what": "subject_access_search", "count": 2})
    ]
    per_incident = {r.object_id: r for r in rows if r.object_id}
    assert set(per_incident) == {str(first.pk), str(second.pk)}
    for row in per_incident.values():
        assert row.action == "list" and row.object_type == "incident"
        assert row.setting_id == demo.pk
        assert row.actor is not None and row.actor.email == "dsp@example.org"
    # The name searched for is never in the trail.
    assert not any("Canary" in str(r.detail) or "Efa" in str(r.detail) for r in rows)


def test_a_search_that_finds_nothing_is_still_audited(demo: Any, sign_in: Any) -> None:
    dsp = sign_in("dsp@example.org")
    before = _last_id()
    html = dsp.post("/records/subject-access/", {"name": "Nobody Here"}).content.decode()
    assert "No records found" in html
    [row] = _new_rows(before)
    assert (row.action, row.object_type, row.object_id) == ("list", "incident", "")
    assert row.detail == {"what": "subject_access_search", "count": 0}


def test_the_retention_list_is_audited(demo: Any, sign_in: Any) -> None:
    """R-174: the retention review list is a list of incidents, audited like any other."""
    IncidentFactory(setting=demo, reference="RET-9", due_for_review=True)
    head = sign_in("head@example.org")
    before = _last_id()
    assert "RET-9" in head.get("/records/retention/").content.decode()
    [row] = _new_rows(before)
    assert (row.action, row.object_type) == ("list", "incident")
    assert row.detail == {"what": "retention_review", "count": 1}
    assert row.actor is not None and row.actor.email == "head@example.org"


def test_a_refused_destruction_shows_the_list_again_audited(demo: Any, sign_in: Any) -> None:
    """The error page of the retention list shows the list: audited too."""
    incident = IncidentFactory(setting=demo, reference="RET-8", due_for_review=True)
    dsp = sign_in("dsp@example.org")
    before = _last_id()
    response = dsp.post(f"/records/retention/{incident.pk}/approve/")
    assert response.status_code == 400 and "RET-8" in response.content.decode()
    rows = _new_rows(before)
    assert [(r.action, r.detail.get("what")) for r in rows] == [("list", "retention_review")]


def test_the_retention_command_is_audited(demo: Any, capsys: Any) -> None:
    IncidentFactory(setting=demo, reference="RET-7", due_for_review=True)
    before = _last_id()
    call_command("retention", "review")
    assert "RET-7" in capsys.readouterr().out
    [row] = _new_rows(before)
    assert (row.actor_label, row.action, row.object_type) == ("system", "list", "incident")
    assert row.detail == {"what": "retention_review", "count": 1}


def test_an_alert_goes_once_the_membership_that_allowed_it_is_removed(
    demo: Any, sign_in: Any
) -> None:
    """R-078 and R-174: the alert list goes through the access layer. A DSP removed from
    the setting no longer sees the alert (nor the incident's reference)."""
    from ymateb.accounts.models import User

    incident = IncidentFactory(setting=demo, reference="ALR-1")
    dsp_user = User.objects.get(email="dsp@example.org")
    Alert.objects.create(incident=incident, recipient=dsp_user)
    dsp = sign_in("dsp@example.org")
    before = _last_id()
    html = dsp.get("/dashboard/").content.decode()
    assert "ALR-1" in html and "Acknowledge and open" in html
    assert any(r.action == "list" and r.object_type == "incident" for r in _new_rows(before))

    Membership.objects.filter(user=dsp_user, setting=demo).delete()
    before = _last_id()
    html = dsp.get("/dashboard/").content.decode()
    assert "ALR-1" not in html and "Acknowledge and open" not in html
    assert _new_rows(before) == []  # nothing shown, nothing to audit


def test_a_refusal_is_a_security_event(demo: Any, sign_in: Any) -> None:
    """Someone without the role who asks for the search or the retention list gets the
    plain 403, and the refusal is recorded (it shows on the security events page)."""
    staff = sign_in("staff@example.org")
    for method, url, kind in (
        ("get", "/records/subject-access/", "subject_access"),
        ("post", "/records/subject-access/", "subject_access"),
        ("post", "/records/subject-access/export/", "subject_access"),
        ("get", "/records/retention/", "retention_review"),
    ):
        before = _last_id()
        response = getattr(staff, method)(url)
        assert response.status_code == 403
        [row] = _new_rows(before)
        assert (row.action, row.object_type, row.object_id) == ("refused", kind, "")
        assert row.actor is not None and row.actor.email == "staff@example.org"
