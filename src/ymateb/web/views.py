"""Pages that belong to no one journey: home, dashboard, health check and error pages."""

from __future__ import annotations

import logging
from typing import Any

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from ymateb.accounts.requests import SignedInRequest
from ymateb.tenancy.roles import memberships_of, roles_of

logger = logging.getLogger(__name__)


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("web:dashboard")
    return redirect("accounts:sign_in")


@login_required
@require_GET
def dashboard(request: SignedInRequest) -> HttpResponse:
    from ymateb.incidents.overview.dashboard import dashboard_for

    user = request.user
    context = {
        "memberships": memberships_of(user),
        "roles": roles_of(user),
        **dashboard_for(user, request),
    }
    return render(request, "web/dashboard.html", context)


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """For a load balancer: 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any database failure means not healthy
        logger.warning("health check: database unreachable")
        return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def _error(request: HttpRequest, template: str, status: int) -> HttpResponse:
    return render(request, template, status=status)


def bad_request(request: HttpRequest, exception: Any = None) -> HttpResponse:
    return _error(request, "web/errors/400.html", 400)


def permission_denied(request: HttpRequest, exception: Any = None) -> HttpResponse:
    return _error(request, "web/errors/403.html", 403)


def page_not_found(request: HttpRequest, exception: Any = None) -> HttpResponse:
    return _error(request, "web/errors/404.html", 404)


def server_error(request: HttpRequest) -> HttpResponse:
    # Rendered without a request context, so a failing database or middleware
    # cannot stop the error page itself from showing.
    template = loader.get_template("web/errors/500.html")
    return HttpResponse(template.render({}), status=500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return _error(request, "web/errors/csrf.html", 403)
