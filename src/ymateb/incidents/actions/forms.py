"""Forms of the action plan and the device register. Every text field refuses image data."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ymateb.incidents.actions.plan import (
    DELETION_PLACES,
    INFORM_HOW,
    TAKE_DOWN_SERVICES,
    TAKE_DOWN_STATUSES,
    earliest_deadline,
)
from ymateb.incidents.models import Action, Incident
from ymateb.incidents.pages import VersionedForm
from ymateb.ui import fields
from ymateb.ui.dates import read_date

BEFORE_CONCERN = _("The deadline cannot be before the concern was reported")
NOT_A_LINK = _(
    "Describe the platform or place in words, like 'Snapchat group chat'. Do not paste a link: "
    "a link could lead someone to the image."
)


def _looks_like_link(text: str) -> bool:
    lowered = text.lower()
    return any(marker in lowered for marker in ("://", "www.", ".com/", ".co.uk/", "bit.ly"))


class SuggestForm(VersionedForm):
    """ "Add the standard actions": the button sends only the version of the plan it was
    shown with, so here the version is required (a stale page is told, not applied)."""

    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)


class _ActionDetailsMixin(forms.Form):
    """The kind-specific details of an action (Action.details)."""

    place = fields.radios(_("Where should it be deleted from?"), DELETION_PLACES)
    place_description = fields.text(
        _("Which device, account or service (optional)"),
        200,
        _("The description must be 200 characters or fewer"),
    )
    reminded = forms.BooleanField(
        label=_(
            "The child was reminded that having the image is illegal, and told what refusing means"
        ),
        required=False,
    )
    service = fields.radios(_("How will it be taken down?"), TAKE_DOWN_SERVICES)
    platform = fields.text(
        _("Platform or place (optional)"), 200, _("The platform must be 200 characters or fewer")
    )
    take_down_status = fields.radios(_("Take-down status"), TAKE_DOWN_STATUSES)
    inform_how = fields.radios(_("How will the parents or carers be told?"), INFORM_HOW)

    kind_value: str = ""

    def clean_details(self, cleaned: dict[str, Any]) -> None:
        kind = self.kind_value
        if kind == Action.Kind.DELETION and not cleaned.get("place"):
            self.add_error("place", _("Choose where the image should be deleted from"))
        if kind == Action.Kind.TAKE_DOWN:
            if not cleaned.get("service"):
                self.add_error("service", _("Choose how the image will be taken down"))
            if cleaned.get("service") == "platform_report" and not cleaned.get("platform"):
                self.add_error("platform", _("Name the platform the report goes to"))
        for name in ("platform", "place_description"):
            if _looks_like_link(str(cleaned.get(name) or "")):
                self.add_error(name, NOT_A_LINK)

    def details(self) -> dict[str, Any]:
        data = self.cleaned_data
        kind = self.kind_value
        if kind == Action.Kind.DELETION:
            return {
                "place": data["place"],
                "description": data.get("place_description", ""),
                "reminded": bool(data.get("reminded")),
            }
        if kind == Action.Kind.TAKE_DOWN:
            return {
                "service": data["service"],
                "platform": data.get("platform", ""),
                "status": data.get("take_down_status") or "not_started",
            }
        if kind == Action.Kind.INFORM_PARENTS and data.get("inform_how"):
            return {"how": data["inform_how"]}
        return {}


def _deadline(form: forms.Form, incident: Incident, cleaned: dict[str, Any]) -> None:
    day = read_date(form, "deadline", required=True, not_future=False)
    if day is None:
        return
    if day < earliest_deadline(incident):
        form.add_error("deadline", BEFORE_CONCERN)
    else:
        cleaned["deadline_date"] = day


class ActionForm(VersionedForm, _ActionDetailsMixin):
    """Add an action to the plan."""

    error_anchors = {
        "deadline": "id_deadline_day",
        "kind": "id_kind",
        "place": "id_place",
        "service": "id_service",
        "take_down_status": "id_take_down_status",
        "inform_how": "id_inform_how",
    }

    kind = fields.radios(
        _("What needs doing?"),
        Action.Kind.choices,
        missing=_("Choose what needs doing"),
    )
    child = forms.ChoiceField(label=_("Which child is it for?"), required=False)
    owner = forms.ChoiceField(
        label=_("Who will do it?"),
        error_messages={"required": _("Choose who will do it")},
    )
    deadline = forms.CharField(required=False, label=_("Deadline"))
    note = fields.long_text(
        _("Notes (optional)"), 5000, _("The notes must be 5,000 characters or fewer")
    )

    NEEDS_CHILD = (Action.Kind.INFORM_PARENTS, Action.Kind.SUPPORT, Action.Kind.DELETION)

    def __init__(
        self,
        *args: Any,
        incident: Incident,
        owners: list[tuple[str, str]],
        children: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.incident = incident
        self.fields["owner"].choices = owners  # type: ignore[attr-defined]
        self.fields["child"].choices = [("", _("The whole incident")), *children]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        self.kind_value = str(cleaned.get("kind") or "")
        if self.kind_value in self.NEEDS_CHILD and not cleaned.get("child"):
            self.add_error("child", _("Choose which child this is for"))
        _deadline(self, self.incident, cleaned)
        self.clean_details(cleaned)
        return cleaned


class ActionUpdateForm(VersionedForm, _ActionDetailsMixin):
    """Change an action: its status (with a note of completion), owner and deadline."""

    error_anchors = {
        "deadline": "id_deadline_day",
        "confirmed_on": "id_confirmed_on_day",
        "status": "id_status",
        "place": "id_place",
        "service": "id_service",
        "take_down_status": "id_take_down_status",
        "inform_how": "id_inform_how",
        "checked": "id_checked",
    }

    status = fields.radios(_("Status"), Action.Status.choices, missing=_("Choose the status"))
    owner = forms.ChoiceField(
        label=_("Who will do it?"), error_messages={"required": _("Choose who will do it")}
    )
    deadline = forms.CharField(required=False, label=_("Deadline"))
    confirmed_on = forms.CharField(required=False, label=_("Date the child confirmed"))
    note = fields.long_text(
        _("Note of completion"), 5000, _("The note must be 5,000 characters or fewer")
    )
    checked = forms.MultipleChoiceField(
        label=_("Points covered"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(
        self,
        *args: Any,
        incident: Incident,
        action: Action,
        owners: list[tuple[str, str]],
        points: list[tuple[str, str]] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.incident = incident
        self.action = action
        self.kind_value = action.kind
        self.fields["owner"].choices = owners  # type: ignore[attr-defined]
        self.fields["checked"].choices = points or []  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        _deadline(self, self.incident, cleaned)
        self.clean_details(cleaned)
        status = cleaned.get("status")
        note = str(cleaned.get("note") or "").strip()
        kind = self.kind_value
        if status == Action.Status.DONE:
            if kind == Action.Kind.DELETION:
                confirmed = read_date(self, "confirmed_on", required=False)
                if confirmed is None and "confirmed_on" not in self.errors:
                    self.add_error(
                        "confirmed_on", _("Enter the date the child confirmed they deleted it")
                    )
                elif confirmed is not None and confirmed < earliest_deadline(self.incident):
                    self.add_error(
                        "confirmed_on",
                        _("The confirmation cannot be before the concern was reported"),
                    )
                else:
                    cleaned["confirmed_date"] = confirmed
                if not note:
                    self.add_error(
                        "note", _("Record how the child confirmed the image was deleted")
                    )
            elif kind == Action.Kind.TAKE_DOWN:
                if cleaned.get("take_down_status") not in ("removed", "not_possible"):
                    self.add_error(
                        "take_down_status",
                        _(
                            "Set the take-down status to removed or not possible before "
                            "marking it done"
                        ),
                    )
                if not note:
                    self.add_error("note", _("Record the outcome of the take-down"))
            elif not note:
                self.add_error("note", _("Write a note of what was done"))
        elif status == Action.Status.NOT_NEEDED and not note:
            self.add_error("note", _("Say why this action is not needed"))
        return cleaned

    def details(self) -> dict[str, Any]:
        details = super().details()
        if self.kind_value == Action.Kind.SUPPORT:
            details["checked"] = list(self.cleaned_data.get("checked") or [])
        confirmed = self.cleaned_data.get("confirmed_date")
        if self.kind_value == Action.Kind.DELETION and confirmed is not None:
            details["confirmed_on"] = confirmed.isoformat()
        return details
