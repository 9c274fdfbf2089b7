"""Pages of the incident journey: the initial review meeting, the decision, and leadership
sign-off ("Initial review meeting", "Assessing adult-involved incidents", "Recording
incidents")."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, URLPattern, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from ymateb import rules
from ymateb.incidents import services, workflow
from ymateb.incidents import services_review as sr
from ymateb.incidents.forms_review import (
    AGGRAVATING_FACTS,
    QUESTION_FACTS,
    SHARING_FACTS,
    ReviewForm,
    SignOffForm,
    VersionForm,
    initial_from,
)
from ymateb.incidents.models import Incident, Review
from ymateb.records import access
from ymateb.records.access import Permission

WHY = {
    "not_from_this_state": gettext_lazy("That step is not possible at this stage of the incident."),
    "role_not_allowed": gettext_lazy("Your role cannot take that step."),
    "reason_required": gettext_lazy("Give a reason for that step."),
}
CLOSED = gettext_lazy(
    "This incident is closed and its record is read-only. Add later facts as an addendum."
)


def _problem(exc: workflow.IllegalTransition) -> str:
    return str(WHY.get(exc.why, _("That step is not possible.")))


def _welsh() -> bool:
    from django.utils.translation import get_language

    return (get_language() or "en").lower().startswith("cy")


def _can_change(user: Any, incident: Incident) -> bool:
    return access.has_permission(user, Permission.CHANGE_INCIDENT, incident.setting_id)


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


def _form_context(
    request: HttpRequest, incident: Incident, form: ReviewForm, **extra: Any
) -> dict[str, Any]:
    welsh = _welsh()
    _facts, output = form.engine()
    latest = sr.latest_review(incident)
    return {
        "incident": incident,
        "form": form,
        "dates": form.data if form.is_bound else form.initial,
        "questions": _questions(welsh),
        "sign_groups": _sign_groups(form, welsh),
        "sharing_facts": SHARING_FACTS,
        "aggravating_facts": AGGRAVATING_FACTS,
        "rec": sr.recommendation(output, form.children),
        "latest": latest,
        "checked": True,
        **extra,
    }


def _summary_context(request: HttpRequest, incident: Incident, **extra: Any) -> dict[str, Any]:
    review = sr.latest_review(incident)
    children = list(incident.children.all())
    rec = sr.recommendation(sr.engine_output_of(review), children) if review else None
    return {
        "incident": incident,
        "review": review,
        "rec": rec,
        "children": children,
        "sign_offs": list(sr.sign_offs_of(incident)),
        "can_change": _can_change(request.user, incident),
        "can_sign": sr.can_sign_off(request.user, incident),
        **extra,
    }


def _next_after_referral(incident: Incident) -> str:
    try:
        return reverse("incidents:referral_new", kwargs={"incident_id": incident.pk})
    except NoReverseMatch:
        return reverse("incidents:detail", kwargs={"incident_id": incident.pk})


@login_required
@require_POST
def start_review(request: HttpRequest, incident_id: str) -> HttpResponse:
    """ "Start initial review": reported → initial review."""
    incident = services.view_incident(
        user=request.user, incident_id=incident_id, request=request, what="start_review"
    )
    if not _can_change(request.user, incident):
        raise PermissionDenied
    try:
        sr.review_start(
            user=request.user, incident_id=incident.pk, request=request, expected_version=None
        )
    except workflow.IllegalTransition as exc:
        if exc.why == "role_not_allowed":
            raise PermissionDenied from exc
        # Already started (a second click, or a colleague): carry on to the review.
    except services.IncidentClosed:
        context = _summary_context(request, incident, problem=str(CLOSED))
        return render(request, "incidents/review_summary.html", context, status=400)
    return redirect("incidents:review", incident_id=incident.pk)


@login_required
@require_http_methods(["GET", "POST"])
def review(request: HttpRequest, incident_id: str) -> HttpResponse:
    """The initial review meeting: answers, the engine's recommendation, the decision."""
    incident = services.view_incident(
        user=request.user, incident_id=incident_id, request=request, what="review"
    )
    if not _can_change(request.user, incident):
        if request.method == "POST":
            raise PermissionDenied
        return render(request, "incidents/review_summary.html", _summary_context(request, incident))
    if incident.state == workflow.State.CLOSED:
        status = 400 if request.method == "POST" else 200
        context = _summary_context(request, incident, problem=str(CLOSED))
        return render(request, "incidents/review_summary.html", context, status=status)
    if incident.state == workflow.State.REPORTED:
        status = 400 if request.method == "POST" else 200
        problem = _("Start the initial review before recording it.") if status == 400 else None
        return render(
            request,
            "incidents/review_start.html",
            {"incident": incident, "problem": problem},
            status=status,
        )
    children = list(incident.children.all())
    if request.method == "GET":
        initial = initial_from(sr.latest_review(incident), children)
        initial["version"] = incident.version
        form = ReviewForm(initial=initial, children=children)
        return render(request, "incidents/review_form.html", _form_context(request, incident, form))

    if "check" in request.POST:
        # "Check recommendation" without JavaScript: the same answer as the live panel.
        form = ReviewForm(request.POST, children=children, check_only=True)
        form.is_valid()
        context = _form_context(request, incident, form, checked=False, checked_only=True)
        return render(request, "incidents/review_form.html", context)

    form = ReviewForm(request.POST, children=children)
    if not form.is_valid():
        return render(request, "incidents/review_form.html", _form_context(request, incident, form))
    try:
        saved, incident = sr.review_save(
            user=request.user,
            incident_id=incident.pk,
            data=form.review_input(),
            expected_version=form.cleaned_data.get("version"),
            request=request,
        )
    except sr.ReviewRefused as exc:
        form.add_error(None, exc.message)
        context = _form_context(request, incident, form)
        return render(request, "incidents/review_form.html", context, status=400)
    except workflow.IllegalTransition as exc:
        form.add_error(None, _problem(exc))
        context = _form_context(request, incident, form)
        return render(request, "incidents/review_form.html", context, status=400)
    except services.IncidentConflict as exc:
        context = _form_context(
            request,
            incident,
            form,
            conflict=exc.since,
            conflict_version=exc.incident.version,
            checked=False,
        )
        return render(request, "incidents/review_form.html", context, status=409)
    except services.IncidentClosed:
        context = _summary_context(request, incident, problem=str(CLOSED))
        return render(request, "incidents/review_summary.html", context, status=400)
    if saved.decision == Review.Decision.REFER:
        return redirect(_next_after_referral(incident))
    return redirect("incidents:review", incident_id=incident.pk)


