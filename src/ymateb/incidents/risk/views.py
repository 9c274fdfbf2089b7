"""The risk step ("Assessing the risks", "Defining an
incident", "Assessing behaviour in youth-only incidents"). Views validate with a form, call a
service and redirect; every page that shows the incident is an audited read."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from ymateb.accounts.requests import SignedInRequest
from ymateb.incidents import pages
from ymateb.incidents.models import Incident
from ymateb.incidents.risk import services as services_risk
from ymateb.incidents.risk.forms import ContinuumForm, InterviewForm, RiskAssessmentForm
from ymateb.rules import (
    CONTINUUM_LEVELS,
    INDICATORS,
    QUESTION_PROMPTS,
    RISK_ASSESSMENT_QUESTIONS,
    indicators_for,
    place_on_continuum,
)
from ymateb.ui.language import in_language, is_welsh

ASSESSMENT_PAGE = pages.FormPage("incidents/risk/assessment.html", done="incidents:risk")
INTERVIEW_PAGE = pages.FormPage("incidents/risk/interview.html", done="incidents:risk")


def _base_context(request: SignedInRequest, incident: Incident) -> dict[str, Any]:
    return {
        "incident": incident,
        "can_change": pages.can_change(request.user, incident),
        "problem": str(pages.CLOSED) if incident.state == "closed" else None,
    }


@pages.incident_page("risk")
def risk_overview(request: SignedInRequest, incident: Incident) -> HttpResponse:
    context = _base_context(request, incident)
    context.update(
        {
            "children": services_risk.children_risk(incident),
            "assessment": incident.risk_assessments.select_related("created_by")
            .order_by("-created_at", "-pk")
            .first(),
            "typology": services_risk.typology_for(incident),
            "level_label": services_risk.level_label,
        }
    )
    return render(request, "incidents/risk/overview.html", context)


def _questions(form: RiskAssessmentForm) -> list[dict[str, Any]]:
    welsh = is_welsh()
    return [
        {
            "number": number,
            "code": q.code,
            "text": q.question_cy if welsh else q.question,
            "prompts": list(q.prompts_cy if welsh else q.prompts),
            "section": q.section,
        }
        for number, q in enumerate(RISK_ASSESSMENT_QUESTIONS, start=1)
    ]


@pages.incident_page("risk_assessment", change="post", methods=("GET", "POST"))
def risk_assessment(request: SignedInRequest, incident: Incident) -> HttpResponse:
    versions = list(
        incident.risk_assessments.select_related("created_by").order_by("-created_at", "-pk")
    )
    latest = services_risk.answers_of(versions[0] if versions else None)
    form = RiskAssessmentForm(
        pages.posted(request),
        initial={"version": incident.version, **latest},
    )
    questions = {q.code: q for q in RISK_ASSESSMENT_QUESTIONS}
    context = _base_context(request, incident) | {
        "questions": _questions(form),
        "typology": services_risk.typology_for(incident),
        "versions": [
            {
                "row": v,
                "answers": [
                    (in_language(questions[code].question, questions[code].question_cy), text)
                    for code, text in services_risk.answers_of(v).items()
                    if code in questions
                ],
            }
            for v in versions
        ],
    }
    return ASSESSMENT_PAGE.show(
        request,
        incident,
        form,
        lambda data: services_risk.risk_assessment_record(
            **pages.change_of(request, incident, data), answers=form.answers()
        ),
        context,
    )


def _interview_choice(form: InterviewForm) -> str:
    """The radio to show as chosen: what was ticked, or what the typed text implies."""
    cleaned = getattr(form, "cleaned_data", None) or {}
    return str(cleaned.get("conversation") or form["conversation"].value() or "")


def _prompts() -> list[str]:
    welsh = is_welsh()
    return [p.text_cy if welsh else p.text for p in QUESTION_PROMPTS]


@pages.incident_page("interview", change="post", methods=("GET", "POST"))
def interview_new(request: SignedInRequest, incident: Incident, child_id: str) -> HttpResponse:
    child = services_risk.child_of(incident, child_id)
    form = InterviewForm(
        pages.posted(request),
        reported_on=timezone.localdate(incident.reported_at),
        initial={"version": incident.version},
    )

    def save(data: dict[str, Any]) -> Any:
        return services_risk.interview_record(
            **pages.change_of(request, incident, data),
            child_id=child.pk,
            held_at=data.get("held_at"),
            held_by=data.get("held_by", ""),
            statement=data.get("statement", ""),
            not_appropriate_reason=data.get("reason", ""),
        )

    return INTERVIEW_PAGE.show(
        request,
        incident,
        form,
        save,
        lambda: (
            _base_context(request, incident)
            | {
                "child": child,
                "interviews": list(child.interviews.select_related("created_by")),
                "prompts": _prompts(),
                "choice": _interview_choice(form),
            }
        ),
    )


def _level_groups(form: ContinuumForm) -> list[dict[str, Any]]:
    welsh = is_welsh()
    value = form["indicators"].value() or []
    ticked = {str(v) for v in value} if isinstance(value, list | tuple) else {str(value)}
    return [
        {
            "code": level.code,
            "label": level.label_cy if welsh else level.label,
            "items": [
                {
                    "value": i.code,
                    "text": i.label_cy if welsh else i.label,
                    "checked": i.code in ticked,
                }
                for i in indicators_for(level.code)
            ],
        }
        for level in CONTINUUM_LEVELS
    ]


@pages.incident_page("continuum", change="post", methods=("GET", "POST"))
def continuum(request: SignedInRequest, incident: Incident, child_id: str) -> HttpResponse:
    child = services_risk.child_of(incident, child_id)
    history = list(
        child.continuum_placements.select_related("created_by").order_by("-created_at", "-pk")
    )
    latest = history[0] if history else None
    form = ContinuumForm(
        pages.posted(request),
        initial={
            "version": incident.version,
            "indicators": list(latest.indicators) if latest else [],
        },
    )
    welsh = is_welsh()
    context = _base_context(request, incident) | (
        {
            "child": child,
            "groups": _level_groups(form),
            "history": [
                {
                    "row": p,
                    "label": services_risk.level_label(p.level),
                    "placed_by": [
                        (INDICATORS[c].label_cy if welsh else INDICATORS[c].label)
                        for c in place_on_continuum(
                            [c for c in p.indicators if c in INDICATORS]
                        ).indicators
                    ],
                }
                for p in history
            ],
            "checks": services_risk.checks_for(incident, latest.level) if latest else [],
        }
    )
    return pages.FormPage(
        "incidents/risk/continuum.html",
        done=lambda _saved: redirect(
            "incidents:continuum", incident_id=incident.pk, child_id=child.pk
        ),
    ).show(
        request,
        incident,
        form,
        lambda data: services_risk.continuum_record(
            **pages.change_of(request, incident, data),
            child_id=child.pk,
            indicators=data["indicators"],
            note=data["note"],
        ),
        context,
    )
