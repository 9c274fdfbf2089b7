"""The workflow through the service layer and the pages: every transition × every kind of
person × every source state, allowed exactly as the one table says; and no closing as out
of scope once a decision is recorded (R-001, R-003, R-174, R-176)."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.test import Client

from tests.client import signed_in
from tests.factories import IncidentFactory, SettingFactory, dsp_of
from tests.incidents.test_review import IN_SETTING, review_url, save
from tests.incidents.test_workflow import PEOPLE
from tests.rules.test_case_studies import CASE_STUDY_A, CASE_STUDY_B
from ymateb.accounts.models import User
from ymateb.incidents import changes, workflow
from ymateb.incidents.access import IncidentNotFound
from ymateb.incidents.models import Incident, IncidentEvent
from ymateb.incidents.permissions import ROLE_PERMISSIONS
from ymateb.incidents.workflow import EDGES, State
from ymateb.tenancy.models import Setting

pytestmark = pytest.mark.django_db

EMAILS = {
    "staff": "staff@example.org",
    "dsp": "dsp@example.org",
    "deputy_dsp": "deputy@example.org",
    "leadership": "head@example.org",
    "oversight": "oversight@example.org",
    "admin": "admin@example.org",
    "other_setting_dsp": "other-dsp@example.org",
}
# Who may read the incident at all (everyone else is told it does not exist).
READERS = {"dsp", "deputy_dsp", "leadership"}


@pytest.fixture
def world(demo: Setting) -> dict[str, Any]:
    dsp_of(SettingFactory(name="Other School"), EMAILS["other_setting_dsp"])
    incident = IncidentFactory(
        setting=demo,
        reference="YM-TEST-0001",
        account="Words",
        children=[{"name": "Megan Jones", "age": 15}],
    )
    users: dict[str, Any] = {p: User.objects.get(email=e) for p, e in EMAILS.items()}
    users["anonymous"] = AnonymousUser()
    return {"incident": incident, "users": users}


def expected(edge: workflow.Edge, state: State, person: str) -> bool:
    """From the one table: the person's roles in the incident's setting grant the edge's
    permission, and the incident is in one of the edge's states."""
    granted = (
        set().union(*(ROLE_PERMISSIONS[r] for r in PEOPLE[person])) if PEOPLE[person] else set()
    )
    return state in edge.sources and edge.permission in granted


def put_in_state(incident: Incident, state: State) -> Incident:
    Incident.objects.filter(pk=incident.pk).update(state=state, closed_at=None)
    return Incident.objects.get(pk=incident.pk)


def test_r001_every_transition_by_every_person_from_every_state_through_the_service(
    world: dict[str, Any],
) -> None:
    """R-001, R-174: `changes.incident_transition` for 10 transitions × 8 kinds of person ×
    8 states; allowed exactly when the one table says so, and a refusal changes nothing.
    People who may not read the incident are told it does not exist."""
    incident = world["incident"]
    wrong = []
    for edge, state, person in itertools.product(EDGES, State, PEOPLE):
        with transaction.atomic():
            before = put_in_state(incident, state)
            events = IncidentEvent.objects.count()
            try:
                changes.incident_transition(
                    by=world["users"][person],
                    incident_id=incident.pk,
                    transition=edge.transition,
                    reason="A reason for the record.",
                )
                got = "allowed"
            except IncidentNotFound:
                got = "not_found"
            except (workflow.IllegalTransition, changes.IncidentClosed, PermissionDenied):
                got = "refused"
            after = Incident.objects.get(pk=incident.pk)
            if expected(edge, state, person):
                ok = got == "allowed" and after.state == edge.target
                ok = ok and after.version == before.version + 1
            else:
                ok = got == ("refused" if person in READERS else "not_found")
                ok = ok and after.state == state and after.version == before.version
                ok = ok and IncidentEvent.objects.count() == events
            if not ok:
                wrong.append((edge.transition.value, state.value, person, got, after.state))
            transaction.set_rollback(True)
    assert wrong == []


def client_for(person: str) -> Client:
    return signed_in(None if person == "anonymous" else EMAILS[person])[0]


# A sample through the pages: the closing page (both ways of closing) and "Start initial
# review", for every kind of person from every state.
PAGES = (
    (workflow.Transition.CLOSE, "close/", {"outcome_summary": "Police took no further action."}),
    (
        workflow.Transition.CLOSE_OUT_OF_SCOPE,
        "close/",
        {"outcome_summary": "Text messages only, no images.", "out_of_scope": "on"},
    ),
    (workflow.Transition.START_REVIEW, "review/start/", {}),
)


def test_r001_a_sample_of_transitions_through_http_post(world: dict[str, Any]) -> None:
    """R-001: POSTs to the closing page and to "Start initial review" by every kind of person
    from every state move the incident exactly when the one table allows it."""
    from http.cookies import SimpleCookie

    incident = world["incident"]
    clients = {person: client_for(person) for person in PEOPLE}
    wrong = []
    for (transition, suffix, data), state, person in itertools.product(PAGES, State, PEOPLE):
        edge = workflow.edge_for(transition)
        client = clients[person]
        cookies = SimpleCookie()
        cookies.load(client.cookies.output(header="", sep=";"))
        with transaction.atomic():
            before = put_in_state(incident, state)
            response = client.post(
                f"/incidents/{incident.pk}/{suffix}", {"version": before.version, **data}
            )
            after = Incident.objects.get(pk=incident.pk)
            status = response.status_code
            if expected(edge, state, person):
                ok = after.state == edge.target and status == 302
            else:
                ok = after.state == state and after.version == before.version
                if person == "anonymous":
                    ok = ok and status == 302 and "/sign-in/" in response["Location"]
                elif person not in READERS:
                    ok = ok and status == 404
                elif person == "leadership":
                    ok = ok and status == 403
                else:  # a DSP from the wrong state: said why, or carried on to the review
                    ok = ok and status in (302, 400)
            if not ok:
                wrong.append((transition.value, state.value, person, status, after.state))
            transaction.set_rollback(True)
        client.cookies = cookies
    assert wrong == []