@login_required
@require_POST
def review_recommendation(request: HttpRequest, incident_id: str) -> HttpResponse:
    """The recommendation panel alone, for the live update (HTMX). Saves nothing; the read
    is audited like any other view of the incident."""
    incident = services.view_incident(
        user=request.user, incident_id=incident_id, request=request, what="review_recommendation"
    )
    if not _can_change(request.user, incident):
        raise PermissionDenied
    children = list(incident.children.all())
    form = ReviewForm(request.POST, children=children, check_only=True)
    _facts, output = form.engine()
    return render(
        request,
        "incidents/review_panel.html",
        {"rec": sr.recommendation(output, children), "incident": incident},
    )


@login_required
@require_POST
def send_for_sign_off(request: HttpRequest, incident_id: str) -> HttpResponse:
    """ "Send for sign-off": a decision not to refer goes to leadership (Recording incidents)."""
    incident = services.view_incident(
        user=request.user, incident_id=incident_id, request=request, what="send_for_sign_off"
    )
    if not _can_change(request.user, incident):
        raise PermissionDenied
    version_form = VersionForm(request.POST)
    version = version_form.cleaned_data.get("version") if version_form.is_valid() else None
    problem: str | None = None
    conflict: Any = None
    try:
        sr.review_send_for_sign_off(
            user=request.user, incident_id=incident.pk, expected_version=version, request=request
        )
        return redirect("incidents:detail", incident_id=incident.pk)
    except sr.ReviewRefused as exc:
        problem = exc.message
    except workflow.IllegalTransition as exc:
        problem = _problem(exc)
    except services.IncidentConflict as exc:
        conflict = exc.since
    except services.IncidentClosed:
        problem = str(CLOSED)
    incident.refresh_from_db()
    if incident.state in (workflow.State.CLOSED, workflow.State.REPORTED):
        context = _summary_context(request, incident, problem=problem, conflict=conflict)
        return render(request, "incidents/review_summary.html", context, status=400)
    children = list(incident.children.all())
    initial = initial_from(sr.latest_review(incident), children)
    initial["version"] = incident.version
    form = ReviewForm(initial=initial, children=children)
    context = _form_context(request, incident, form, problem=problem, conflict=conflict)
    return render(request, "incidents/review_form.html", context, status=409 if conflict else 400)


