"""Pages of the incident journey: the action plan and the device register.

Views stay thin: read through `services.view_incident` (audited), validate with a form,
call `services_actions`, redirect. Anyone who may read the incident sees the plan and the
register; only the setting's DSP and deputy change them or reveal a PIN (leadership: 403).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, URLPattern, path, reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ymateb.accounts.forms import CodeForm
from ymateb.incidents import services, services_actions
from ymateb.incidents.forms_actions import (
    ActionForm,
    ActionUpdateForm,
    DeviceForm,
    VersionedForm,
    date_parts,
)
from ymateb.incidents.models import Action, Device, Incident, Referral
from ymateb.incidents.services_actions import ActionRefused
from ymateb.records import access
from ymateb.records.access import Permission
from ymateb.rules import parent_advice, parent_scenarios_for_roles, support_points

REFUSED = {
    "deadline_before_concern": gettext_lazy(
        "The deadline cannot be before the concern was reported"
    ),
    "parents_at_risk": gettext_lazy(
        "The review recorded that informing this child's parents or carers would put the child "
        "at risk. Record a referral to children's social services instead."
    ),
    "device_retained": gettext_lazy(
        "Do not ask for anything to be deleted from a device that must be seized and retained "
        "for the police. Record it in the device register instead."
    ),
    "owner_not_in_setting": gettext_lazy("Choose someone with a role in this setting"),
    "unknown_child": gettext_lazy("Choose one of the children involved"),
    "completion_note_required": gettext_lazy("Write a note of what was done"),
}
REFUSED_FIELD = {
    "deadline_before_concern": "deadline",
    "parents_at_risk": "child",
    "owner_not_in_setting": "owner",
    "unknown_child": "child",
    "completion_note_required": "note",
    "device_retained": "place",
}
CLOSED = gettext_lazy(
    "This incident is closed: its record cannot be changed. Add an addendum for anything new."
)

S_VIEWING = "Viewing and deleting nudes and semi-nudes"
S_ONLINE = "Reporting nudes and semi-nudes online"
S_POLICE = "How to report online content to the police"

SCENARIO_HEADINGS = {
    "all": gettext_lazy("For every parent or carer"),
    "lost_control": gettext_lazy("If their child's image was shared"),
    "was_sent": gettext_lazy("If their child was sent an image"),
    "created_or_shared": gettext_lazy("If their child created or shared another child's image"),
}


# --- helpers ---------------------------------------------------------------------------------


def _welsh() -> bool:
    return (get_language() or "en").startswith("cy")


def _can_change(request: HttpRequest, incident: Incident) -> None:
    if not access.has_permission(request.user, Permission.CHANGE_INCIDENT, incident.setting_id):
        raise PermissionDenied


def _children(incident: Incident) -> list[tuple[str, str]]:
    return [(str(c.pk), f"{c.ref} – {c.name}") for c in incident.children.all()]


def _referral_url(incident: Incident) -> str | None:
    try:
        return reverse("incidents:referral_new", kwargs={"incident_id": incident.pk})
    except NoReverseMatch:
        return None


def _conflict(exc: services.IncidentConflict) -> dict[str, Any]:
    return {"conflict": exc.since, "conflict_version": exc.incident.version}


def _refused(form: Any, exc: ActionRefused) -> None:
    name = REFUSED_FIELD.get(exc.code)
    message = str(REFUSED.get(exc.code, _("That change is not possible.")))
    form.add_error(name if name in form.fields else None, message)


def _base(incident: Incident) -> dict[str, Any]:
    return {
        "incident": incident,
        "closed": incident.state == "closed",
        "today": timezone.localdate(),
    }


# --- what each action's page says from the guidance -------------------------------------------


def _item_text(item: Any) -> str:
    return str(item.text_cy if _welsh() else item.text)


def action_guidance(action: Action, engine: services_actions.EngineView) -> list[dict[str, Any]]:
    """Blocks of guidance for the action's page: heading, guidance section, points."""
    roles = services_actions.child_roles(action.child, engine)
    if action.kind == Action.Kind.INFORM_PARENTS:
        return [
            {
                "heading": str(SCENARIO_HEADINGS[scenario]),
                "section": parent_advice(scenario)[0].section,
                "items": [_item_text(i) for i in parent_advice(scenario)],
            }
            for scenario in parent_scenarios_for_roles(roles)
        ]
    if action.kind == Action.Kind.STAFF_WELFARE:
        return [
            {
                "heading": _("Looking after the member of staff"),
                "section": S_VIEWING,
                "items": [
                    _(
                        "A member of staff unavoidably saw an image. Seeing one can be "
                        "distressing, whatever their role, including for staff who monitor IT "
                        "systems."
                    ),
                    _(
                        "Talk to them soon and in private. Ask how they are, and reassure them "
                        "that they did the right thing by telling you and are not at fault."
                    ),
                    _(
                        "Offer support: time away from their duties if they need it, the "
                        "setting's employee support or occupational health service, or their GP."
                    ),
                    _(
                        "Check they have not kept, copied or forwarded the image. Do not ask "
                        "them to describe it more than the record needs."
                    ),
                    _("Check in with them again later. Record the support offered."),
                ],
            }
        ]
    if action.kind == Action.Kind.DELETION:
        return [
            {
                "heading": _("Asking for the image to be deleted"),
                "section": S_VIEWING,
                "items": [
                    _(
                        "Ask the child to delete the image from every device, online storage "
                        "or cloud backup and social media account, by the deadline, and to "
                        "confirm to you that they have."
                    ),
                    _(
                        "Remind them that having nudes or semi-nudes of under-18s is illegal. "
                        "If they refuse, or it later turns out they did not delete it, they are "
                        "committing an offence and the police may become involved."
                    ),
                    _(
                        "Offer help: a child who is upset should not be left to remove images "
                        "alone."
                    ),
                    _(
                        "Never look at the device or the image to check. Record the date and "
                        "how the child confirmed."
                    ),
                ],
            }
        ]
    if action.kind == Action.Kind.TAKE_DOWN:
        return [
            {
                "heading": _("Getting the image taken down"),
                "section": S_ONLINE,
                "items": [
                    _(
                        "The quickest way is for whoever posted it to log in and delete it: "
                        "the child, or anyone who reposted it."
                    ),
                    _(
                        "Report Remove (IWF and Childline) is confidential. Take It Down "
                        "(NCMEC) is anonymous and can be used even when the child is not sure "
                        "the image was shared. Use them as soon as possible."
                    ),
                    _(
                        "Most platforms let the account holder report, and some let the "
                        "setting report on the child's behalf."
                    ),
                    _(
                        "Describe the platform in words. Never record or follow a link to the "
                        "image."
                    ),
                ],
            }
        ]
    if action.kind == Action.Kind.DEVICE:
        return [{"heading": _("The device"), "section": S_POLICE, "items": device_warning()}]
    if action.kind == Action.Kind.EDUCATION:
        return [
            {
                "heading": _("Education and anti-bullying follow-up"),
                "section": S_VIEWING,
                "items": [
                    _(
                        "At the setting's discretion, follow up with education on the sharing, "
                        "creating and receiving of images, in line with the behaviour and "
                        "anti-bullying policies."
                    ),
                    _(
                        "Think about the wider group: peer responses, bullying linked to the "
                        "incident, and whether children feel able to speak out."
                    ),
                ],
            }
        ]
    return []


