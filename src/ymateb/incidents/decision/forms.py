"""Leadership's sign-off of a decision not to refer."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ymateb.incidents.pages import VersionedForm
from ymateb.incidents.review.forms import long_text


class SignOffForm(VersionedForm):
    """Leadership signs the decision off, or returns it to the DSP with a reason."""

    error_anchors = {"return_reason": "id_return_reason", "action": "id_action"}

    action = forms.ChoiceField(
        choices=(("sign_off", "sign_off"), ("return", "return")),
        error_messages={"required": gettext_lazy("Sign off the decision or return it")},
    )
    note = long_text(gettext_lazy("Note (optional)"))
    return_reason = long_text(gettext_lazy("Why you are returning it"))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("action") == "return" and not (cleaned.get("return_reason") or "").strip():
            self.add_error("return_reason", _("Say why you are returning the decision to the DSP"))
        return cleaned
