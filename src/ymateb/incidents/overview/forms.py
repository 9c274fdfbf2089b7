"""The incident page's form: when the incident should next be reviewed."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ymateb.incidents.pages import VersionedForm
from ymateb.ui.dates import read_date


class ReviewDateForm(VersionedForm):
    error_anchors = {"review_on": "id_review_on_day"}

    review_on = forms.CharField(required=False)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        day = read_date(self, "review_on", required=True, not_future=False)
        if day is not None:
            if day < timezone.localdate():
                self.add_error("review_on", _("The review date must be today or in the future"))
            else:
                cleaned["review_date"] = day
        return cleaned