def device_warning() -> list[str]:
    return [
        _("Do not delete anything from the device."),
        _("Do not look at what is on it, and do not copy or forward anything from it."),
        _(
            "Switch it off and keep it safe, in the state it was found, and hand it to the "
            "police if they ask for it."
        ),
        _("Find out the PIN or access details if you can, so the police can examine it."),
    ]


def _support_points(action: Action, engine: services_actions.EngineView) -> list[tuple[str, str]]:
    if action.kind != Action.Kind.SUPPORT:
        return []
    roles = services_actions.child_roles(action.child, engine)
    return [
        (p.code, _item_text(p)) for p in support_points(roles, ai_generated=engine.ai_generated)
    ]


# --- the action plan ---------------------------------------------------------------------------


def _plan_context(request: HttpRequest, incident: Incident) -> dict[str, Any]:
    groups = services_actions.action_plan(incident)
    referral_recorded = incident.referrals.filter(
        route__in=[Referral.Route.SOCIAL_SERVICES, Referral.Route.MASH]
    ).exists()
    return {
        **_base(incident),
        "groups": groups,
        "is_overdue": services_actions.is_overdue,
        "can_change": access.has_permission(
            request.user, Permission.CHANGE_INCIDENT, incident.setting_id
        ),
        "referral_url": _referral_url(incident),
        "referral_recorded": referral_recorded,
        "suggest_form": VersionedForm(initial={"version": incident.version}),
        "notices": [str(m) for m in messages.get_messages(request)],
        "detail_text": _detail_text,
    }


