"""The initial review meeting, the decision, and leadership sign-off ("Initial review meeting",
"Assessing adult-involved incidents", "Recording incidents"), driven through the pages."""

from __future__ import annotations

import copy
import json
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from tests.factories import IncidentFactory
from tests.incidents.support import date_and_time
from tests.rules.test_case_studies import CASE_STUDY_A, CASE_STUDY_B
from ymateb import rules
from ymateb.accounts.models import User
from ymateb.audit.models import AuditEvent
from ymateb.incidents.decision import services as decision
from ymateb.incidents.models import Incident, IncidentChild, IncidentEvent, Review, SignOff
from ymateb.incidents.review import facts as engine_facts
from ymateb.incidents.review import services as services_review
from ymateb.tenancy.models import Membership

pytestmark = pytest.mark.django_db

REFS = {"girl": "A", "boy": "B"}


CHILDREN = ("Megan Jones", "Rhys Evans")


#: Case study A's decision: handled in the setting, with its reason, made with confidence.
IN_SETTING = {
    "decision": "handle_in_setting",
    "decision_reason": "No intent to harm; both 16; risks managed by pastoral support.",
    "confident": "on",
}


@pytest.fixture
def incident(demo: Any) -> Incident:
    """Megan and Rhys's incident, at its initial review."""
    return IncidentFactory(setting=demo, state="initial_review", children=CHILDREN)


def _word(value: Any) -> str:
    return {True: "yes", False: "no", None: "unknown"}[value]


def form_data(case: dict[str, Any], **overrides: Any) -> dict[str, Any]:
    """The review form's fields for a contract-shaped case (child refs girl/boy → A/B)."""
    now = timezone.localtime() - timedelta(minutes=5)
    data: dict[str, Any] = {
        **date_and_time("held", now),
        "attendees": "Dilys Davies (DSP), Huw Head (headteacher)",
        "adult_involvement": case.get("adult_involvement") or "",
        "adult_signs": list(case.get("adult_signs") or []),
        "image_creator": "child:A",
        "where_shared": "Shown on a phone to friends at school",
        "other_settings": "",
        "parents_notes": "Both families to be told today",
        "decision": "undecided",
        "decision_reason": "",
        "differs_reason": "",
    }
    for name in rules.facts.INCIDENT_FLAGS:
        data[name] = _word(case.get(name))
    for child in case["children"]:
        ref = REFS[child["ref"]]
        data[f"child_{ref}_age"] = "" if child.get("age") is None else str(child["age"])
        data[f"child_{ref}_roles"] = list(child.get("roles") or [])
        for name in rules.facts.CHILD_FLAGS:
            data[f"child_{ref}_{name}"] = _word(child.get(name))
    data.update(overrides)
    return data


def contract_input(case: dict[str, Any]) -> dict[str, Any]:
    """The case as the adapter writes it: our child refs, every fact present (null = not known)."""
    out = copy.deepcopy(case)
    for child in out["children"]:
        child["ref"] = REFS[child["ref"]]
        child["roles"] = [r for r in rules.facts.ROLES if r in (child.get("roles") or [])] or None
        for name in rules.facts.CHILD_FLAGS:
            child.setdefault(name, None)
    for name in rules.facts.INCIDENT_FLAGS:
        out.setdefault(name, None)
    out["adult_signs"] = list(out.get("adult_signs") or [])
    return out


def review_url(incident: Incident, suffix: str = "review/") -> str:
    return f"/incidents/{incident.pk}/{suffix}"


def save(client: Client, incident: Incident, case: dict[str, Any], **overrides: Any) -> Any:
    """Post the review form for the case (with `overrides`) at the incident's current version."""
    incident.refresh_from_db()
    payload = {"version": str(incident.version), **form_data(case, **overrides)}
    return client.post(review_url(incident), payload)


# --- the adapter ------------------------------------------------------------------------------


