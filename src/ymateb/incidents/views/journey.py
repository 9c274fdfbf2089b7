"""Pages of the incident journey: the hub's moves, chronology, closure, addenda."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ymateb.incidents import services, workflow
from ymateb.incidents.forms_journey import AddendumForm, CloseForm, ReviewDateForm
from ymateb.incidents.models import Addendum, IncidentEvent
from ymateb.records import access
from ymateb.records.access import Permission

WHY = {
    "not_from_this_state": gettext_lazy("That step is not possible at this stage of the incident."),
    "role_not_allowed": gettext_lazy("Your role cannot take that step."),
    "reason_required": gettext_lazy("Give a reason for that step."),
    "decision_recorded": gettext_lazy(
        "A decision has been recorded at the initial review, so this incident can no longer "
        "be closed as outside this guidance. It closes after a referral or after leadership "
        "signs off the decision."
    ),
    "facts_unknown": gettext_lazy("That step is not possible."),
}


def transition_problem(exc: workflow.IllegalTransition) -> str:
    return str(WHY.get(exc.why, _("That step is not possible.")))


def conflict_context(exc: services.IncidentConflict) -> dict[str, Any]:
    return {"conflict": exc.since, "conflict_version": exc.incident.version}


def _can_change(request: HttpRequest, incident: Any) -> None:
    if not access.has_permission(request.user, Permission.CHANGE_INCIDENT, incident.setting_id):
        raise PermissionDenied


@login_required
@require_GET
def chronology(request: HttpRequest, incident_id: str) -> HttpResponse:
    incident = services.view_incident(
        user=request.user, incident_id=incident_id, request=request, what="chronology"
    )
    events = list(incident.events.select_related("actor"))
    addenda = list(incident.addenda.select_related("created_by"))
    return render(
        request,
        "incidents/journey_chronology.html",
        {"incident": incident, "events": events, "addenda": addenda},
    )


@login_required
@require_http_methods(["GET", "POST"])
def close(request: HttpRequest, incident_id: str) -> HttpResponse:
    incident = services.view_incident(
        user=request.user, incident_id=incident_id, request=request, what="close"
    )
    _can_change(request, incident)
    form = CloseForm(request.POST or None, initial={"version": incident.version})
    facts = services.transition_facts(incident)
    steps = workflow.available(
        incident.state, services.roles_in_setting(request.user, incident.setting_id), facts
    )
    context: dict[str, Any] = {
        "incident": incident,
        "form": form,
        "problem": None,
        # The page offers only the ways of closing the workflow allows here and now.
        "can_close": workflow.Transition.CLOSE in steps,
        "can_close_out_of_scope": workflow.Transition.CLOSE_OUT_OF_SCOPE in steps,
        "decision_recorded": workflow.Fact.DECISION_RECORDED in facts,
    }
    if request.method == "POST" and form.is_valid():
        transition = (
            workflow.Transition.CLOSE_OUT_OF_SCOPE
            if form.cleaned_data["out_of_scope"]
            else workflow.Transition.CLOSE
        )
        try:
            with transaction.atomic():
                services.incident_transition(
                    user=request.user,
                    incident_id=incident.pk,
                    transition=transition,
                    reason=form.cleaned_data["outcome_summary"],
                    request=request,
                    expected_version=form.cleaned_data["version"],
                )
                incident.refresh_from_db()
                incident.outcome_summary = form.cleaned_data["outcome_summary"]
                incident.save(update_fields=["outcome_summary"])
            return redirect("incidents:detail", incident_id=incident.pk)
        except workflow.IllegalTransition as exc:
            context["problem"] = transition_problem(exc)
        except services.IncidentConflict as exc:
            context.update(conflict_context(exc))
        except services.IncidentClosed:
            context["problem"] = _("This incident is already closed.")
    status = 409 if context.get("conflict") else (400 if context["problem"] else 200)
    return render(request, "incidents/journey_close.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def addendum(request: HttpRequest, incident_id: str) -> HttpResponse:
    incident = services.view_incident(
        user=request.user, incident_id=incident_id, request=request, what="addendum"
    )
    _can_change(request, incident)
    form = AddendumForm(request.POST or None, initial={"version": incident.version})
    context: dict[str, Any] = {"incident": incident, "form": form}
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                locked = services.incident_for_change(
                    user=request.user,
                    incident_id=incident.pk,
                    expected_version=form.cleaned_data["version"],
                    allow_closed=True,
                )
                Addendum.objects.create(
                    incident=locked,
                    text=form.cleaned_data["text"],
                    created_by=request.user,  # type: ignore[misc]
                )
                services.record_change(
                    incident=locked,
                    user=request.user,
                    kind=IncidentEvent.Kind.ADDENDUM,
                    request=request,
                )
            return redirect("incidents:chronology", incident_id=incident.pk)
        except services.IncidentConflict as exc:
            context.update(conflict_context(exc))
            return render(request, "incidents/journey_addendum.html", context, status=409)
    return render(request, "incidents/journey_addendum.html", context)


@login_required
@require_POST
def review_date(request: HttpRequest, incident_id: str) -> HttpResponse:
    incident = services.view_incident(
        user=request.user, incident_id=incident_id, request=request, what="review_date"
    )
    _can_change(request, incident)
    form = ReviewDateForm(request.POST)
    if form.is_valid():
        try:
            with transaction.atomic():
                locked = services.incident_for_change(
                    user=request.user,
                    incident_id=incident.pk,
                    expected_version=form.cleaned_data["version"],
                )
                locked.next_review_on = form.cleaned_data["review_date"]
                locked.save(update_fields=["next_review_on"])
                services.record_change(
                    incident=locked,
                    user=request.user,
                    kind=IncidentEvent.Kind.ACTION_UPDATED,
                    request=request,
                    params={"what": "review_date"},
                )
            return redirect("incidents:detail", incident_id=incident.pk)
        except services.IncidentConflict as exc:
            from ymateb.incidents.views.concern import hub_context

            context = hub_context(request, incident) | conflict_context(exc)
            return render(request, "incidents/detail.html", context, status=409)
        except services.IncidentClosed:
            pass
    from ymateb.incidents.views.concern import hub_context

    context = hub_context(request, incident) | {"review_form": form}
    return render(request, "incidents/detail.html", context, status=400)


@login_required
@require_POST
def acknowledge(request: HttpRequest, incident_id: str) -> HttpResponse:
    from ymateb.incidents.alerts import acknowledge as acknowledge_alerts

    acknowledge_alerts(user=request.user, incident_id=incident_id, request=request)
    return redirect("incidents:detail", incident_id=incident_id)


urlpatterns: list[URLPattern] = [
    path("incidents/<uuid:incident_id>/acknowledge/", acknowledge, name="acknowledge"),
    path("incidents/<uuid:incident_id>/chronology/", chronology, name="chronology"),
    path("incidents/<uuid:incident_id>/close/", close, name="close"),
    path("incidents/<uuid:incident_id>/addenda/new/", addendum, name="addendum"),
    path("incidents/<uuid:incident_id>/review-date/", review_date, name="review_date"),
]