def _detail_text(action: Action) -> str:
    """A short line of the action's details for the plan (codes turned into words)."""
    d = action.details or {}
    if action.kind == Action.Kind.DELETION:
        place = dict(services_actions.DELETION_PLACES).get(d.get("place", ""), "")
        return " – ".join(str(x) for x in (place, d.get("description", "")) if x)
    if action.kind == Action.Kind.TAKE_DOWN:
        service = dict(services_actions.TAKE_DOWN_SERVICES).get(d.get("service", ""), "")
        status = dict(services_actions.TAKE_DOWN_STATUSES).get(d.get("status", ""), "")
        parts = [str(service), d.get("platform", ""), str(status)]
        return " – ".join(p for p in parts if p)
    if action.kind == Action.Kind.INFORM_PARENTS:
        return str(dict(services_actions.INFORM_HOW).get(d.get("how", ""), ""))
    if action.kind == Action.Kind.DEVICE:
        return _("Do not delete anything: seize and retain it for the police")
    return ""


@login_required
@require_http_methods(["GET"])
def actions(request: HttpRequest, incident_id: str) -> HttpResponse:
    incident = services.view_incident(
        user=request.user, incident_id=incident_id, request=request, what="actions"
    )
    return render(request, "incidents/action_plan.html", _plan_context(request, incident))


@login_required
@require_POST
def actions_suggest(request: HttpRequest, incident_id: str) -> HttpResponse:
    incident = services.view_incident(
        user=request.user, incident_id=incident_id, request=request, what="actions_suggest"
    )
    _can_change(request, incident)
    form = VersionedForm(request.POST)
    context = _plan_context(request, incident)
    if not form.is_valid():
        context["problem"] = _("The page was out of date. Try again.")
        return render(request, "incidents/action_plan.html", context, status=400)
    try:
        result = services_actions.suggest_actions(
            user=request.user,
            incident_id=incident.pk,
            expected_version=form.cleaned_data["version"],
            request=request,
        )
    except services.IncidentClosed:
        context["problem"] = str(CLOSED)
        return render(request, "incidents/action_plan.html", context, status=400)
    except services.IncidentConflict as exc:
        context.update(_conflict(exc))
        context["suggest_form"] = VersionedForm(initial={"version": exc.incident.version})
        return render(request, "incidents/action_plan.html", context, status=409)
    if result.created:
        messages.success(
            request, _("%(count)s actions added to the plan.") % {"count": len(result.created)}
        )
    else:
        messages.info(request, _("The plan already has all the standard actions."))
    return redirect("incidents:actions", incident_id=incident.pk)


def _owners(incident: Incident) -> list[tuple[str, str]]:
    return [("", _("Choose a person")), *services_actions.owner_choices(incident)]


