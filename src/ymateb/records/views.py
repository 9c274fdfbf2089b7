"""Subject access exports, retention review and the security events page."""

from __future__ import annotations

import json
from typing import NoReturn

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ymateb.audit.models import AuditAction
from ymateb.audit.services import audit
from ymateb.incidents.models import IncidentChild
from ymateb.records import access, services, subject_access
from ymateb.records import security_events as events
from ymateb.records.access import Permission
from ymateb.records.forms import ExportForm, SubjectSearchForm


def _refuse(request: HttpRequest, object_type: str) -> NoReturn:
    """The 403 page, the same as for any page the person may not see; the refusal is a
    security event (shown on the security events page), written before the answer."""
    audit(
        actor=request.user,
        action=AuditAction.REFUSED,
        object_type=object_type,
        request=request,
    )
    raise PermissionDenied


@login_required
@require_http_methods(["GET", "POST"])
def subject_access_search(request: HttpRequest) -> HttpResponse:
    if not access.has_permission(request.user, Permission.EXPORT_SUBJECT_ACCESS):
        _refuse(request, "subject_access")
    form = SubjectSearchForm(request.POST or None)
    matches = None
    if request.method == "POST" and form.is_valid():
        matches = subject_access.find_child_entries(
            user=request.user,
            name=form.cleaned_data["name"],
            date_of_birth=form.cleaned_data.get("date_of_birth"),
            request=request,
        )
    return render(request, "records/subject_access.html", {"form": form, "matches": matches})


@login_required
@require_POST
def subject_access_export(request: HttpRequest) -> HttpResponse:
    if not access.has_permission(request.user, Permission.EXPORT_SUBJECT_ACCESS):
        _refuse(request, "subject_access")
    allowed = [
        str(pk)
        for pk in IncidentChild.objects.filter(
            incident__in=access.incidents_for(request.user, Permission.EXPORT_SUBJECT_ACCESS)
        ).values_list("pk", flat=True)
    ]
    form = ExportForm(request.POST, child_ids=allowed)
    if not form.is_valid():
        return redirect("records:subject_access")
    data = subject_access.build_export(
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
    html = render_to_string("records/subject_access_document.html", {"data": data}, request)
    response = HttpResponse(html, content_type="text/html; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="subject-access.html"'
    return response


@login_required
@require_GET
def retention_review(request: HttpRequest) -> HttpResponse:
    if not access.has_permission(request.user, Permission.REVIEW_RETENTION):
        _refuse(request, "retention_review")
    due = services.review_list(user=request.user, request=request)
    return render(request, "records/retention.html", {"due": due})


def _retention_action(request: HttpRequest, incident_id: str, approve: bool) -> HttpResponse:
    try:
        if approve:
            services.approve_destruction(
                user=request.user, incident_id=incident_id, request=request
            )
        else:
            services.request_destruction(
                user=request.user, incident_id=incident_id, request=request
            )
    except (ValidationError, PermissionDenied) as exc:
        due = services.review_list(user=request.user, request=request)
        message = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
        return render(
            request,
            "records/retention.html",
            {"due": due, "problem": message, "problem_id": incident_id},
            status=400,
        )
    return redirect("records:retention")


@login_required
@require_POST
def retention_request(request: HttpRequest, incident_id: str) -> HttpResponse:
    return _retention_action(request, incident_id, approve=False)


@login_required
@require_POST
def retention_approve(request: HttpRequest, incident_id: str) -> HttpResponse:
    return _retention_action(request, incident_id, approve=True)


def _admins_only(request: HttpRequest) -> None:
    """Installation admins with a verified second factor; anyone else gets the same 403 as
    for any page they may not see."""
    if not events.may_see(request.user):
        _refuse(request, events.OBJECT_TYPE)


def _filter_page(request: HttpRequest, form: events.FilterForm) -> HttpResponse:
    """The page with the filters' errors and no events (bad filters change nothing)."""
    return render(request, "records/security_events.html", {"form": form, "page": None}, status=400)


@login_required
@require_GET
def security_events(request: HttpRequest) -> HttpResponse:
    _admins_only(request)
    form = events.FilterForm(request.GET)
    if not form.is_valid():
        return _filter_page(request, form)
    filters = events.Filters.from_form(form)
    page = events.page_of(
        user=request.user, filters=filters, page=request.GET.get("page"), request=request
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "records/security_events.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )


@login_required
@require_GET
def security_events_export(request: HttpRequest) -> HttpResponse:
    _admins_only(request)
    form = events.FilterForm(request.GET)
    if not form.is_valid():
        return _filter_page(request, form)
    text = events.export_csv(
        user=request.user, filters=events.Filters.from_form(form), request=request
    )
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="ymateb-security-events.csv"'
    return response
