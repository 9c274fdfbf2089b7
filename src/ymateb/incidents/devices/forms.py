"""The form of the device register."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ymateb.incidents.pages import VersionedForm
from ymateb.ui import fields
from ymateb.ui.dates import read_date, read_time


def _moment(form: forms.Form, prefix: str) -> datetime | None:
    day = read_date(form, prefix, required=False)
    at = read_time(form, f"{prefix}_time")
    if day is None:
        if at is not None:
            form.add_error(prefix, _("Enter the date as well as the time"))
        return None
    moment = timezone.make_aware(datetime.combine(day, at or datetime.min.time()))
    if moment > timezone.now():
        form.add_error(f"{prefix}_time", _("The time must be now or in the past"))
        return None
    return moment


class DeviceForm(VersionedForm):
    """A device in the register. The PIN can be written here but is never shown here."""

    error_anchors = {
        "seized": "id_seized_day",
        "handed": "id_handed_day",
        "returned": "id_returned_day",
    }

    description = fields.text(
        _("Device"),
        500,
        _("The description must be 500 characters or fewer"),
        missing=_("Describe the device, like 'black iPhone in a blue case'"),
    )
    child = forms.ChoiceField(label=_("Whose device is it?"), required=False)
    seized = forms.CharField(required=False)
    seized_time = forms.CharField(required=False, max_length=10)
    held_by = fields.text(_("Held by, and where"), 500, _("This must be 500 characters or fewer"))
    handed = forms.CharField(required=False)
    handed_time = forms.CharField(required=False, max_length=10)
    police_reference = fields.text(
        _("Police reference"), 30, _("The police reference must be 30 characters or fewer")
    )
    returned = forms.CharField(required=False)
    returned_time = forms.CharField(required=False, max_length=10)
    access_details = fields.text(
        _("PIN or access details"),
        200,
        _("The PIN or access details must be 200 characters or fewer"),
        strip=False,
    )
    clear_access_details = forms.BooleanField(required=False)

    def __init__(self, *args: Any, children: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["child"].choices = [("", _("Not a child's device, or not known")), *children]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        seized = _moment(self, "seized")
        handed = _moment(self, "handed")
        returned = _moment(self, "returned")
        if seized and handed and handed < seized:
            self.add_error(
                "handed", _("The device cannot be handed to the police before it was seized")
            )
        if seized and returned and returned < seized:
            self.add_error("returned", _("The device cannot be returned before it was seized"))
        cleaned["seized_at"] = seized
        cleaned["handed_to_police_at"] = handed
        cleaned["returned_at"] = returned
        return cleaned
