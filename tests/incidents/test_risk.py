"""The risk step ("Assessing the risks", "Defining an incident", "Assessing behaviour in
youth-only incidents"): the seven questions, a conversation with each child kept in their
own words, and each child's behaviour in this incident on Hackett's continuum."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.utils import timezone
from markupsafe import escape

from tests.factories import IncidentFactory, ReviewFactory
from tests.incidents.support import FFION_AND_OWEN, date_and_time, report_concern
from tests.rules.test_case_studies import CASE_STUDY_A, CASE_STUDY_B
from ymateb.accounts.models import User
from ymateb.audit.models import AuditEvent
from ymateb.incidents import changes
from ymateb.incidents.models import (
    ContinuumPlacement,
    Incident,
    IncidentChild,
    IncidentEvent,
    Interview,
    RiskAssessment,
)
from ymateb.incidents.risk import services as services_risk
from ymateb.rules import (
    CONTINUUM_LEVELS,
    INDICATORS,
    QUESTION_PROMPTS,
    RISK_ASSESSMENT_QUESTIONS,
    RULES,
    continuum_checks,
)

pytestmark = pytest.mark.django_db

STATEMENT = (
    'He said "send me one or I\'ll post the other one".\r\n'
    "I didn't know who it was — it said it was Owen.\r\n"
    "\r\n"
    "  I deleted Snapchat after.  "
)


@pytest.fixture
def incident(demo: Any) -> Incident:
    return report_concern(
        demo.pk, account="She was upset in the corridor.", children=FFION_AND_OWEN
    )


@pytest.fixture
def child(incident: Incident) -> IncidentChild:
    return incident.children.get(ref="A")


def moment(at: Any = None) -> dict[str, str]:
    return date_and_time("held", at)


def conversation_held(statement: str, held_by: str = "DSP", at: Any = None) -> dict[str, Any]:
    """The interview form for a conversation held (now unless `at`), in the child's words."""
    return {"conversation": "held", **moment(at), "held_by": held_by, "statement": statement}


def interview_url(incident: Incident, child: IncidentChild) -> str:
    return f"/incidents/{incident.pk}/children/{child.pk}/interview/"


def continuum_url(incident: Incident, child: IncidentChild) -> str:
    return f"/incidents/{incident.pk}/children/{child.pk}/continuum/"


def assert_refused(
    client: Any, url: str, model: Any, kind: str, *posts: tuple[dict[str, Any], list[str]]
) -> None:
    """Each post is refused with the page showing all its messages; nothing of `model` is
    stored and no `kind` event is written to the chronology."""
    for data, messages in posts:
        page = client.post(url, data).content.decode()
        for message in messages:
            assert message in page, (data, message)
    assert model.objects.count() == 0
    assert not IncidentEvent.objects.filter(kind=kind).exists()


def answers(**overrides: str) -> dict[str, str]:
    data = {q.code: f"Answer to {q.code}." for q in RISK_ASSESSMENT_QUESTIONS}
    data.update(overrides)
    return data


# --- conversations with a child: the child's own words, verbatim, locked ---------------------


def test_r169_statement_is_stored_verbatim_and_encrypted(
    sign_in: Any, incident: Incident, child: IncidentChild
) -> None:
    dsp = sign_in("dsp@example.org")
    held = conversation_held(STATEMENT, held_by="Mrs Evans (DSP), with Mr Rees")
    response = dsp.post(interview_url(incident, child), held)
    assert response.status_code == 302
    assert response["Location"] == f"/incidents/{incident.pk}/risk/"
    interview = Interview.objects.get()
    assert interview.statement == STATEMENT  # exactly, quotes, line breaks and spaces
    assert interview.child == child
    assert interview.held_by == "Mrs Evans (DSP), with Mr Rees"
    assert interview.not_appropriate_reason == ""
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement, held_by FROM incidents_interview")
        raw_statement, raw_held_by = cursor.fetchone()
    assert "Snapchat" not in raw_statement and "send me one" not in raw_statement
    assert raw_statement.startswith("gAAAAA")  # Fernet token
    assert "Evans" not in raw_held_by

    event = IncidentEvent.objects.get(incident=incident, kind="interview")
    assert event.params["child"] == "A" and event.params["interview"] == "held"
    assert "Snapchat" not in json.dumps(event.params)
    assert AuditEvent.objects.filter(
        action="create", object_id=str(incident.pk), detail__what="interview"
    ).exists()

    page = dsp.get(interview_url(incident, child)).content.decode()
    assert "Child&#39;s own words" in page or "Child's own words" in page
    assert "ymateb-childs-words" in page
    assert "send me one or I&#39;ll post the other one" in page
    assert "This record is locked" in page
    overview = dsp.get(f"/incidents/{incident.pk}/risk/").content.decode()
    assert "Done" in overview


