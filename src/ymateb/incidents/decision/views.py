"""Sending a decision not to refer for sign-off, and leadership signing it off or returning it
to the DSP ("Recording incidents")."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy

from ymateb.accounts.requests import SignedInRequest
from ymateb.incidents import pages, workflow
from ymateb.incidents.decision import services
from ymateb.incidents.decision.forms import SignOffForm
from ymateb.incidents.engine_record import latest_review
from ymateb.incidents.models import Incident
from ymateb.incidents.review.forms import ReviewForm, initial_from
from ymateb.incidents.review.views import form_context, summary_context

SIGN_OFF_PAGE = pages.FormPage(
    "incidents/decision/sign_off.html",
    done="incidents:detail",
    words={"not_from_this_state": gettext_lazy("There is no decision waiting for sign-off.")},
)


@pages.incident_page("send_for_sign_off", change="always", methods=("POST",))
def send_for_sign_off(request: SignedInRequest, incident: Incident) -> HttpResponse:
    """ "Send for sign-off": a decision not to refer goes to leadership (Recording incidents)."""
    version_form = pages.VersionedForm(request.POST)
    version = version_form.cleaned_data.get("version") if version_form.is_valid() else None
    result = pages.attempt(
        lambda: services.review_send_for_sign_off(
            by=request.user, incident_id=incident.pk, expected_version=version, request=request
        )
    )
    if result.ok:
        return redirect("incidents:detail", incident_id=incident.pk)
    incident.refresh_from_db()
    if incident.state in (workflow.State.CLOSED, workflow.State.REPORTED):
        context = summary_context(request, incident, **result.context)
        return render(request, "incidents/review/summary.html", context, status=result.status)
    children = list(incident.children.all())
    initial = initial_from(latest_review(incident), children)
    initial["version"] = incident.version
    form = ReviewForm(initial=initial, children=children)
    context = form_context(request, incident, form, **result.context)
    return render(request, "incidents/review/form.html", context, status=result.status)


@pages.incident_page("sign_off", methods=("GET", "POST"))
def sign_off(request: SignedInRequest, incident: Incident) -> HttpResponse:
    """Leadership signs off a decision not to refer, or returns it to the DSP."""
    review_row = latest_review(incident)
    same_person = review_row is not None and review_row.created_by_id == request.user.pk
    if request.method == "POST" and not services.can_sign_off(request.user, incident):
        raise PermissionDenied
    form = SignOffForm(pages.posted(request), initial={"version": incident.version})

    def save(data: dict[str, Any]) -> Any:
        if data["action"] == "sign_off":
            return services.decision_sign_off(
                **pages.change_of(request, incident, data), note=data.get("note") or ""
            )
        return services.decision_return(
            **pages.change_of(request, incident, data), reason=data["return_reason"]
        )

    return SIGN_OFF_PAGE.show(
        request,
        incident,
        form,
        save,
        lambda: summary_context(request, incident, same_person=same_person),
    )
