"""The initial review meeting: the DSP's answers, the decision engine's recommendation beside
them, and the DSP's decision ("Initial review meeting", "Assessing adult-involved incidents")."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from ymateb import rules
from ymateb.accounts.requests import SignedInRequest
from ymateb.incidents import changes, pages, workflow
from ymateb.incidents.decision import services as decision
from ymateb.incidents.engine_record import engine_output_of, latest_review
from ymateb.incidents.models import Incident, Review
from ymateb.incidents.review import recommendation as shown
from ymateb.incidents.review import services as sr
from ymateb.incidents.review.forms import QUESTION_FACTS, ReviewForm, initial_from
from ymateb.rules.facts import AGGRAVATING_FACTS, SHARING_FACTS
from ymateb.ui.language import is_welsh


def _questions(welsh: bool) -> list[dict[str, Any]]:
    return [
        {
            "code": q.code,
            "text": q.question_cy if welsh else q.question,
            "prompts": list(q.prompts_cy if welsh else q.prompts),
            "section": q.section,
            "facts": QUESTION_FACTS.get(q.code, ()),
        }
        for q in rules.IMMEDIATE_REFERRAL_QUESTIONS
    ]


def _sign_groups(form: ReviewForm, welsh: bool) -> list[dict[str, Any]]:
    value = form["adult_signs"].value() or []
    chosen = {str(v) for v in value} if isinstance(value, list | tuple) else {str(value)}
    groups: list[tuple[str, tuple[str, ...]]] = [
        (
            _("Signs seen in both kinds of incident"),
            ("sexually_motivated", "financially_motivated"),
        ),
        (_("Signs of a sexually motivated incident"), ("sexually_motivated",)),
        (_("Signs of a financially motivated incident (‘sextortion’)"), ("financially_motivated",)),
    ]
    return [
        {
            "title": title,
            "items": [
                {
                    "value": s.code,
                    "text": s.label_cy if welsh else s.label,
                    "checked": s.code in chosen,
                }
                for s in rules.ADULT_SIGNS
                if tuple(s.kinds) == kinds
            ],
        }
        for title, kinds in groups
    ]


def form_context(
    request: SignedInRequest, incident: Incident, form: ReviewForm, **extra: Any
) -> dict[str, Any]:
    welsh = is_welsh()
    _facts, output = form.engine()
    latest = latest_review(incident)
    return {
        "incident": incident,
        "form": form,
        "dates": form.data if form.is_bound else form.initial,
        "questions": _questions(welsh),
        "sign_groups": _sign_groups(form, welsh),
        "sharing_facts": SHARING_FACTS,
        "aggravating_facts": AGGRAVATING_FACTS,
        "rec": shown.recommendation(output, form.children),
        "latest": latest,
        "checked": True,
        **extra,
    }


def summary_context(request: SignedInRequest, incident: Incident, **extra: Any) -> dict[str, Any]:
    review = latest_review(incident)
    children = list(incident.children.all())
    rec = shown.recommendation(engine_output_of(review), children) if review else None
    return {
        "incident": incident,
        "review": review,
        "rec": rec,
        "children": children,
        "sign_offs": list(decision.sign_offs_of(incident)),
        "can_change": pages.can_change(request.user, incident),
        "can_sign": decision.can_sign_off(request.user, incident),
        **extra,
    }


def _next_after_referral(incident: Incident) -> str:
    try:
        return reverse("incidents:referral_new", kwargs={"incident_id": incident.pk})
    except NoReverseMatch:
        return reverse("incidents:detail", kwargs={"incident_id": incident.pk})


@pages.incident_page("start_review", methods=("POST",))
def start_review(request: SignedInRequest, incident: Incident) -> HttpResponse:
    """ "Start initial review": reported → initial review."""
    if not pages.can_change(request.user, incident):
        raise PermissionDenied
    try:
        sr.review_start(
            by=request.user, incident_id=incident.pk, request=request, expected_version=None
        )
    except workflow.IllegalTransition as exc:
        if exc.why == "role_not_allowed":
            raise PermissionDenied from exc
        # Already started (a second click, or a colleague): carry on to the review.
    except changes.IncidentClosed:
        context = summary_context(request, incident, problem=str(pages.CLOSED))
        return render(request, "incidents/review/summary.html", context, status=400)
    return redirect("incidents:review", incident_id=incident.pk)


@pages.incident_page("review", methods=("GET", "POST"))
def review(request: SignedInRequest, incident: Incident) -> HttpResponse:
    """The initial review meeting: answers, the engine's recommendation, the decision."""
    if not pages.can_change(request.user, incident):
        if request.method == "POST":
            raise PermissionDenied
        return render(request, "incidents/review/summary.html", summary_context(request, incident))
    if incident.state == workflow.State.CLOSED:
        status = 400 if request.method == "POST" else 200
        context = summary_context(request, incident, problem=str(pages.CLOSED))
        return render(request, "incidents/review/summary.html", context, status=status)
    if incident.state == workflow.State.REPORTED:
        status = 400 if request.method == "POST" else 200
        problem = _("Start the initial review before recording it.") if status == 400 else None
        return render(
            request,
            "incidents/review/start.html",
            {"incident": incident, "problem": problem},
            status=status,
        )
    children = list(incident.children.all())
    if request.method == "GET":
        initial = initial_from(latest_review(incident), children)
        initial["version"] = incident.version
        form = ReviewForm(initial=initial, children=children)
        return render(request, "incidents/review/form.html", form_context(request, incident, form))

    if "check" in request.POST:
        # "Check recommendation" without JavaScript: the same answer as the live panel.
        form = ReviewForm(request.POST, children=children, check_only=True)
        form.is_valid()
        context = form_context(request, incident, form, checked=False, checked_only=True)
        return render(request, "incidents/review/form.html", context)

    form = ReviewForm(request.POST, children=children)
    if not form.is_valid():
        return render(request, "incidents/review/form.html", form_context(request, incident, form))
    result = pages.attempt(
        lambda: sr.review_save(
            **pages.change_of(request, incident, form.cleaned_data), data=form.review_input()
        )
    )
    if result.closed:
        context = summary_context(request, incident, problem=result.problem)
        return render(request, "incidents/review/summary.html", context, status=400)
    if not result.ok or result.value is None:
        if result.problem:
            form.add_error(None, result.problem)
        checked = {"checked": False} if result.conflict else {}
        context = form_context(request, incident, form, **result.context, **checked)
        context.pop("problem", None)
        return render(request, "incidents/review/form.html", context, status=result.status)
    saved, incident = result.value
    if saved.decision == Review.Decision.REFER:
        return redirect(_next_after_referral(incident))
    return redirect("incidents:review", incident_id=incident.pk)


@pages.incident_page("review_recommendation", methods=("POST",))
def review_recommendation(request: SignedInRequest, incident: Incident) -> HttpResponse:
    """The recommendation panel alone, for the live update (HTMX). Saves nothing; the read
    is audited like any other view of the incident."""
    if not pages.can_change(request.user, incident):
        raise PermissionDenied
    children = list(incident.children.all())
    form = ReviewForm(request.POST, children=children, check_only=True)
    _facts, output = form.engine()
    return render(
        request,
        "incidents/review/panel.html",
        {"rec": shown.recommendation(output, children), "incident": incident},
    )