def test_r089_adapter_builds_the_contract_input_for_case_study_a(incident) -> None:
    """R-089, R-130: the form's answers become the engine's facts in exactly the contract's
    form, and 'not known' is null."""
    from ymateb.incidents.review.forms import ReviewForm

    children = list(incident.children.all())
    form = ReviewForm(form_data(CASE_STUDY_A), children=children)
    form.is_valid()
    facts = engine_facts.facts_from_review(form.cleaned_data, children)
    assert facts == contract_input(CASE_STUDY_A)
    rules.facts_from_dict(facts)  # accepted by the contract's schema
    unknown = engine_facts.facts_from_review({}, children)
    assert unknown["coercion"] is None and unknown["adult_involvement"] is None
    assert unknown["children"][0] == {
        "ref": "A",
        "age": None,
        "roles": None,
        "has_social_worker": None,
        "additional_learning_needs": None,
        "informing_parents_would_put_at_risk": None,
    }


# --- starting the review ----------------------------------------------------------------------


def test_r079_dsp_starts_the_initial_review(sign_in, demo) -> None:
    """R-079: the initial review meeting is a step of its own: reported → initial review."""
    incident = IncidentFactory(setting=demo, children=CHILDREN, state="reported")
    dsp = sign_in("dsp@example.org")
    page = dsp.get(review_url(incident)).content.decode()
    assert "Start initial review" in page
    response = dsp.post(review_url(incident, "review/start/"))
    assert response.status_code == 302
    assert response["Location"] == review_url(incident)
    incident.refresh_from_db()
    assert incident.state == "initial_review"
    event = IncidentEvent.objects.get(incident=incident, kind="transition")
    assert (event.from_state, event.to_state) == ("reported", "initial_review")
    # A second click is harmless.
    assert dsp.post(review_url(incident, "review/start/")).status_code == 302


def test_r001_leadership_cannot_start_or_record_the_review(sign_in, demo) -> None:
    """R-001: the review belongs to the DSP; leadership reads it."""
    incident = IncidentFactory(setting=demo, children=CHILDREN, state="reported")
    head = sign_in("head@example.org")
    assert head.post(review_url(incident, "review/start/")).status_code == 403
    assert head.get(review_url(incident)).status_code == 200
    assert head.post(review_url(incident), form_data(CASE_STUDY_A)).status_code == 403
    incident.refresh_from_db()
    assert incident.state == "reported"


def test_the_review_form_shows_the_questions_signs_and_panel(sign_in, incident) -> None:
    """R-088, R-051, R-096: the five questions with prompts, every adult sign with its code,
    the never-view warning, the live-update hooks and the no-JavaScript button."""
    dsp = sign_in("dsp@example.org")
    response = dsp.get(review_url(incident))
    html = response.content.decode()
    assert response.status_code == 200
    for question in rules.IMMEDIATE_REFERRAL_QUESTIONS:
        assert question.question.replace("'", "&#39;") in html
        for prompt in question.prompts:
            assert prompt.replace("'", "&#39;") in html
    for sign in rules.ADULT_SIGNS:
        assert f'value="{sign.code}"' in html
    assert html.count('name="adult_signs"') == len(rules.ADULT_SIGNS)  # each sign once
    assert "Do not view, copy, forward or print any image" in html
    assert f'hx-post="/incidents/{incident.pk}/review/recommendation/"' in html
    assert 'hx-target="#recommendation"' in html
    # The live update covers the engine's answers, not the meeting details or the decision.
    facts_block = html.split('id="facts"', 1)[1].split('id="recommendation"', 1)[0]
    assert 'name="coercion"' in facts_block and 'name="child_A_age"' in facts_block
    assert 'name="attendees"' not in facts_block and 'name="decision"' not in facts_block
    assert "htmx/htmx.min.js" in html
    assert "Check recommendation" in html and "Save review" in html
    assert 'name="child_A_roles"' in html and 'name="child_B_has_social_worker"' in html
    assert AuditEvent.objects.filter(
        action="view", object_id=str(incident.pk), detail__what="review"
    ).exists()


# --- case study A: handled in the setting, signed off -----------------------------------------


