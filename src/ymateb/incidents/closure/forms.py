"""The forms of closing an incident and of adding an addendum."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ymateb.incidents.pages import VersionedForm
from ymateb.ui import fields


class CloseForm(VersionedForm):
    outcome_summary = fields.long_text(
        _("Outcome summary"),
        20000,
        missing=_("Write an outcome summary before closing the incident"),
    )
    out_of_scope = forms.BooleanField(required=False)


class AddendumForm(VersionedForm):
    text = fields.long_text(_("Addendum"), 20000, missing=_("Write the addendum"))
