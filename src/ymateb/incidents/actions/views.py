"""The action plan: what is to be done, by whom and by when, with the guidance for each kind
of action beside it.

Views stay thin: read through `reads.view_incident` (audited), validate with a form,
call `services_actions`, redirect. Anyone who may read the incident sees the plan and the
register; only the setting's DSP and deputy change them or reveal a PIN (leadership: 403).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ymateb.accounts.requests import SignedInRequest
from ymateb.guidance.actions import action_guidance
from ymateb.incidents import pages
from ymateb.incidents.actions import plan
from ymateb.incidents.actions import services as services_actions
from ymateb.incidents.actions.forms import ActionForm, ActionUpdateForm, SuggestForm
from ymateb.incidents.engine_record import EngineView, engine_view
from ymateb.incidents.models import Action, Incident, Referral
from ymateb.rules import support_points
from ymateb.ui.dates import date_parts
from ymateb.ui.language import is_welsh

NEW_PAGE = pages.FormPage(
    "incidents/actions/new.html",
    done="incidents:actions",
    saved=gettext_lazy("Action added to the plan."),
)
UPDATE_PAGE = pages.FormPage(
    "incidents/actions/update.html", done="incidents:actions", saved=gettext_lazy("Action updated.")
)

# --- helpers ---------------------------------------------------------------------------------


def _children(incident: Incident) -> list[tuple[str, str]]:
    return [(str(c.pk), f"{c.ref} – {c.name}") for c in incident.children.all()]


def _referral_url(incident: Incident) -> str | None:
    try:
        return reverse("incidents:referral_new", kwargs={"incident_id": incident.pk})
    except NoReverseMatch:
        return None


def _base(incident: Incident) -> dict[str, Any]:
    return {
        "incident": incident,
        "closed": incident.state == "closed",
        "today": timezone.localdate(),
    }


# --- what each action's page says from the guidance (ymateb.guidance.actions) -----------------


def _item_text(item: Any) -> str:
    return str(item.text_cy if is_welsh() else item.text)


def _support_points(action: Action, engine: EngineView) -> list[tuple[str, str]]:
    if action.kind != Action.Kind.SUPPORT:
        return []
    roles = plan.child_roles(action.child, engine)
    return [
        (p.code, _item_text(p)) for p in support_points(roles, ai_generated=engine.ai_generated)
    ]


# --- the action plan ---------------------------------------------------------------------------


def _plan_context(request: SignedInRequest, incident: Incident) -> dict[str, Any]:
    groups = plan.action_plan(incident)
    referral_recorded = incident.referrals.filter(
        route__in=[Referral.Route.SOCIAL_SERVICES, Referral.Route.MASH]
    ).exists()
    return {
        **_base(incident),
        "groups": groups,
        "is_overdue": plan.is_overdue,
        "can_change": pages.can_change(request.user, incident),
        "referral_url": _referral_url(incident),
        "referral_recorded": referral_recorded,
        "suggest_form": SuggestForm(initial={"version": incident.version}),
        "notices": [str(m) for m in messages.get_messages(request)],
        "detail_text": _detail_text,
    }


def _detail_text(action: Action) -> str:
    """A short line of the action's details for the plan (codes turned into words)."""
    d = action.details or {}
    if action.kind == Action.Kind.DELETION:
        place = dict(plan.DELETION_PLACES).get(d.get("place", ""), "")
        return " – ".join(str(x) for x in (place, d.get("description", "")) if x)
    if action.kind == Action.Kind.TAKE_DOWN:
        service = dict(plan.TAKE_DOWN_SERVICES).get(d.get("service", ""), "")
        status = dict(plan.TAKE_DOWN_STATUSES).get(d.get("status", ""), "")
        parts = [str(service), d.get("platform", ""), str(status)]
        return " – ".join(p for p in parts if p)
    if action.kind == Action.Kind.INFORM_PARENTS:
        return str(dict(plan.INFORM_HOW).get(d.get("how", ""), ""))
    if action.kind == Action.Kind.DEVICE:
        return _("Do not delete anything: seize and retain it for the police")
    return ""


@pages.incident_page("actions")
def actions(request: SignedInRequest, incident: Incident) -> HttpResponse:
    return render(request, "incidents/actions/plan.html", _plan_context(request, incident))