def test_r130_r175_r176_case_study_a_in_setting_sent_for_and_signed_off(sign_in, incident) -> None:
    """R-130, R-104, R-175, R-176, R-129: case study A may be handled in the setting; the DSP
    records the reason, sends it for sign-off, the headteacher signs it off."""
    dsp = sign_in("dsp@example.org")
    response = save(dsp, incident, CASE_STUDY_A, **IN_SETTING)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert response["Location"] == review_url(incident)
    review = Review.objects.get(incident=incident)
    assert review.decision == "handle_in_setting"
    assert review.recommended_referral is False
    assert review.typology == "aggravated.youth.reckless_misuse"
    assert review.rules_version == rules.RULES_VERSION
    stored_input = json.loads(review.engine_input)
    assert stored_input == contract_input(CASE_STUDY_A)
    assert json.loads(review.engine_output) == rules.assess_dict(stored_input)
    assert json.loads(review.engine_output)["in_setting_handling_allowed"] is True
    assert review.created_by.email == "dsp@example.org"
    event = IncidentEvent.objects.get(incident=incident, kind="review_saved")
    assert event.params["decision"] == "handle_in_setting"
    assert event.params["triggers"] == []
    # The children's ages and roles are kept up to date.
    child_b = IncidentChild.objects.get(incident=incident, ref="B")
    assert child_b.age == 16 and child_b.roles == ["pictured", "creator", "sharer", "possessor"]

    page = dsp.get(review_url(incident)).content.decode()
    assert "Send for sign-off" in page
    incident.refresh_from_db()
    response = dsp.post(
        review_url(incident, "review/send-for-sign-off/"), {"version": incident.version}
    )
    assert response.status_code == 302
    incident.refresh_from_db()
    assert incident.state == "awaiting_sign_off"
    # The leadership presenter lists it; the DSP's does not.
    head_user = User.objects.get(email="head@example.org")
    assert decision.awaiting_sign_off(head_user) == [incident]
    assert decision.awaiting_sign_off(User.objects.get(email="dsp@example.org")) == []

    # A DSP who is not leadership cannot sign it off.
    assert dsp.post(review_url(incident, "sign-off/"), {"action": "sign_off"}).status_code == 403

    head = sign_in("head@example.org")
    page = head.get(review_url(incident, "sign-off/")).content.decode()
    assert "Sign off decision" in page
    assert "No intent to harm; both 16" in page  # the DSP's reason
    assert "reckless misuse" in page  # the engine's recommendation
    assert "same person" not in page
    response = head.post(
        review_url(incident, "sign-off/"),
        {"action": "sign_off", "note": "Agreed.", "version": incident.version},
    )
    assert response.status_code == 302
    incident.refresh_from_db()
    assert incident.state == "signed_off"
    sign_off = SignOff.objects.get(incident=incident)
    assert sign_off.review == review
    assert sign_off.signed_by == head_user
    assert sign_off.same_person_as_decider is False
    assert sign_off.note == "Agreed."
    assert IncidentEvent.objects.filter(incident=incident, kind="signed_off").exists()
    assert AuditEvent.objects.filter(
        object_id=str(incident.pk), action="transition", actor__email="head@example.org"
    ).exists()
    assert decision.awaiting_sign_off(head_user) == []


def test_r176_leadership_returns_the_decision_with_a_reason(sign_in, incident) -> None:
    """R-176: leadership may return the decision to the DSP; a reason is required."""
    dsp = sign_in("dsp@example.org")
    save(dsp, incident, CASE_STUDY_A, **IN_SETTING)
    incident.refresh_from_db()
    dsp.post(review_url(incident, "review/send-for-sign-off/"), {"version": incident.version})
    head = sign_in("head@example.org")
    incident.refresh_from_db()
    response = head.post(
        review_url(incident, "sign-off/"), {"action": "return", "version": incident.version}
    )
    assert response.status_code == 400
    assert "Say why you are returning the decision" in response.content.decode()
    incident.refresh_from_db()
    assert incident.state == "awaiting_sign_off"
    response = head.post(
        review_url(incident, "sign-off/"),
        {
            "action": "return",
            "return_reason": "Speak to the parents first.",
            "version": incident.version,
        },
    )
    assert response.status_code == 302
    incident.refresh_from_db()
    assert incident.state == "initial_review"
    assert not SignOff.objects.exists()
    event = IncidentEvent.objects.filter(incident=incident, kind="transition").last()
    assert event is not None and event.reason == "Speak to the parents first."


