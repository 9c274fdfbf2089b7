from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ymateb.web.dates import read_date
from ymateb.web.forms import YmatebForm


class VersionedForm(YmatebForm):
    """Carries the incident version the page was built from, so a later save by someone
    else is noticed instead of overwritten."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


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


class ReviewDateForm(VersionedForm):
    error_anchors = {"review_on": "id_review_on_day"}

    review_on = forms.CharField(required=False)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        day = read_date(self, "review_on", required=True, not_future=False)
        if day is not None:
            from django.utils import timezone

            if day < timezone.localdate():
                self.add_error("review_on", _("The review date must be today or in the future"))
            else:
                cleaned["review_date"] = day
        return cleaned
