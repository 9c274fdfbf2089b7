"""The device register ("Seizure of devices", "How to report online content to the police"):
a device is never deleted from, it is seized and retained, and any PIN is kept encrypted and
shown only after a fresh security code (R-116, R-117, R-118)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Unpack

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest

from ymateb.accounts.models import User
from ymateb.incidents import access
from ymateb.incidents.access import Permission
from ymateb.incidents.actions.services import _child
from ymateb.incidents.auditing import audit_incident
from ymateb.incidents.changes import (
    Who,
    locked_change,
    roles_in_setting,
)
from ymateb.incidents.models import Device, Incident, IncidentEvent
from ymateb.incidents.permissions import grants


class CodeRefused(Exception):
    """The security code given to reveal a protected detail was wrong or already used."""


@dataclass
class DeviceInput:
    description: str
    child_id: Any = None
    seized_at: datetime | None = None
    held_by: str = ""
    handed_to_police_at: datetime | None = None
    police_reference: str = ""
    returned_at: datetime | None = None
    #: None leaves what is recorded; "" with `clear_access_details` removes it.
    access_details: str | None = None
    clear_access_details: bool = False


_DEVICE_FIELDS = (
    "description",
    "seized_at",
    "held_by",
    "handed_to_police_at",
    "police_reference",
    "returned_at",
)


def get_device(incident: Incident, device_id: Any) -> Device:
    device = Device.objects.filter(incident=incident, pk=device_id).select_related("child").first()
    if device is None:
        raise access.IncidentNotFound
    return device


def device_save(*, data: DeviceInput, device_id: Any = None, **who: Unpack[Who]) -> Device:
    """Record a device, or change its record. The PIN is written, never read back here."""
    by = who["by"]
    with locked_change(
        IncidentEvent.Kind.DEVICE if device_id is None else IncidentEvent.Kind.DEVICE_UPDATED,
        audit_action="create" if device_id is None else "update",
        **who,
    ) as change:
        incident = change.incident
        child = _child(incident, data.child_id)
        if device_id is None:
            device = Device(incident=incident, created_by=by)
            before: dict[str, Any] = {}
        else:
            device = Device.objects.select_for_update().get(pk=get_device(incident, device_id).pk)
            before = {name: getattr(device, name) for name in (*_DEVICE_FIELDS, "child_id")}
        device.child = child
        for name in _DEVICE_FIELDS:
            setattr(device, name, getattr(data, name))
        changed = [
            name
            for name in (*_DEVICE_FIELDS, "child_id")
            if device_id is None or before[name] != getattr(device, name)
        ]
        if data.access_details:
            device.access_details = data.access_details
            changed.append("access_details")
        elif data.clear_access_details and device.access_details:
            device.access_details = ""
            changed.append("access_details")
        if device_id is not None and not changed:
            change.recorded = False
            return device
        device.save()
        change.params.update(device=str(device.pk), fields=changed)
    return device


def can_reveal(user: User, incident: Incident) -> bool:
    """Whether the person's role in the incident's setting may reveal a device's PIN (the
    one table in ymateb.incidents.permissions: the DSP and deputy)."""
    return grants(roles_in_setting(user, incident.setting_id), Permission.REVEAL_DEVICE_PIN)


def device_access_details_reveal(
    *, by: User, incident_id: Any, device_id: Any, token: str, request: HttpRequest | None
) -> str:
    """The device's PIN or access details, after a fresh code from the user's authenticator.

    Only the setting's DSP or deputy. A wrong (or already used) code reveals nothing and is
    audited as refused; a right one is audited as `reveal_secret` (it then counts in "who
    has viewed this record") with a chronology line. Works on closed incidents too: the
    police may ask for the PIN after the setting's part is over.
    """
    from django_otp.plugins.otp_totp.models import TOTPDevice

    incident = access.access_incident(by, incident_id, Permission.CHANGE_INCIDENT)
    if not can_reveal(by, incident):
        raise PermissionDenied
    device = get_device(incident, device_id)
    verified = any(
        otp.verify_token(token) for otp in TOTPDevice.objects.filter(user=by, confirmed=True)
    )
    if not verified:
        with transaction.atomic():
            audit_incident(
                by,
                "refused",
                incident.pk,
                incident.setting_id,
                request=request,
                what="reveal_secret",
                device=str(device.pk),
                why="wrong_code",
            )
        raise CodeRefused
    with locked_change(
        by=by,
        incident_id=incident.pk,
        kind=IncidentEvent.Kind.SECRET_REVEALED,
        request=request,
        audit_action="reveal_secret",
        allow_closed=True,
    ) as change:
        secret = Device.objects.get(pk=device.pk).access_details
        change.params.update(device=str(device.pk), what="access_details")
    return str(secret)