@pages.incident_page("actions_suggest", change="always", methods=("POST",))
def actions_suggest(request: SignedInRequest, incident: Incident) -> HttpResponse:
    form = SuggestForm(request.POST)
    context = _plan_context(request, incident)
    if not form.is_valid():
        context["problem"] = _("The page was out of date. Try again.")
        return render(request, "incidents/actions/plan.html", context, status=400)
    result = pages.attempt(
        lambda: services_actions.actions_suggest(
            **pages.change_of(request, incident, form.cleaned_data)
        )
    )
    if not result.ok or result.value is None:
        context.update(result.context)
        if result.conflict_version:
            context["suggest_form"] = SuggestForm(initial={"version": result.conflict_version})
        return render(request, "incidents/actions/plan.html", context, status=result.status)
    suggested = result.value
    if suggested.created:
        messages.success(
            request, _("%(count)s actions added to the plan.") % {"count": len(suggested.created)}
        )
    else:
        messages.info(request, _("The plan already has all the standard actions."))
    return redirect("incidents:actions", incident_id=incident.pk)


def _owners(incident: Incident) -> list[tuple[str, str]]:
    return [("", _("Choose a person")), *plan.owner_choices(incident)]


@pages.incident_page("action_new", change="always", methods=("GET", "POST"))
def action_new(request: SignedInRequest, incident: Incident) -> HttpResponse:
    initial: dict[str, Any] = {
        "version": incident.version,
        "owner": str(request.user.pk),
        "take_down_status": "not_started",
    }
    kind = request.GET.get("kind", "")
    if kind in Action.Kind.values:
        initial["kind"] = kind
    child = request.GET.get("child", "")
    if child in {c for c, _label in _children(incident)}:
        initial["child"] = child
    form = ActionForm(
        pages.posted(request),
        initial=initial,
        incident=incident,
        owners=_owners(incident),
        children=_children(incident),
    )

    def save(data: dict[str, Any]) -> Any:
        return services_actions.action_add(
            **pages.change_of(request, incident, data),
            kind=data["kind"],
            child_id=data.get("child") or None,
            owner_id=data["owner"],
            deadline=data["deadline_date"],
            details=form.details(),
            note=data.get("note", ""),
        )

    return NEW_PAGE.show(request, incident, form, save, {**_base(incident), "dates": form.data})


@pages.incident_page("action", change="always", methods=("GET", "POST"))
def action_update(request: SignedInRequest, incident: Incident, action_id: str) -> HttpResponse:
    action = services_actions.get_action(incident, action_id)
    engine = engine_view(incident)
    points = _support_points(action, engine)
    d = action.details or {}
    initial = {
        "version": incident.version,
        "status": action.status,
        "owner": str(action.owner_id or ""),
        "note": action.note,
        "place": d.get("place", ""),
        "place_description": d.get("description", ""),
        "reminded": d.get("reminded", False),
        "service": d.get("service", ""),
        "platform": d.get("platform", ""),
        "take_down_status": d.get("status", ""),
        "inform_how": d.get("how", ""),
        "checked": d.get("checked", []),
    }
    form = ActionUpdateForm(
        pages.posted(request),
        initial=initial,
        incident=incident,
        action=action,
        owners=_owners(incident),
        points=points,
    )
    dates: Mapping[str, Any] = form.data
    if not form.is_bound:
        dates = {
            **date_parts(action.deadline, "deadline"),
            **(
                date_parts(date.fromisoformat(d["confirmed_on"]), "confirmed_on")
                if d.get("confirmed_on")
                else {}
            ),
        }
    context: dict[str, Any] = {
        **_base(incident),
        "form": form,
        "action": action,
        "dates": dates,
        "guidance": action_guidance(action.kind, plan.child_roles(action.child, engine)),
        "points": points,
        "roles_known": bool(plan.child_roles(action.child, engine)),
        "overdue": plan.is_overdue(action),
    }

    def save(data: dict[str, Any]) -> Any:
        return services_actions.action_update(
            **pages.change_of(request, incident, data),
            action_id=action.pk,
            details=form.details(),
            **pages.pick(data, "status", "note", owner_id="owner", deadline="deadline_date"),
        )

    return UPDATE_PAGE.show(request, incident, form, save, context)