def test_r080_not_appropriate_with_a_reason(
    sign_in: Any, incident: Incident, child: IncidentChild
) -> None:
    dsp = sign_in("dsp@example.org")
    response = dsp.post(
        interview_url(incident, child),
        {"conversation": "not_appropriate", "reason": "The police asked us not to talk to her."},
    )
    assert response.status_code == 302
    interview = Interview.objects.get()
    assert interview.statement == "" and interview.held_at is None
    assert interview.not_appropriate_reason == "The police asked us not to talk to her."
    assert IncidentEvent.objects.get(kind="interview").params["interview"] == "not_appropriate"
    overview = dsp.get(f"/incidents/{incident.pk}/risk/").content.decode()
    assert "Not appropriate" in overview
    assert "To do" in overview  # child B has no conversation yet


def test_r080_neither_statement_nor_reason_is_an_error(
    sign_in: Any, incident: Incident, child: IncidentChild
) -> None:
    assert_refused(
        sign_in("dsp@example.org"),
        interview_url(incident, child),
        Interview,
        "interview",
        (
            moment(),
            [
                "There is a problem",
                "Write down what the child said, or say why a conversation with them is not",
                'href="#id_conversation"',
            ],
        ),
        (
            {"conversation": "held"},
            [
                "Write down what the child said, in their own words",
                "Enter who held the conversation",
            ],
        ),
        ({"conversation": "not_appropriate"}, ["Say why a conversation is not appropriate"]),
    )


def test_conversation_in_the_future_or_before_the_concern_is_refused(
    sign_in: Any, incident: Incident, child: IncidentChild
) -> None:
    tomorrow = conversation_held("Words", at=timezone.now() + timedelta(days=1))
    earlier = conversation_held("Words", at=timezone.now() - timedelta(days=2))
    assert_refused(
        sign_in("dsp@example.org"),
        interview_url(incident, child),
        Interview,
        "interview",
        (tomorrow, ["The date must be today or in the past"]),
        (earlier, ["on or after the day the concern was reported"]),
    )


def test_r141_interview_page_shows_prompts_that_do_not_blame(
    sign_in: Any, incident: Incident, child: IncidentChild
) -> None:
    page = sign_in("dsp@example.org").get(interview_url(incident, child)).content.decode()
    for prompt in QUESTION_PROMPTS:
        assert str(escape(prompt.text)) in page
    assert "The child&#39;s own words" in page or "The child's own words" in page
    assert "Write exactly what the child said" in page


def test_r169_no_edit_url_for_a_saved_conversation(
    sign_in: Any, incident: Incident, child: IncidentChild
) -> None:
    """Locked once saved: a second save is another conversation, the first one stays."""
    dsp = sign_in("dsp@example.org")
    dsp.post(interview_url(incident, child), conversation_held(STATEMENT))
    dsp.post(interview_url(incident, child), conversation_held("Later words"))
    assert [i.statement for i in Interview.objects.order_by("created_at")] == [
        STATEMENT,
        "Later words",
    ]
    first = Interview.objects.order_by("created_at").first()
    assert first is not None
    assert dsp.get(f"{interview_url(incident, child)}{first.pk}/").status_code == 404


def test_child_of_another_incident_is_404(sign_in: Any, incident: Incident, demo: Any) -> None:
    other = IncidentFactory(
        setting=demo, reference="2026-900", came_to_light="other", children=["X"]
    )
    stranger = other.children.get()
    dsp = sign_in("dsp@example.org")
    assert dsp.get(interview_url(incident, stranger)).status_code == 404
    assert dsp.get(continuum_url(incident, stranger)).status_code == 404
    response = dsp.post(
        interview_url(incident, stranger), {"conversation": "not_appropriate", "reason": "x"}
    )
    assert response.status_code == 404
    assert Interview.objects.count() == 0


