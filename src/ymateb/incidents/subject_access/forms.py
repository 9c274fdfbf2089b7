from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ymateb.ui import fields
from ymateb.ui.dates import read_date
from ymateb.ui.forms import YmatebForm


class SubjectSearchForm(YmatebForm):
    error_anchors = {"dob": "id_dob_day"}

    name = fields.text(_("Child's full name"), 200, missing=_("Enter the child's full name"))
    dob = forms.CharField(required=False, label=_("Date of birth (optional)"))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        cleaned["date_of_birth"] = read_date(self, "dob", required=False)
        return cleaned


class ExportForm(YmatebForm):
    child = forms.MultipleChoiceField(
        error_messages={"required": _("Choose at least one record to export")}
    )
    format = forms.ChoiceField(choices=[("json", "JSON"), ("document", _("Document"))])
    show_other_names = forms.BooleanField(required=False)

    def __init__(self, *args: Any, child_ids: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["child"].choices = [(c, c) for c in child_ids]  # type: ignore[attr-defined]
