"""Each incident page's SQL query count does not grow with the number of children, actions,
events, referrals, devices, interviews or continuum placements on the incident (issue 5:
"tested with 1 and 50"). A page that issues one query per row would make a large incident
slow for a DSP at the worst moment, so the counts for 1 and 50 of each must be EQUAL.

Each page is requested once before it is measured, so one-off work (the session, caches of
settings and content types) is the same for both incidents and does not hide a difference.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import IncidentFactory
from tests.rules.support import answered
from ymateb.accounts.models import User
from ymateb.incidents.decision import services as decision
from ymateb.incidents.models import (
    Action,
    Addendum,
    Alert,
    ContinuumPlacement,
    Device,
    Incident,
    IncidentChild,
    IncidentEvent,
    Interview,
    Referral,
    RiskAssessment,
)
from ymateb.incidents.review import services as sr
from ymateb.rules.facts import CHILD_FLAGS
from ymateb.tenancy.models import Setting

pytestmark = pytest.mark.django_db

ACTION_KINDS = [
    Action.Kind.INFORM_PARENTS,
    Action.Kind.SUPPORT,
    Action.Kind.DELETION,
    Action.Kind.TAKE_DOWN,
    Action.Kind.EDUCATION,
    Action.Kind.STAFF_WELFARE,
]
EVENT_KINDS = [
    IncidentEvent.Kind.ACTION_ADDED,
    IncidentEvent.Kind.ACTION_UPDATED,
    IncidentEvent.Kind.TRANSITION,
    IncidentEvent.Kind.ADDENDUM,
]


def _ref(i: int) -> str:
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    return letters[i] if i < len(letters) else f"C{i + 1}"


def _facts(children: list[IncidentChild]) -> dict[str, Any]:
    """Youth-only, nothing aggravating, nothing missing: handling in the setting is allowed."""
    pictured = {"age": 16, "roles": ["pictured", "creator"], **dict.fromkeys(CHILD_FLAGS, False)}
    return answered(
        [{"ref": c.ref, **pictured} for c in children],
        shared_without_consent=True,
        shared_beyond_intended_recipient=True,
        in_relationship=True,
        imagery_on_devices_suspected=True,
    )


def build_incident(n: int, reference: str) -> Incident:
    """An incident awaiting sign-off with `n` of everything that has rows of its own."""
    setting = Setting.objects.get(name="Example School")
    staff = User.objects.get(email="staff@example.org")
    dsp = User.objects.get(email="dsp@example.org")
    head = User.objects.get(email="head@example.org")
    now = timezone.now()
    incident = IncidentFactory(
        setting=setting, reference=reference, state="initial_review", children=()
    )
    IncidentChild.objects.bulk_create(
        IncidentChild(incident=incident, ref=_ref(i), name=f"Child {i}", age=16, roles=["pictured"])
        for i in range(n)
    )
    children = list(incident.children.all())
    review, incident = sr.review_save(
        by=dsp,
        incident_id=incident.pk,
        data=sr.ReviewInput(
            held_at=now - timedelta(hours=1),
            attendees="The DSP and the headteacher",
            facts=_facts(children),
            image_creator=f"child:{children[0].ref}",
            decision="handle_in_setting",
            decision_reason="Proportionate; the families will be told today.",
            confident=True,
            children={c.ref: (16, ["pictured", "creator"]) for c in children},
        ),
        expected_version=None,
    )
    decision.review_send_for_sign_off(
        by=dsp, incident_id=incident.pk, expected_version=None, request=None
    )
    past = timezone.localdate() - timedelta(days=3)
    Action.objects.bulk_create(
        Action(
            incident=incident,
            kind=ACTION_KINDS[i % len(ACTION_KINDS)],
            child=children[i % n],
            owner=dsp if i % 2 else staff,
            deadline=past,
            details={"place": "device"} if i % len(ACTION_KINDS) == 2 else {},
            note=f"Note {i}",
        )
        for i in range(n)
    )
    IncidentEvent.objects.bulk_create(
        IncidentEvent(
            incident=incident,
            actor=dsp if i % 2 else staff,
            kind=EVENT_KINDS[i % len(EVENT_KINDS)],
            reason=f"Reason {i}",
            to_state="initial_review" if i % 4 == 2 else "",
        )
        for i in range(n)
    )
    Referral.objects.bulk_create(
        Referral(
            incident=incident,
            route=Referral.Route.POLICE_101,
            made_at=now - timedelta(minutes=30),
            made_by=dsp,
            contact_name=f"PC {i}",
            crime_reference=f"CR-{i}",
            agreed="They will call back.",
        )
        for i in range(n)
    )

    def one_on_each_child(model: Any, fields: Callable[[int], dict[str, Any]]) -> None:
        """`n` rows of `model` that the DSP recorded, on each child in turn; row i has
        `fields(i)`."""
        model.objects.bulk_create(
            model(incident=incident, child=children[i % n], created_by=dsp, **fields(i))
            for i in range(n)
        )

    one_on_each_child(
        Device,
        lambda i: {
            "description": f"Phone {i}",
            "seized_at": now - timedelta(minutes=20),
            "held_by": "DSP, locked cabinet",
            "access_details": "1234",
        },
    )
    one_on_each_child(
        Interview,
        lambda i: {
            "held_at": now - timedelta(minutes=10),
            "held_by": "The DSP",
            "statement": f"Statement {i}",
        },
    )
    one_on_each_child(ContinuumPlacement, lambda _i: {"level": "inappropriate", "indicators": []})
    RiskAssessment.objects.bulk_create(
        RiskAssessment(incident=incident, answers="{}", created_by=dsp) for _i in range(n)
    )
    Addendum.objects.bulk_create(
        Addendum(incident=incident, text=f"Addendum {i}", created_by=dsp) for i in range(n)
    )
    Alert.objects.bulk_create(
        Alert(incident=incident, recipient=dsp if i % 2 else head) for i in range(n)
    )
    incident.refresh_from_db()
    assert incident.state == "awaiting_sign_off"
    return incident


PAGES = {
    "hub": "/incidents/{id}/",
    "chronology": "/incidents/{id}/chronology/",
    "actions": "/incidents/{id}/actions/",
    "devices": "/incidents/{id}/devices/",
    "referrals": "/incidents/{id}/referrals/",
    "risk": "/incidents/{id}/risk/",
    "review": "/incidents/{id}/review/",
    "sign_off": "/incidents/{id}/sign-off/",
}


def _count(client: Any, url: str) -> tuple[int, list[str]]:
    client.get(url)  # warm up: the same one-off work for both incidents
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(queries.captured_queries), [q["sql"] for q in queries.captured_queries]


def _compare(client: Any, small: Incident, large: Incident, template: str, name: str) -> None:
    few, few_sql = _count(client, template.format(id=small.pk))
    many, many_sql = _count(client, template.format(id=large.pk))
    extra = "\n".join(many_sql[len(few_sql) :][:10]) if many > few else ""
    assert many == few, f"{name}: {few} queries with 1 of each, {many} with 50\n{extra}"


@pytest.fixture
def incidents(demo: Any) -> tuple[Incident, Incident]:
    return build_incident(1, "2026-901"), build_incident(50, "2026-902")


@pytest.mark.parametrize("page", sorted(set(PAGES) - {"sign_off"}))
def test_dsp_page_query_count_does_not_grow(sign_in: Any, incidents: Any, page: str) -> None:
    """The DSP's pages of the incident: hub, chronology, actions, devices, referrals, risk
    overview and the review form cost the same number of queries for 1 and 50 rows."""
    small, large = incidents
    _compare(sign_in("dsp@example.org"), small, large, PAGES[page], page)


def test_sign_off_page_query_count_does_not_grow(sign_in: Any, incidents: Any) -> None:
    """R-176: the headteacher's sign-off page (the decision, the recommendation, earlier
    sign-offs) costs the same for 1 and 50 rows."""
    small, large = incidents
    _compare(sign_in("head@example.org"), small, large, PAGES["sign_off"], "sign_off")


def _list_and_dashboard(client: Any) -> dict[str, int]:
    return {url: _count(client, url)[0] for url in ("/incidents/", "/dashboard/")}


def test_incident_list_and_dsp_dashboard_do_not_grow(sign_in: Any, demo: Any) -> None:
    """The incident list and the DSP's dashboard (alerts, new concerns, overdue actions,
    deletion deadlines) cost the same whether the open incident has 1 or 50 of each row, and
    whether there are 1 or 4 such incidents."""
    dsp = sign_in("dsp@example.org")
    build_incident(1, "2026-901")
    one = _list_and_dashboard(dsp)
    build_incident(50, "2026-902")
    fifty = _list_and_dashboard(dsp)
    assert fifty == one, f"1 of each: {one}; 50 of each: {fifty}"
    for i in range(3):
        build_incident(2, f"2026-91{i}")
    more = _list_and_dashboard(dsp)
    assert more == one, f"2 incidents: {one}; 5 incidents: {more}"


def test_head_dashboard_does_not_grow(sign_in: Any, demo: Any) -> None:
    """The leadership dashboard lists decisions awaiting sign-off: constant in their number."""
    head = sign_in("head@example.org")
    build_incident(1, "2026-901")
    one = _count(head, "/dashboard/")[0]
    for i in range(3):
        build_incident(50 if i == 0 else 1, f"2026-91{i}")
    assert _count(head, "/dashboard/")[0] == one