@login_required
@require_http_methods(["GET", "POST"])
def action_new(request: HttpRequest, incident_id: str) -> HttpResponse:
    incident = services.view_incident(
        user=request.user, incident_id=incident_id, request=request, what="action_new"
    )
    _can_change(request, incident)
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
        request.POST if request.method == "POST" else None,
        initial=initial,
        incident=incident,
        owners=_owners(incident),
        children=_children(incident),
    )
    context: dict[str, Any] = {**_base(incident), "form": form, "dates": form.data}
    status = 200
    if request.method == "POST" and not context["closed"] and form.is_valid():
        data = form.cleaned_data
        try:
            services_actions.add_action(
                user=request.user,
                incident_id=incident.pk,
                expected_version=data["version"],
                request=request,
                kind=data["kind"],
                child_id=data.get("child") or None,
                owner_id=data["owner"],
                deadline=data["deadline_date"],
                details=form.details(),
                note=data.get("note", ""),
            )
            messages.success(request, _("Action added to the plan."))
            return redirect("incidents:actions", incident_id=incident.pk)
        except services.IncidentClosed:
            context["closed"] = True
            status = 400
        except services.IncidentConflict as exc:
            context.update(_conflict(exc))
            status = 409
        except ActionRefused as exc:
            _refused(form, exc)
    elif request.method == "POST" and context["closed"]:
        status = 400
    return render(request, "incidents/action_new.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def action_update(request: HttpRequest, incident_id: str, action_id: str) -> HttpResponse:
    incident = services.view_incident(
        user=request.user, incident_id=incident_id, request=request, what="action"
    )
    _can_change(request, incident)
    action = services_actions.get_action(incident, action_id)
    engine = services_actions.engine_view(incident)
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
        request.POST if request.method == "POST" else None,
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
        "guidance": action_guidance(action, engine),
        "points": points,
        "roles_known": bool(services_actions.child_roles(action.child, engine)),
        "overdue": services_actions.is_overdue(action),
    }
    status = 200
    if request.method == "POST" and not context["closed"] and form.is_valid():
        data = form.cleaned_data
        try:
            services_actions.update_action(
                user=request.user,
                incident_id=incident.pk,
                action_id=action.pk,
                expected_version=data["version"],
                request=request,
                status=data["status"],
                owner_id=data["owner"],
                deadline=data["deadline_date"],
                note=data.get("note", ""),
                details=form.details(),
            )
            messages.success(request, _("Action updated."))
            return redirect("incidents:actions", incident_id=incident.pk)
        except services.IncidentClosed:
            context["closed"] = True
            status = 400
        except services.IncidentConflict as exc:
            context.update(_conflict(exc))
            status = 409
        except ActionRefused as exc:
            _refused(form, exc)
    elif request.method == "POST" and context["closed"]:
        status = 400
    return render(request, "incidents/action_update.html", context, status=status)


# --- the device register -------------------------------------------------------------------------


@login_required
@require_http_methods(["GET"])
def devices(request: HttpRequest, incident_id: str) -> HttpResponse:
    incident = services.view_incident(
        user=request.user, incident_id=incident_id, request=request, what="devices"
    )
    context = {
        **_base(incident),
        "devices": list(Device.objects.filter(incident=incident).select_related("child")),
        "warning": device_warning(),
        "can_change": access.has_permission(
            request.user, Permission.CHANGE_INCIDENT, incident.setting_id
        ),
        "can_reveal": services_actions.can_reveal(request.user, incident),
        "notices": [str(m) for m in messages.get_messages(request)],
    }
    return render(request, "incidents/device_list.html", context)