@login_required
@require_http_methods(["GET", "POST"])
def sign_off(request: HttpRequest, incident_id: str) -> HttpResponse:
    """Leadership signs off a decision not to refer, or returns it to the DSP."""
    incident = services.view_incident(
        user=request.user, incident_id=incident_id, request=request, what="sign_off"
    )
    review_row = sr.latest_review(incident)
    same_person = review_row is not None and review_row.created_by_id == request.user.pk
    if request.method == "GET":
        form = SignOffForm(initial={"version": incident.version})
        context = _summary_context(request, incident, form=form, same_person=same_person)
        return render(request, "incidents/review_sign_off.html", context)
    if not sr.can_sign_off(request.user, incident):
        raise PermissionDenied
    form = SignOffForm(request.POST)
    context = _summary_context(request, incident, form=form, same_person=same_person)
    if not form.is_valid():
        return render(request, "incidents/review_sign_off.html", context)
    version = form.cleaned_data.get("version")
    try:
        if form.cleaned_data["action"] == "sign_off":
            sr.decision_sign_off(
                user=request.user,
                incident_id=incident.pk,
                expected_version=version,
                note=form.cleaned_data.get("note") or "",
                request=request,
            )
        else:
            sr.decision_return(
                user=request.user,
                incident_id=incident.pk,
                expected_version=version,
                reason=form.cleaned_data["return_reason"],
                request=request,
            )
    except sr.ReviewRefused as exc:
        context["problem"] = exc.message
    except workflow.IllegalTransition as exc:
        if exc.why == "role_not_allowed":
            raise PermissionDenied from exc
        context["problem"] = (
            _("There is no decision waiting for sign-off.")
            if exc.why == "not_from_this_state"
            else _problem(exc)
        )
    except services.IncidentConflict as exc:
        context.update({"conflict": exc.since, "conflict_version": exc.incident.version})
        return render(request, "incidents/review_sign_off.html", context, status=409)
    except services.IncidentClosed:
        context["problem"] = str(CLOSED)
    else:
        return redirect("incidents:detail", incident_id=incident.pk)
    return render(request, "incidents/review_sign_off.html", context, status=400)


urlpatterns: list[URLPattern] = [
    path("incidents/<uuid:incident_id>/review/start/", start_review, name="start_review"),
    path("incidents/<uuid:incident_id>/review/", review, name="review"),
    path(
        "incidents/<uuid:incident_id>/review/recommendation/",
        review_recommendation,
        name="review_recommendation",
    ),
    path(
        "incidents/<uuid:incident_id>/review/send-for-sign-off/",
        send_for_sign_off,
        name="send_for_sign_off",
    ),
    path("incidents/<uuid:incident_id>/sign-off/", sign_off, name="sign_off"),
]