# --- Hackett's continuum: behaviour in this incident, with history ----------------------------


def test_r069_continuum_placement_from_indicators_with_history(
    sign_in: Any, incident: Incident, child: IncidentChild
) -> None:
    dsp = sign_in("dsp@example.org")
    page = dsp.get(continuum_url(incident, child)).content.decode()
    for level in ("Normal", "Inappropriate", "Problematic", "Abusive", "Violent"):
        assert level in page
    for indicator in INDICATORS.values():
        assert str(escape(indicator.label)) in page

    first = {"indicators": ["developmentally_expected", "consent_issues_unclear"], "note": "Age 12"}
    response = dsp.post(continuum_url(incident, child), first)
    assert response.status_code == 302
    second = {"indicators": ["victimising_intent_or_outcome", "misuse_of_power"]}
    assert dsp.post(continuum_url(incident, child), second).status_code == 302

    rows = list(ContinuumPlacement.objects.filter(child=child).order_by("created_at", "pk"))
    assert [r.level for r in rows] == ["problematic", "abusive"]
    assert rows[0].indicators == ["developmentally_expected", "consent_issues_unclear"]
    assert rows[0].typology_note == "Age 12"
    events = IncidentEvent.objects.filter(incident=incident, kind="continuum").order_by("at", "id")
    assert [e.params for e in events] == [
        {"child": "A", "level": "problematic"},
        {"child": "A", "level": "abusive"},
    ]
    assert (
        AuditEvent.objects.filter(
            action="create", object_id=str(incident.pk), detail__what="continuum"
        ).count()
        == 2
    )

    page = dsp.get(continuum_url(incident, child)).content.decode()
    assert "Behaviour in this incident" in page
    assert "Earlier places" in page
    assert page.index("Abusive") < page.index("Earlier places") < page.rindex("Problematic")
    assert "Victimising intent or outcome" in page
    overview = dsp.get(f"/incidents/{incident.pk}/risk/").content.decode()
    assert "Behaviour in this incident: Abusive" in overview
    assert "not the child" in overview


def test_r069_continuum_needs_at_least_one_indicator_and_known_codes(
    sign_in: Any, incident: Incident, child: IncidentChild
) -> None:
    assert_refused(
        sign_in("dsp@example.org"),
        continuum_url(incident, child),
        ContinuumPlacement,
        "continuum",
        (
            {},
            [
                "Tick at least one description of the behaviour in this incident",
                'href="#id_indicators_normal"',
            ],
        ),
        ({"indicators": ["made_up"]}, ["There is a problem"]),
    )


def test_r072_problematic_while_handling_in_setting_prompts_a_referral(
    sign_in: Any, incident: Incident, child: IncidentChild
) -> None:
    ReviewFactory(
        incident=incident,
        facts={**CASE_STUDY_A, "children": [{"ref": "A", "age": 16}, {"ref": "B", "age": 16}]},
        decision="handle_in_setting",
    )
    dsp = sign_in("dsp@example.org")
    dsp.post(continuum_url(incident, child), {"indicators": ["developmentally_unusual"]})
    page = dsp.get(continuum_url(incident, child)).content.decode()
    assert "Consider whether it should be referred" in page
    assert f"/incidents/{incident.pk}/referrals/new/" in page


def test_r072_problematic_with_facts_unknown_asks_for_answers(
    sign_in: Any, incident: Incident, child: IncidentChild
) -> None:
    """No review yet: every fact is unknown, so the continuum check asks for them."""
    dsp = sign_in("dsp@example.org")
    dsp.post(continuum_url(incident, child), {"indicators": ["compulsivity"]})
    page = dsp.get(continuum_url(incident, child)).content.decode()
    facts = services_risk.facts_for(incident)
    (check,) = continuum_checks("problematic", facts)
    assert str(escape(check.text)) in page


# --- the seven questions and the typology -------------------------------------------------