def test_r176_same_person_as_dsp_and_head_is_recorded(sign_in, demo, incident) -> None:
    """R-176: a DSP who is also the headteacher may sign off, and the record says the same
    person made and signed off the decision; the page says so beforehand."""
    head_user = User.objects.get(email="head@example.org")
    Membership.objects.create(user=head_user, setting=demo, role="dsp")
    head = sign_in("head@example.org")
    response = save(head, incident, CASE_STUDY_A, **IN_SETTING)
    assert response.status_code == 302
    incident.refresh_from_db()
    head.post(review_url(incident, "review/send-for-sign-off/"), {"version": incident.version})
    page = head.get(review_url(incident, "sign-off/")).content.decode()
    assert "You recorded this decision yourself" in page
    incident.refresh_from_db()
    response = head.post(
        review_url(incident, "sign-off/"), {"action": "sign_off", "version": incident.version}
    )
    assert response.status_code == 302
    sign_off = SignOff.objects.get(incident=incident)
    assert sign_off.same_person_as_decider is True
    event = IncidentEvent.objects.get(incident=incident, kind="signed_off")
    assert event.params["same_person_as_decider"] is True
    page = head.get(review_url(incident, "sign-off/")).content.decode()
    assert "the same person made the decision and signed it off" in page


# --- case study B: immediate referral ---------------------------------------------------------


def test_r132_r097_case_study_b_refuses_in_setting_and_refers(sign_in, incident) -> None:
    """R-132, R-097, R-112: case study B needs an immediate referral; handling it in the
    setting is refused with the reason and the guidance's rule for doubt; referring moves the
    incident to 'referred'."""
    dsp = sign_in("dsp@example.org")
    refused = save(dsp, incident, CASE_STUDY_B, **IN_SETTING)
    html = refused.content.decode()
    assert refused.status_code == 200
    assert "You cannot handle this in the setting" in html
    assert "An adult is involved, or is suspected to be" in html
    assert "make a report to the police" in html
    assert not Review.objects.exists()
    incident.refresh_from_db()
    assert incident.state == "initial_review"

    response = save(dsp, incident, CASE_STUDY_B, decision="refer")
    assert response.status_code == 302
    # The referral page (another part of the journey) or the incident page.
    assert str(incident.pk) in response["Location"]
    incident.refresh_from_db()
    assert incident.state == "referred"
    review = Review.objects.get(incident=incident)
    output = json.loads(review.engine_output)
    assert output["immediate_referral"] is True
    assert set(output["triggers"]) == {
        "coercion_blackmail_grooming_or_consent",
        "adult_involvement",
    }
    assert review.typology == "aggravated.adult.sexually_motivated"
    assert review.recommended_referral is True and review.differs_reason == ""
    transition = IncidentEvent.objects.get(incident=incident, kind="transition")
    assert transition.to_state == "referred"
    assert transition.reason.startswith("Immediate referral: ")
    assert "adult_involvement" in transition.reason


def test_r090_missing_facts_block_handling_in_the_setting(sign_in, incident) -> None:
    """R-090, R-112: with facts not known, handling in the setting is refused, naming them."""
    dsp = sign_in("dsp@example.org")
    html = save(dsp, incident, CASE_STUDY_A, coercion="unknown", **IN_SETTING).content.decode()
    assert "Not known yet: Was a child coerced or put under pressure?" in html
    assert not Review.objects.exists()


def test_r129_a_decision_that_differs_needs_a_reason(sign_in, incident) -> None:
    """R-129: referring although handling in the setting is open differs from the
    recommendation, and needs its own reason."""
    dsp = sign_in("dsp@example.org")
    response = save(dsp, incident, CASE_STUDY_A, decision="refer")
    assert response.status_code == 200
    assert (
        "Say why you are referring although the recommendation allows" in response.content.decode()
    )
    assert not Review.objects.exists()
    response = save(
        dsp,
        incident,
        CASE_STUDY_A,
        decision="refer",
        decision_reason="Parents asked for the police.",
        differs_reason="The boy's parents want the police involved.",
    )
    assert response.status_code == 302
    review = Review.objects.get()
    assert review.differs_reason == "The boy's parents want the police involved."
    assert IncidentEvent.objects.get(kind="review_saved").params["differs"] is True
    incident.refresh_from_db()
    assert incident.state == "referred"
    transition = IncidentEvent.objects.get(incident=incident, kind="transition")
    assert transition.reason == "Parents asked for the police."


