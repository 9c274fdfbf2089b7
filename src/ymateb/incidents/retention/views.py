"""The retention review: records past their retention date, listed for a person to decide;
one asks for a record to be destroyed and a different one approves."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from ymateb.accounts.requests import SignedInRequest
from ymateb.audit.services import refuse
from ymateb.incidents import access
from ymateb.incidents.access import Permission
from ymateb.incidents.retention import services


@login_required
@require_GET
def retention_review(request: SignedInRequest) -> HttpResponse:
    if not access.has_permission(request.user, Permission.REVIEW_RETENTION):
        refuse(request, "retention_review")
    due = services.review_list(user=request.user, request=request)
    return render(request, "incidents/retention/review.html", {"due": due})


def _retention_action(request: SignedInRequest, incident_id: str, approve: bool) -> HttpResponse:
    try:
        if approve:
            services.destruction_approve(by=request.user, incident_id=incident_id, request=request)
        else:
            services.destruction_request(by=request.user, incident_id=incident_id, request=request)
    except (ValidationError, PermissionDenied) as exc:
        due = services.review_list(user=request.user, request=request)
        message = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
        return render(
            request,
            "incidents/retention/review.html",
            {"due": due, "problem": message, "problem_id": incident_id},
            status=400,
        )
    return redirect("incidents:retention")


@login_required
@require_POST
def retention_request(request: SignedInRequest, incident_id: str) -> HttpResponse:
    return _retention_action(request, incident_id, approve=False)


@login_required
@require_POST
def retention_approve(request: SignedInRequest, incident_id: str) -> HttpResponse:
    return _retention_action(request, incident_id, approve=True)