def test_r121_risk_assessment_saves_the_seven_answers(sign_in: Any, incident: Incident) -> None:
    dsp = sign_in("dsp@example.org")
    page = dsp.get(f"/incidents/{incident.pk}/risk-assessment/").content.decode()
    for q in RISK_ASSESSMENT_QUESTIONS:
        assert f'name="{q.code}"' in page
    first = RISK_ASSESSMENT_QUESTIONS[0]
    assert str(escape(first.question)) in page
    assert str(escape(first.prompts[0])) in page
    data = answers(why_shared='She said "he kept asking".\nShe felt under pressure.')
    response = dsp.post(f"/incidents/{incident.pk}/risk-assessment/", data)
    assert response.status_code == 302
    row = RiskAssessment.objects.get()
    stored = json.loads(row.answers)
    assert list(stored) == [q.code for q in RISK_ASSESSMENT_QUESTIONS]
    assert len(stored) == 7
    assert stored["why_shared"] == 'She said "he kept asking".\nShe felt under pressure.'
    assert stored["informing_parents"] == "Answer to informing_parents."
    with connection.cursor() as cursor:
        cursor.execute("SELECT answers FROM incidents_riskassessment")
        (raw,) = cursor.fetchone()
    assert "kept asking" not in raw
    event = IncidentEvent.objects.get(kind="risk_assessed")
    assert event.params["answered"] == 7
    assert AuditEvent.objects.filter(
        action="create", object_id=str(incident.pk), detail__what="risk_assessed"
    ).exists()


def test_r121_risk_assessment_keeps_earlier_versions(sign_in: Any, incident: Incident) -> None:
    dsp = sign_in("dsp@example.org")
    dsp.post(f"/incidents/{incident.pk}/risk-assessment/", answers(ages="Both 12."))
    dsp.post(f"/incidents/{incident.pk}/risk-assessment/", answers(ages="Both 12; B is 13 now."))
    assert RiskAssessment.objects.count() == 2
    page = dsp.get(f"/incidents/{incident.pk}/risk-assessment/").content.decode()
    assert "Versions" in page
    assert "Both 12." in page and "B is 13 now." in page
    assert page.count("by Dilys Davies") == 2  # each version dated and signed
    assert page.count("Latest: ") == 1


def test_risk_assessment_missing_answer_saves_nothing(sign_in: Any, incident: Incident) -> None:
    dsp = sign_in("dsp@example.org")
    page = dsp.post(
        f"/incidents/{incident.pk}/risk-assessment/", answers(vulnerability="")
    ).content.decode()
    assert "Answer question 6. If you do not know yet, write that down" in page
    assert 'href="#id_vulnerability"' in page
    assert RiskAssessment.objects.count() == 0
    assert not IncidentEvent.objects.filter(kind="risk_assessed").exists()


def test_r040_typology_from_the_latest_review_in_plain_words(
    sign_in: Any, incident: Incident
) -> None:
    dsp = sign_in("dsp@example.org")
    page = dsp.get(f"/incidents/{incident.pk}/risk-assessment/").content.decode()
    assert "No initial review has been recorded yet" in page
    ReviewFactory(incident=incident, facts=CASE_STUDY_B)
    page = dsp.get(f"/incidents/{incident.pk}/risk-assessment/").content.decode()
    explanation = RULES["typology.aggravated.adult.sexually_motivated"].explanation
    assert str(escape(explanation)) in page
    assert "Defining an incident" in page


# --- roles, audit, closed records, conflicts ---------------------------------------------


def test_leadership_reads_the_risk_pages_but_cannot_write(
    sign_in: Any, incident: Incident, child: IncidentChild
) -> None:
    head = sign_in("head@example.org")
    base = f"/incidents/{incident.pk}"
    for page_url in (
        f"{base}/risk/",
        f"{base}/risk-assessment/",
        interview_url(incident, child),
        continuum_url(incident, child),
    ):
        assert head.get(page_url).status_code == 200, page_url
    assert head.post(f"{base}/risk-assessment/", answers()).status_code == 403
    interview = {"conversation": "not_appropriate", "reason": "x"}
    assert head.post(interview_url(incident, child), interview).status_code == 403
    continuum = {"indicators": ["developmentally_expected"]}
    assert head.post(continuum_url(incident, child), continuum).status_code == 403
    assert RiskAssessment.objects.count() == 0
    assert Interview.objects.count() == 0
    assert ContinuumPlacement.objects.count() == 0


