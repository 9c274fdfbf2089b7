"""The forms of closing an incident and of adding an addendum."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ymateb.incidents.pages import VersionedForm


class CloseForm(VersionedForm):
    outcome_summary = forms.CharField(
        label=_("Outcome summary"),
        max_length=20000,
        widget=forms.Textarea,
        error_messages={"required": _("Write an outcome summary before closing the incident")},
    )
    out_of_scope = forms.BooleanField(required=False)


class AddendumForm(VersionedForm):
    text = forms.CharField(
        label=_("Addendum"),
        max_length=20000,
        widget=forms.Textarea,
        error_messages={"required": _("Write the addendum")},
    )
