"""The incident list, the incident page (what is done and what is left to do, and when the
incident is next reviewed) and the chronology: how a DSP finds an incident and sees where it
stands."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from ymateb.accounts.requests import SignedInRequest
from ymateb.audit.services import viewers_of
from ymateb.incidents import access, pages, reads
from ymateb.incidents.access import Permission
from ymateb.incidents.models import Incident
from ymateb.incidents.overview import services
from ymateb.incidents.overview.forms import ReviewDateForm
from ymateb.incidents.overview.tasks import hub_tasks

DETAIL_PAGE = pages.FormPage("incidents/overview/detail.html", done="incidents:detail")


@login_required
@require_GET
def incident_list(request: SignedInRequest) -> HttpResponse:
    if not access.has_permission(request.user, Permission.VIEW_INCIDENT):
        raise PermissionDenied
    incidents = reads.list_incidents(user=request.user, request=request)
    return render(request, "incidents/overview/list.html", {"incidents": incidents})


def hub_context(request: SignedInRequest, incident: Incident) -> dict[str, Any]:
    """What the incident page shows."""
    return {
        "incident": incident,
        "children": list(incident.children.all()),
        "tasks": hub_tasks(incident),
        "viewers": viewers_of("incident", str(incident.pk)),
        "can_change": pages.can_change(request.user, incident),
        "review_form": ReviewDateForm(initial={"version": incident.version}),
    }


@pages.incident_page()
def incident_detail(request: SignedInRequest, incident: Incident) -> HttpResponse:
    return render(request, "incidents/overview/detail.html", hub_context(request, incident))


@pages.incident_page("review_date", change="always", methods=("POST",))
def review_date(request: SignedInRequest, incident: Incident) -> HttpResponse:
    form = ReviewDateForm(request.POST)
    return DETAIL_PAGE.show(
        request,
        incident,
        form,
        lambda data: services.review_date_set(
            **pages.change_of(request, incident, data), review_on=data["review_date"]
        ),
        lambda: hub_context(request, incident) | {"review_form": form},
    )


@pages.incident_page("chronology")
def chronology(request: SignedInRequest, incident: Incident) -> HttpResponse:
    events = list(incident.events.select_related("actor"))
    addenda = list(incident.addenda.select_related("created_by"))
    return render(
        request,
        "incidents/overview/chronology.html",
        {"incident": incident, "events": events, "addenda": addenda},
    )
