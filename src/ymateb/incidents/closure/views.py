"""Closing an incident, and adding a dated addendum to its record ("Recording incidents")."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse

from ymateb.accounts.requests import SignedInRequest
from ymateb.incidents import changes, pages, workflow
from ymateb.incidents.closure import services
from ymateb.incidents.closure.forms import AddendumForm, CloseForm
from ymateb.incidents.models import Incident

CLOSE_PAGE = pages.FormPage("incidents/closure/close.html", done="incidents:detail")
ADDENDUM_PAGE = pages.FormPage("incidents/closure/addendum.html", done="incidents:chronology")


@pages.incident_page("close", change="always", methods=("GET", "POST"))
def close(request: SignedInRequest, incident: Incident) -> HttpResponse:
    form = CloseForm(pages.posted(request), initial={"version": incident.version})
    facts = changes.transition_facts(incident)
    steps = workflow.available(
        incident.state, changes.roles_in_setting(request.user, incident.setting_id), facts
    )

    def save(data: dict[str, Any]) -> Any:
        return services.incident_close(
            **pages.change_of(request, incident, data),
            outcome_summary=data["outcome_summary"],
            out_of_scope=data["out_of_scope"],
        )

    return CLOSE_PAGE.show(
        request,
        incident,
        form,
        save,
        {
            "incident": incident,
            "problem": None,
            # The page offers only the ways of closing the workflow allows here and now.
            "can_close": workflow.Transition.CLOSE in steps,
            "can_close_out_of_scope": workflow.Transition.CLOSE_OUT_OF_SCOPE in steps,
            "decision_recorded": workflow.Fact.DECISION_RECORDED in facts,
        },
    )


@pages.incident_page("addendum", change="always", methods=("GET", "POST"))
def addendum(request: SignedInRequest, incident: Incident) -> HttpResponse:
    form = AddendumForm(pages.posted(request), initial={"version": incident.version})
    return ADDENDUM_PAGE.show(
        request,
        incident,
        form,
        lambda data: services.addendum_add(
            **pages.change_of(request, incident, data), text=data["text"]
        ),
        {"incident": incident},
    )
