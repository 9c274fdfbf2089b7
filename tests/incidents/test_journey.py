"""The hub, chronology, closure, addenda, review dates, and no lost updates."""

from __future__ import annotations

import pytest
from django.utils import timezone

from tests.incidents.support import report_concern
from ymateb.audit.models import AuditEvent
from ymateb.incidents import changes, workflow
from ymateb.incidents.models import Addendum, Incident, IncidentEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def incident(demo):
    return report_concern(demo.pk, account="Words")


def move(incident, email, transition, reason=""):
    from ymateb.accounts.models import User

    return changes.incident_transition(
        by=User.objects.get(email=email),
        incident_id=incident.pk,
        transition=transition,
        reason=reason,
    )


def test_hub_shows_the_journey_as_a_task_list(sign_in, incident) -> None:
    html = sign_in("dsp@example.org").get(f"/incidents/{incident.pk}/").content.decode()
    for title in (
        "Initial review meeting",
        "Decision and sign-off",
        "Referrals",
        "Actions",
        "Chronology",
        "Close incident",
    ):
        assert title in html
    assert "govuk-task-list" in html


def test_workflow_refuses_illegal_moves_with_a_reason() -> None:
    with pytest.raises(workflow.IllegalTransition) as exc:
        workflow.check("sign_off", "reported", {"leadership"})
    assert exc.value.why == "not_from_this_state"
    with pytest.raises(workflow.IllegalTransition) as exc:
        workflow.check("sign_off", "awaiting_sign_off", {"dsp"})
    assert exc.value.why == "role_not_allowed"
    with pytest.raises(workflow.IllegalTransition) as exc:
        workflow.check("send_for_sign_off", "initial_review", {"dsp"}, "  ")
    assert exc.value.why == "reason_required"


def test_escalation_to_referral_is_possible_from_every_open_state() -> None:
    for state in workflow.OPEN_STATES - {workflow.State.REFERRED}:
        assert workflow.check("refer", state, {"dsp"}, "new fact") == workflow.State.REFERRED
    with pytest.raises(workflow.IllegalTransition):
        workflow.check("refer", "closed", {"dsp"}, "too late")


def test_every_transition_records_actor_time_and_reason(incident) -> None:
    move(incident, "dsp@example.org", "start_review")
    move(incident, "deputy@example.org", "refer", "Blackmail: immediate referral")
    event = IncidentEvent.objects.filter(incident=incident, kind="transition").last()
    assert (event.from_state, event.to_state) == ("initial_review", "referred")
    assert event.actor.email == "deputy@example.org"
    assert event.reason == "Blackmail: immediate referral"
    assert event.at <= timezone.now()
    assert AuditEvent.objects.filter(action="transition", object_id=str(incident.pk)).count() == 2


def test_closing_needs_an_outcome_summary_and_makes_the_record_read_only(sign_in, incident) -> None:
    move(incident, "dsp@example.org", "start_review")
    move(incident, "dsp@example.org", "refer", "Referred")
    dsp = sign_in("dsp@example.org")
    incident.refresh_from_db()
    response = dsp.post(f"/incidents/{incident.pk}/close/", {"version": incident.version})
    assert response.status_code == 400 and "Write an outcome summary" in response.content.decode()
    incident.refresh_from_db()
    assert incident.state == "referred"
    response = dsp.post(
        f"/incidents/{incident.pk}/close/",
        {"version": incident.version, "outcome_summary": "Police took no further action."},
    )
    assert response.status_code == 302
    incident.refresh_from_db()
    assert incident.state == "closed" and incident.closed_at is not None
    assert incident.outcome_summary == "Police took no further action."
    with pytest.raises(changes.IncidentClosed):
        move(incident, "dsp@example.org", "refer", "again")
    html = dsp.get(f"/incidents/{incident.pk}/").content.decode()
    assert "This incident is closed" in html


def test_closing_from_the_wrong_state_says_why(sign_in, incident) -> None:
    dsp = sign_in("dsp@example.org")
    response = dsp.post(
        f"/incidents/{incident.pk}/close/", {"version": incident.version, "outcome_summary": "x"}
    )
    assert response.status_code == 400
    assert "not possible at this stage" in response.content.decode()
    incident.refresh_from_db()
    assert incident.state == "reported"