# --- closing as out of scope after a decision ---------------------------------------------------


def decide_in_setting(sign_in: Any, incident: Incident) -> Client:
    """Start the review and record a decision to handle it in the setting (case study A)."""
    dsp = sign_in("dsp@example.org")
    incident.refresh_from_db()
    dsp.post(review_url(incident, "review/start/"))
    response = save(dsp, incident, CASE_STUDY_A, **IN_SETTING)
    assert response.status_code == 302, response.content.decode()[:2000]
    incident.refresh_from_db()
    assert incident.state == "initial_review"
    return dsp


@pytest.fixture
def reviewed(demo: Setting) -> Incident:
    return IncidentFactory(setting=demo, state="reported", children=("Megan Jones", "Rhys Evans"))


REFUSAL = "can no longer be closed as outside this guidance"


def test_r003_r176_out_of_scope_closure_after_a_decision_is_refused_by_the_service(
    sign_in, reviewed
) -> None:
    """R-003, R-176: once the review recorded a decision to handle it in the setting, the DSP
    cannot close the incident as out of scope (which would skip the head's sign-off)."""
    decide_in_setting(sign_in, reviewed)
    version = reviewed.version
    for email in ("dsp@example.org", "deputy@example.org"):
        with pytest.raises(workflow.IllegalTransition) as exc:
            changes.incident_transition(
                by=User.objects.get(email=email),
                incident_id=reviewed.pk,
                transition=workflow.Transition.CLOSE_OUT_OF_SCOPE,
                reason="Text messages only.",
            )
        assert exc.value.why == "decision_recorded"
    reviewed.refresh_from_db()
    assert reviewed.state == "initial_review" and reviewed.closed_at is None
    assert reviewed.version == version
    assert not IncidentEvent.objects.filter(incident=reviewed, to_state="closed").exists()


def test_r003_r176_out_of_scope_closure_after_a_decision_is_refused_over_http(
    sign_in, reviewed
) -> None:
    """R-003, R-176: the same through the closing page: a clear message in English and in
    Welsh, nothing changed, and the page no longer offers that way of closing."""
    dsp = decide_in_setting(sign_in, reviewed)
    url = f"/incidents/{reviewed.pk}/close/"
    page = dsp.get(url).content.decode()
    assert REFUSAL in page
    assert 'name="out_of_scope"' not in page and 'name="outcome_summary"' not in page
    post = {
        "version": reviewed.version,
        "outcome_summary": "Text messages only, no images.",
        "out_of_scope": "on",
    }
    response = dsp.post(url, post)
    assert response.status_code == 400
    assert REFUSAL in response.content.decode()
    reviewed.refresh_from_db()
    assert reviewed.state == "initial_review" and reviewed.outcome_summary == ""
    dsp.post("/language/", {"language": "cy", "next": "/"})
    response = dsp.post(url, post)
    assert response.status_code == 400
    welsh = response.content.decode().replace("&#39;", "'")
    assert "ni ellir cau'r digwyddiad hwn mwyach" in welsh
    reviewed.refresh_from_db()
    assert reviewed.state == "initial_review"


def test_r176_a_returned_decision_still_cannot_be_closed_as_out_of_scope(sign_in, reviewed) -> None:
    """R-176: sent for sign-off and returned by the head, the incident is back at the initial
    review with its decision on record: still no closing as out of scope."""
    dsp = decide_in_setting(sign_in, reviewed)
    reviewed.refresh_from_db()
    dsp.post(review_url(reviewed, "review/send-for-sign-off/"), {"version": reviewed.version})
    head = sign_in("head@example.org")
    reviewed.refresh_from_db()
    assert reviewed.state == "awaiting_sign_off"
    head.post(
        review_url(reviewed, "sign-off/"),
        {"action": "return", "return_reason": "Speak to the parents.", "version": reviewed.version},
    )
    reviewed.refresh_from_db()
    assert reviewed.state == "initial_review"
    with pytest.raises(workflow.IllegalTransition) as exc:
        changes.incident_transition(
            by=User.objects.get(email="dsp@example.org"),
            incident_id=reviewed.pk,
            transition=workflow.Transition.CLOSE_OUT_OF_SCOPE,
            reason="Text messages only.",
        )
    assert exc.value.why == "decision_recorded"


def test_r003_a_review_without_a_decision_can_still_close_as_out_of_scope(
    sign_in, reviewed
) -> None:
    """R-003: a review that found the concern outside this guidance, with no decision to refer
    or handle in the setting, closes it with its reason."""
    dsp = sign_in("dsp@example.org")
    dsp.post(review_url(reviewed, "review/start/"))
    response = save(dsp, reviewed, CASE_STUDY_B, decision="undecided")
    assert response.status_code == 302, response.content.decode()[:2000]
    reviewed.refresh_from_db()
    page = dsp.get(f"/incidents/{reviewed.pk}/close/").content.decode()
    assert 'name="out_of_scope"' in page
    response = dsp.post(
        f"/incidents/{reviewed.pk}/close/",
        {
            "version": reviewed.version,
            "outcome_summary": "Messages with no images: outside this guidance.",
            "out_of_scope": "on",
        },
    )
    assert response.status_code == 302
    reviewed.refresh_from_db()
    assert reviewed.state == "closed"
    event = IncidentEvent.objects.get(incident=reviewed, to_state="closed")
    assert event.params["transition"] == "close_out_of_scope"
    assert event.reason == "Messages with no images: outside this guidance."
