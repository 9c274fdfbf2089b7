"""The device register ("Seizure of devices"): what was taken, who holds it, when it went to
the police or back to its owner; the PIN is written here and shown only after a fresh
security code from the DSP's authenticator."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ymateb.accounts.forms import CodeForm
from ymateb.accounts.requests import SignedInRequest
from ymateb.guidance.actions import device_warning
from ymateb.incidents import pages
from ymateb.incidents.devices import services
from ymateb.incidents.devices.forms import DeviceForm
from ymateb.incidents.models import Device, Incident
from ymateb.ui.dates import date_parts

FORM_PAGE = pages.FormPage(
    "incidents/devices/form.html",
    done="incidents:devices",
    saved=gettext_lazy("Device record saved."),
)


def _base(incident: Incident) -> dict[str, Any]:
    return {
        "incident": incident,
        "closed": incident.state == "closed",
        "today": timezone.localdate(),
    }


def _children(incident: Incident) -> list[tuple[str, str]]:
    return [(str(c.pk), f"{c.ref} – {c.name}") for c in incident.children.all()]


@pages.incident_page("devices")
def devices(request: SignedInRequest, incident: Incident) -> HttpResponse:
    context = {
        **_base(incident),
        "devices": list(Device.objects.filter(incident=incident).select_related("child")),
        "warning": device_warning(),
        "can_change": pages.can_change(request.user, incident),
        "can_reveal": services.can_reveal(request.user, incident),
        "notices": [str(m) for m in messages.get_messages(request)],
    }
    return render(request, "incidents/devices/list.html", context)


def _device_form_page(
    request: SignedInRequest, incident: Incident, device: Device | None
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
        pages.posted(request),
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

    def save(data: dict[str, Any]) -> Any:
        return services.device_save(
            **pages.change_of(request, incident, data),
            device_id=device.pk if device else None,
            data=services.DeviceInput(
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

    return FORM_PAGE.show(request, incident, form, save, context)


@pages.incident_page("device_new", change="always", methods=("GET", "POST"))
def device_new(request: SignedInRequest, incident: Incident) -> HttpResponse:
    return _device_form_page(request, incident, None)


@pages.incident_page("device", change="always", methods=("GET", "POST"))
def device_update(request: SignedInRequest, incident: Incident, device_id: str) -> HttpResponse:
    device = services.get_device(incident, device_id)
    return _device_form_page(request, incident, device)


@pages.incident_page("device_reveal", methods=("GET", "POST"))
def device_reveal(request: SignedInRequest, incident: Incident, device_id: str) -> HttpResponse:
    if not services.can_reveal(request.user, incident):
        raise PermissionDenied
    device = services.get_device(incident, device_id)
    form = CodeForm(pages.posted(request))
    context: dict[str, Any] = {**_base(incident), "form": form, "device": device, "secret": None}
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            context["secret"] = services.device_access_details_reveal(
                by=request.user,
                incident_id=incident.pk,
                device_id=device.pk,
                token=form.cleaned_data["token"],
                request=request,
            )
        except services.CodeRefused:
            form.add_error(
                "token",
                _(
                    "The security code is not right or has already been used. Wait for the "
                    "next code."
                ),
            )
            status = 400
    return render(request, "incidents/devices/reveal.html", context, status=status)