def test_r003_a_concern_outside_the_guidance_is_closed_at_the_review_not_before(
    sign_in, incident
) -> None:
    """R-003: a concern found at the initial review to be outside the guidance closes with
    its reason; a new concern nobody has reviewed cannot be closed that way."""
    dsp = sign_in("dsp@example.org")
    data = {
        "version": incident.version,
        "outcome_summary": "Text messages only, no images.",
        "out_of_scope": "on",
    }
    refused = dsp.post(f"/incidents/{incident.pk}/close/", data)
    assert refused.status_code == 400
    incident.refresh_from_db()
    assert incident.state == "reported"
    move(incident, "dsp@example.org", "start_review")
    incident.refresh_from_db()
    response = dsp.post(f"/incidents/{incident.pk}/close/", {**data, "version": incident.version})
    assert response.status_code == 302
    incident.refresh_from_db()
    assert incident.state == "closed"
    event = IncidentEvent.objects.filter(incident=incident, to_state="closed").get()
    assert event.params["transition"] == "close_out_of_scope"


def test_addenda_go_on_closed_records_and_appear_in_the_chronology(sign_in, incident) -> None:
    dsp = sign_in("dsp@example.org")
    dsp.post(
        f"/incidents/{incident.pk}/close/",
        {"version": incident.version, "outcome_summary": "Outside scope", "out_of_scope": "on"},
    )
    incident.refresh_from_db()
    response = dsp.post(
        f"/incidents/{incident.pk}/addenda/new/",
        {"version": incident.version, "text": "Parent phoned on 3 December."},
    )
    assert response.status_code == 302
    assert Addendum.objects.get().text == "Parent phoned on 3 December."
    html = dsp.get(f"/incidents/{incident.pk}/chronology/").content.decode()
    assert "Parent phoned on 3 December." in html
    assert "Addendum added" in html and "Concern reported" in html


def test_two_dsps_editing_at_once_the_second_gets_a_conflict_not_an_overwrite(
    sign_in, incident
) -> None:
    dsp, deputy = sign_in("dsp@example.org"), sign_in("deputy@example.org")
    opened_at = incident.version
    first = dsp.post(
        f"/incidents/{incident.pk}/addenda/new/", {"version": opened_at, "text": "First note"}
    )
    assert first.status_code == 302
    second = deputy.post(
        f"/incidents/{incident.pk}/addenda/new/", {"version": opened_at, "text": "Second note"}
    )
    html = second.content.decode()
    assert second.status_code == 409
    assert "Someone else changed this incident" in html
    assert "Addendum added" in html  # what changed
    assert "Second note" in html  # what they typed is kept in the form
    assert list(Addendum.objects.values_list("text", flat=True)) == ["First note"]


def test_review_date_must_be_in_the_future(sign_in, incident) -> None:
    dsp = sign_in("dsp@example.org")
    past = timezone.localdate().replace(year=timezone.localdate().year - 1)
    response = dsp.post(
        f"/incidents/{incident.pk}/review-date/",
        {
            "version": incident.version,
            "review_on_day": past.day,
            "review_on_month": past.month,
            "review_on_year": past.year,
        },
    )
    assert response.status_code == 400
    assert "must be today or in the future" in response.content.decode()
    incident.refresh_from_db()
    assert incident.next_review_on is None
    future = timezone.localdate().replace(year=timezone.localdate().year + 1)
    response = dsp.post(
        f"/incidents/{incident.pk}/review-date/",
        {
            "version": incident.version,
            "review_on_day": future.day,
            "review_on_month": future.month,
            "review_on_year": future.year,
        },
    )
    assert response.status_code == 302
    incident.refresh_from_db()
    assert incident.next_review_on == future


def test_leadership_cannot_close(sign_in, incident) -> None:
    response = sign_in("head@example.org").post(
        f"/incidents/{incident.pk}/close/", {"version": incident.version, "outcome_summary": "x"}
    )
    assert response.status_code == 403
    assert Incident.objects.get().state == "reported"