def _device_form_page(
    request: HttpRequest, incident: Incident, device: Device | None
) -> HttpResponse:
    initial: dict[str, Any] = {"version": incident.version}
    dates: dict[str, str] = {}
    if device is not None:
        initial.update(
            {
                "description": device.description,
                "child": str(device.child_id or ""),
                "held_by": device.held_by,
                "police_reference": device.police_reference,
            }
        )
        dates = {
            **date_parts(device.seized_at, "seized"),
            **date_parts(device.handed_to_police_at, "handed"),
            **date_parts(device.returned_at, "returned"),
        }
    form = DeviceForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        children=_children(incident),
    )
    context: dict[str, Any] = {
        **_base(incident),
        "form": form,
        "device": device,
        "dates": form.data if form.is_bound else dates,
        "warning": device_warning(),
        "has_access_details": bool(device and device.access_details),
    }
    status = 200
    if request.method == "POST" and not context["closed"] and form.is_valid():
        data = form.cleaned_data
        try:
            services_actions.save_device(
                user=request.user,
                incident_id=incident.pk,
                expected_version=data["version"],
                request=request,
                device_id=device.pk if device else None,
                data=services_actions.DeviceInput(
                    description=data["description"],
                    child_id=data.get("child") or None,
                    seized_at=data["seized_at"],
                    held_by=data.get("held_by", ""),
                    handed_to_police_at=data["handed_to_police_at"],
                    police_reference=data.get("police_reference", ""),
                    returned_at=data["returned_at"],
                    access_details=data.get("access_details") or None,
                    clear_access_details=bool(data.get("clear_access_details")),
                ),
            )
            messages.success(request, _("Device record saved."))
            return redirect("incidents:devices", incident_id=incident.pk)
        except services.IncidentClosed:
            context["closed"] = True
            status = 400
        except services.IncidentConflict as exc:
            context.update(_conflict(exc))
            status = 409
        except ActionRefused as exc:
            _refused(form, exc)
    elif request.method == "POST" and context["closed"]:
        status = 400
    return render(request, "incidents/device_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def device_new(request: HttpRequest, incident_id: str) -> HttpResponse:
    incident = services.view_incident(
        user=request.user, incident_id=incident_id, request=request, what="device_new"
    )
    _can_change(request, incident)
    return _device_form_page(request, incident, None)


@login_required
@require_http_methods(["GET", "POST"])
def device_update(request: HttpRequest, incident_id: str, device_id: str) -> HttpResponse:
    incident = services.view_incident(
        user=request.user, incident_id=incident_id, request=request, what="device"
    )
    _can_change(request, incident)
    device = services_actions.get_device(incident, device_id)
    return _device_form_page(request, incident, device)


@login_required
@require_http_methods(["GET", "POST"])
def device_reveal(request: HttpRequest, incident_id: str, device_id: str) -> HttpResponse:
    incident = services.view_incident(
        user=request.user, incident_id=incident_id, request=request, what="device_reveal"
    )
    if not services_actions.can_reveal(request.user, incident):
        raise PermissionDenied
    device = services_actions.get_device(incident, device_id)
    form = CodeForm(request.POST if request.method == "POST" else None)
    context: dict[str, Any] = {**_base(incident), "form": form, "device": device, "secret": None}
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            context["secret"] = services_actions.reveal_access_details(
                user=request.user,
                incident_id=incident.pk,
                device_id=device.pk,
                token=form.cleaned_data["token"],
                request=request,
            )
        except services_actions.CodeRefused:
            form.add_error(
                "token",
                _(
                    "The security code is not right or has already been used. Wait for the "
                    "next code."
                ),
            )
            status = 400
    return render(request, "incidents/device_reveal.html", context, status=status)


urlpatterns: list[URLPattern] = [
    path("incidents/<uuid:incident_id>/actions/", actions, name="actions"),
    path("incidents/<uuid:incident_id>/actions/suggest/", actions_suggest, name="actions_suggest"),
    path("incidents/<uuid:incident_id>/actions/new/", action_new, name="action_new"),
    path(
        "incidents/<uuid:incident_id>/actions/<uuid:action_id>/",
        action_update,
        name="action_update",
    ),
    path("incidents/<uuid:incident_id>/devices/", devices, name="devices"),
    path("incidents/<uuid:incident_id>/devices/new/", device_new, name="device_new"),
    path(
        "incidents/<uuid:incident_id>/devices/<uuid:device_id>/",
        device_update,
        name="device_update",
    ),
    path(
        "incidents/<uuid:incident_id>/devices/<uuid:device_id>/reveal/",
        device_reveal,
        name="device_reveal",
    ),
]