def test_r175_handling_in_the_setting_needs_a_reason_and_confirmation(sign_in, incident) -> None:
    """R-175, R-106: no reason, or no confirmation that the risks can be managed: nothing saved."""
    dsp = sign_in("dsp@example.org")
    html = save(dsp, incident, CASE_STUDY_A, decision="handle_in_setting").content.decode()
    assert "Record the reason for not referring" in html
    assert "Confirm you are confident" in html
    assert not Review.objects.exists()


def test_send_for_sign_off_needs_a_decision_not_to_refer(sign_in, incident) -> None:
    """R-176: only a recorded decision to handle it in the setting goes for sign-off."""
    dsp = sign_in("dsp@example.org")
    save(dsp, incident, CASE_STUDY_A)  # undecided
    incident.refresh_from_db()
    response = dsp.post(
        review_url(incident, "review/send-for-sign-off/"), {"version": incident.version}
    )
    assert response.status_code == 400
    assert "Only a decision to handle the incident in the setting goes for sign-off" in (
        response.content.decode()
    )
    incident.refresh_from_db()
    assert incident.state == "initial_review"
    head = sign_in("head@example.org")
    assert head.post(review_url(incident, "review/send-for-sign-off/")).status_code == 403


# --- the live recommendation ------------------------------------------------------------------


