"""Subject access: the DSP finds a child's entries by name and exports them, with other
children's names hidden unless the DSP chooses otherwise."""

from __future__ import annotations

import json

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.views.decorators.http import require_http_methods, require_POST

from ymateb.accounts.requests import SignedInRequest
from ymateb.audit.services import refuse
from ymateb.incidents import access, pages
from ymateb.incidents.access import Permission
from ymateb.incidents.models import IncidentChild
from ymateb.incidents.subject_access import services
from ymateb.incidents.subject_access.forms import ExportForm, SubjectSearchForm


@login_required
@require_http_methods(["GET", "POST"])
def subject_access_search(request: SignedInRequest) -> HttpResponse:
    if not access.has_permission(request.user, Permission.EXPORT_SUBJECT_ACCESS):
        refuse(request, "subject_access")
    form = SubjectSearchForm(pages.posted(request))
    matches = None
    if request.method == "POST" and form.is_valid():
        matches = services.find_child_entries(
            user=request.user,
            name=form.cleaned_data["name"],
            date_of_birth=form.cleaned_data.get("date_of_birth"),
            request=request,
        )
    return render(
        request, "incidents/subject_access/search.html", {"form": form, "matches": matches}
    )


@login_required
@require_POST
def subject_access_export(request: SignedInRequest) -> HttpResponse:
    if not access.has_permission(request.user, Permission.EXPORT_SUBJECT_ACCESS):
        refuse(request, "subject_access")
    allowed = [
        str(pk)
        for pk in IncidentChild.objects.filter(
            incident__in=access.incidents_for(request.user, Permission.EXPORT_SUBJECT_ACCESS)
        ).values_list("pk", flat=True)
    ]
    form = ExportForm(request.POST, child_ids=allowed)
    if not form.is_valid():
        return redirect("incidents:subject_access")
    data = services.build_export(
        user=request.user,
        child_ids=form.cleaned_data["child"],
        redact_others=not form.cleaned_data["show_other_names"],
        request=request,
    )
    if form.cleaned_data["format"] == "json":
        response = HttpResponse(
            json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
        )
        response["Content-Disposition"] = 'attachment; filename="subject-access.json"'
        return response
    html = render_to_string("incidents/subject_access/document.html", {"data": data}, request)
    response = HttpResponse(html, content_type="text/html; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="subject-access.html"'
    return response
