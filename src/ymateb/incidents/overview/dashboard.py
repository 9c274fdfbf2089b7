"""What each role's dashboard shows (PRODUCT.md; issue "Dashboards")."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.db import transaction
from django.http import HttpRequest

from ymateb.accounts.models import User
from ymateb.incidents import access
from ymateb.incidents.access import Permission
from ymateb.incidents.actions import plan
from ymateb.incidents.auditing import audit_listed
from ymateb.incidents.concern import alerts
from ymateb.incidents.concern import services as concern_services
from ymateb.incidents.decision import services as decision
from ymateb.incidents.models import IncidentState
from ymateb.incidents.workflow import State


def dashboard_for(user: User, request: HttpRequest | None = None) -> dict[str, Any]:
    """The dashboard's lists, read in one transaction with their audit row: a list of
    incidents is a read of incident data like any other."""
    with transaction.atomic():
        context = _dashboard(user)
        # "awaiting_sign_off" writes its own audit row (services_review).
        listed = {str(item.pk) for item in context.get("new_concerns", [])}
        listed |= {str(a.incident_id) for a in context["alerts"]}
        listed |= {
            str(a.incident_id)
            for key in ("overdue_actions", "deletions_overdue")
            for a in context.get(key, [])
        }
        if listed:
            audit_listed(user, "dashboard", len(listed), request)
    return context


def _dashboard(user: User) -> dict[str, Any]:
    context: dict[str, Any] = {
        "can_report": access.has_permission(user, Permission.REPORT_CONCERN),
        "can_view_incidents": access.has_permission(user, Permission.VIEW_INCIDENT),
        "receipts": concern_services.receipts_for(user),
        "alerts": alerts.alerts_for(user),
    }
    if access.has_permission(user, Permission.CHANGE_INCIDENT):
        mine = access.incidents_for(user, Permission.CHANGE_INCIDENT)
        open_incidents = mine.exclude(state=State.CLOSED)
        counts = Counter(open_incidents.values_list("state", flat=True))
        context["new_concerns"] = list(
            open_incidents.filter(state=State.REPORTED)
            .select_related("setting")
            .order_by("reported_at")
        )
        context["by_state"] = [
            (state.label, counts.get(state.value, 0))
            for state in IncidentState
            if state.value != State.CLOSED
        ]

        context["overdue_actions"] = plan.overdue_actions(user)
        context["deletions_overdue"] = plan.deletion_deadlines_passed(user)
    if access.has_permission(user, Permission.SIGN_OFF_DECISION):
        context["awaiting_sign_off"] = decision.awaiting_sign_off(user)
    return context