def test_r105_htmx_partial_returns_the_panel_and_saves_nothing(sign_in, incident) -> None:
    """R-089, R-105: each answer re-runs the engine; the partial is the panel only, audited as a
    view, and nothing is saved."""
    version = incident.version
    dsp = sign_in("dsp@example.org")
    url = review_url(incident, "review/recommendation/")
    response = dsp.post(url, form_data(CASE_STUDY_B), HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html and "govuk-notification-banner" in html
    assert "Refer now to the police or children" in html
    assert 'data-code="adult_involvement"' in html
    assert "Initial review meeting:" in html  # each reason names its section
    response = dsp.post(url, form_data(CASE_STUDY_A))
    html = response.content.decode()
    assert "the setting may handle this itself" in html
    assert "Aggravated, youth only: reckless misuse" in html
    assert not Review.objects.exists()
    incident.refresh_from_db()
    assert incident.version == version
    assert not IncidentEvent.objects.filter(incident=incident).exists()
    assert (
        AuditEvent.objects.filter(
            action="view", object_id=str(incident.pk), detail__what="review_recommendation"
        ).count()
        == 2
    )
    assert dsp.get(url).status_code == 405
    assert sign_in("head@example.org").post(url, form_data(CASE_STUDY_A)).status_code == 403


def test_r105_without_javascript_check_recommendation_round_trip(sign_in, incident) -> None:
    """The 'Check recommendation' button gives the same panel with a full page, saving nothing
    and showing no errors for what is not filled in yet."""
    dsp = sign_in("dsp@example.org")
    data = form_data(CASE_STUDY_B, check="1", attendees="", held_day="")
    response = dsp.post(review_url(incident), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Refer now to the police or children" in html
    assert "There is a problem" not in html
    assert not Review.objects.exists()


def test_panel_in_welsh_uses_the_welsh_explanations(sign_in, incident) -> None:
    """Reasons are shown in the user's language (explanation_cy in Welsh)."""
    dsp = sign_in("dsp@example.org")
    dsp.post("/language/", {"language": "cy", "next": "/"})
    html = dsp.post(
        review_url(incident, "review/recommendation/"), form_data(CASE_STUDY_B)
    ).content.decode()
    output = rules.assess_dict(contract_input(CASE_STUDY_B))
    welsh = next(r["explanation_cy"] for r in output["reasons"] if r["code"] == "adult_involvement")
    assert welsh.replace("'", "&#39;") in html


# --- bad input, conflicts, closed records ------------------------------------------------------


def test_r079_bad_input_saves_nothing(sign_in, incident) -> None:
    """R-079: a meeting in the future, or no attendees: error summary linked to the field,
    nothing saved."""
    dsp = sign_in("dsp@example.org")
    tomorrow = date_and_time("held", timezone.localtime() + timedelta(days=1))
    response = save(dsp, incident, CASE_STUDY_A, attendees="", **tomorrow)
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert "The date must be today or in the past" in html
    assert 'href="#id_held_day"' in html
    assert "Enter who attended the meeting" in html
    assert 'href="#id_attendees"' in html
    html = save(dsp, incident, CASE_STUDY_A, held_time="", child_A_age="19").content.decode()
    assert "Enter the time the meeting was held" in html
    assert "Child A: a person aged 18 or over is not a child" in html
    assert not Review.objects.exists()
    assert not IncidentEvent.objects.filter(incident=incident).exists()


def test_a_later_hour_today_is_refused(sign_in, incident) -> None:
    dsp = sign_in("dsp@example.org")
    later = date_and_time("held", timezone.localtime() + timedelta(hours=1))
    html = save(dsp, incident, CASE_STUDY_A, **later).content.decode()
    assert (
        "The meeting time must be now or in the past" in html
        or "The date must be today or in the past" in html  # an hour from now is tomorrow
    )
    assert not Review.objects.exists()


def test_conflict_stale_version_is_refused_with_a_message(sign_in, incident) -> None:
    """No lost updates: a form opened before someone else's save is refused, showing what
    changed and keeping what was typed."""
    stale = incident.version
    dsp = sign_in("dsp@example.org")
    deputy = sign_in("deputy@example.org")
    assert save(deputy, incident, CASE_STUDY_A).status_code == 302
    data = form_data(CASE_STUDY_A, attendees="Typed by the DSP", version=str(stale))
    response = dsp.post(review_url(incident), data)
    html = response.content.decode()
    assert response.status_code == 409
    assert "Someone else changed this incident" in html
    assert "Initial review recorded" in html
    assert "Typed by the DSP" in html
    assert Review.objects.count() == 1
    incident.refresh_from_db()
    assert f'name="version" value="{incident.version}"' in html


def test_closed_incident_refuses_a_review(sign_in, demo) -> None:
    """A closed record is read-only."""
    incident = IncidentFactory(setting=demo, children=CHILDREN, state="closed")
    dsp = sign_in("dsp@example.org")
    response = dsp.post(review_url(incident), form_data(CASE_STUDY_A, version="1"))
    assert response.status_code == 400
    assert "This incident is closed" in response.content.decode()
    assert dsp.post(review_url(incident, "review/start/")).status_code == 400
    response = dsp.post(review_url(incident, "review/send-for-sign-off/"), {"version": "1"})
    assert response.status_code == 400
    assert not Review.objects.exists()
    assert not IncidentEvent.objects.filter(incident=incident).exists()


def test_service_refuses_in_setting_even_without_the_form(incident) -> None:
    """R-104: the write itself refuses handling in the setting while a trigger holds."""
    dsp = User.objects.get(email="dsp@example.org")
    data = services_review.ReviewInput(
        held_at=timezone.now(),
        attendees="DSP",
        facts=contract_input(CASE_STUDY_B),
        decision="handle_in_setting",
        decision_reason="R.",
        confident=True,
    )
    with pytest.raises(services_review.ReviewRefused) as exc:
        services_review.review_save(
            by=dsp, incident_id=incident.pk, data=data, expected_version=None
        )
    assert "make a report to the police" in exc.value.message
    assert not Review.objects.exists()


def test_other_setting_dsp_and_staff_get_404(sign_in, incident) -> None:
    staff = sign_in("staff@example.org")
    assert staff.get(review_url(incident)).status_code == 404
    assert staff.get(review_url(incident, "sign-off/")).status_code == 404
    assert staff.post(review_url(incident, "review/recommendation/"), {}).status_code == 404