@pytest.mark.parametrize(
    "email", ["staff@example.org", "admin@example.org", "oversight@example.org"]
)
def test_others_get_404_on_the_risk_pages(
    sign_in: Any, incident: Incident, child: IncidentChild, email: str
) -> None:
    client = sign_in(email)
    assert client.get(f"/incidents/{incident.pk}/risk/").status_code == 404
    assert client.post(f"/incidents/{incident.pk}/risk-assessment/", answers()).status_code == 404
    assert client.get(interview_url(incident, child)).status_code == 404
    assert RiskAssessment.objects.count() == 0


def test_reading_the_risk_pages_is_audited(
    sign_in: Any, incident: Incident, child: IncidentChild
) -> None:
    dsp = sign_in("dsp@example.org")
    dsp.get(f"/incidents/{incident.pk}/risk/")
    dsp.get(f"/incidents/{incident.pk}/risk-assessment/")
    dsp.get(interview_url(incident, child))
    dsp.get(continuum_url(incident, child))
    whats = set(
        AuditEvent.objects.filter(action="view", object_id=str(incident.pk)).values_list(
            "detail__what", flat=True
        )
    )
    assert {"risk", "risk_assessment", "interview", "continuum"} <= whats


def test_closed_incident_refuses_risk_writes(
    sign_in: Any, incident: Incident, child: IncidentChild
) -> None:
    Incident.objects.filter(pk=incident.pk).update(state="closed")
    dsp = sign_in("dsp@example.org")
    page = dsp.get(interview_url(incident, child)).content.decode()
    assert "This incident is closed" in page and 'name="statement"' not in page
    responses = [
        dsp.post(f"/incidents/{incident.pk}/risk-assessment/", answers()),
        dsp.post(interview_url(incident, child), conversation_held("Words")),
        dsp.post(continuum_url(incident, child), {"indicators": ["developmentally_expected"]}),
    ]
    assert [r.status_code for r in responses] == [400, 400, 400]
    assert RiskAssessment.objects.count() == 0
    assert Interview.objects.count() == 0
    assert ContinuumPlacement.objects.count() == 0


def test_conflict_on_the_risk_assessment(sign_in: Any, incident: Incident) -> None:
    dsp = sign_in("dsp@example.org")
    version = Incident.objects.get(pk=incident.pk).version
    changes.incident_transition(
        by=User.objects.get(email="deputy@example.org"),
        incident_id=incident.pk,
        transition="start_review",
    )
    response = dsp.post(
        f"/incidents/{incident.pk}/risk-assessment/", {**answers(), "version": str(version)}
    )
    assert response.status_code == 409
    assert "Someone else changed this incident" in response.content.decode()
    assert RiskAssessment.objects.count() == 0


def test_pages_speak_welsh(sign_in: Any, incident: Incident, child: IncidentChild) -> None:
    """The guidance content comes in Welsh when the person has chosen Welsh."""
    ReviewFactory(incident=incident, facts=CASE_STUDY_B)
    dsp = sign_in("dsp@example.org")
    dsp.cookies["django_language"] = "cy"
    base = f"/incidents/{incident.pk}"
    page = dsp.get(f"{base}/risk-assessment/").content.decode()
    assert str(escape(RISK_ASSESSMENT_QUESTIONS[0].question_cy)) in page
    typology = RULES["typology.aggravated.adult.sexually_motivated"].explanation_cy
    assert str(escape(typology)) in page
    page = dsp.get(interview_url(incident, child)).content.decode()
    assert str(escape(QUESTION_PROMPTS[0].text_cy)) in page
    page = dsp.get(continuum_url(incident, child)).content.decode()
    assert str(escape(CONTINUUM_LEVELS[2].label_cy)) in page
    assert str(escape(INDICATORS["developmentally_expected"].label_cy)) in page
    for path in (f"{base}/risk/", f"{base}/referrals/", f"{base}/referrals/new/"):
        assert dsp.get(path).status_code == 200, path
