"""Forms of the incident journey. Every text field refuses image data (see records.images)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ymateb.incidents.models import HowItCameToLight
from ymateb.ui import fields
from ymateb.ui.dates import parse_date_parts, read_date, read_time
from ymateb.ui.forms import YmatebForm


class ConcernForm(YmatebForm):
    """Report a concern ("Disclosure", "Initial response")."""

    error_anchors = {"when": "id_when_day", "came_to_light": "id_came_to_light"}

    setting = fields.select(
        _("Which setting is this about?"),
        coerce=int,
        missing=_("Select the setting this concern is about"),
    )
    came_to_light = fields.radios(
        _("How did this come to light?"),
        HowItCameToLight.choices,
        missing=_("Select how this came to light"),
    )
    when, when_time = fields.moment(_("When did it happen or come to light?"), _("Time (optional)"))
    account = fields.long_text(
        _("What was said"),
        20000,
        _("What was said must be 20,000 characters or fewer"),
        missing=_("Write down what was said, in the child's own words"),
    )
    saw_image = forms.BooleanField(required=False, label=_("I unavoidably saw an image"))

    def __init__(self, *args: Any, settings_choices: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["setting"].choices = settings_choices  # type: ignore[attr-defined]
        self.only_setting = settings_choices[0][0] if len(settings_choices) == 1 else None
        if self.only_setting is not None:
            self.fields["setting"].required = False

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.only_setting is not None:
            cleaned["setting"] = self.only_setting
        day = read_date(self, "when", required=True)
        at = read_time(self, "when_time")
        if day is not None:
            moment = datetime.combine(day, at or datetime.min.time())
            aware = timezone.make_aware(moment)
            if aware > timezone.now():
                self.add_error("when_time", _("The time must be now or in the past"))
            cleaned["occurred_at"] = aware
        return cleaned


class ChildForm(YmatebForm):
    """One child involved. A person aged 18 or over is not entered as a child (R-002)."""

    name = fields.text(_("Name"), 200, missing=_("Enter the child's name"))
    known_as = fields.text(
        _("Also known as (optional)"), 200, _("Other names must be 200 characters or fewer")
    )
    year_group = fields.text(_("Year group or class (optional)"), 40)
    age = forms.IntegerField(
        label=_("Age (optional)"),
        required=False,
        min_value=0,
        max_value=17,
        error_messages={
            "invalid": _("Age must be a whole number, like 14"),
            "min_value": _("Age must be 0 or more"),
            "max_value": _(
                "A person aged 18 or over is not a child under this guidance. "
                "Describe them in what was said: the DSP will record them as an adult involved."
            ),
        },
    )
    dob = fields.date_input(_("Date of birth (optional)"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.error_anchors = {"dob": f"id_{self.prefix}-dob_day" if self.prefix else "id_dob_day"}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        prefix = f"{self.prefix}-dob" if self.prefix else "dob"
        dob = parse_date_parts(
            self.data,
            prefix,
            required=False,
            not_future=True,
            error=lambda message: self.add_error("dob", message),
        )
        if dob is not None:
            today = timezone.localdate()
            years = today.year - dob.year - ((today.month, today.day) < (dob.month, dob.day))
            if years >= 18:
                self.add_error(
                    "dob",
                    _(
                        "This date of birth makes them 18 or over: they are not a child under "
                        "this guidance. Check the date."
                    ),
                )
            else:
                cleaned["date_of_birth"] = dob
        return cleaned


class BaseChildFormSet(forms.BaseFormSet):  # type: ignore[type-arg]
    default_error_messages = {
        "too_few_forms": _("Enter the name of at least one child"),
        "too_many_forms": _("Enter 30 children or fewer; add more in the record later"),
        "missing_management_form": _("The form was incomplete. Go back and try again."),
    }


ChildFormSet = forms.formset_factory(
    ChildForm,
    formset=BaseChildFormSet,
    extra=0,
    min_num=1,
    validate_min=True,
    max_num=30,
    validate_max=True,
    # Never build more than 30 rows, whatever count the page sends (Django's default
    # would build up to 1,030 forms from a tampered "number of children").
    absolute_max=30,
)


def children_errors(children: Any) -> list[dict[str, str]]:
    """Error summary items for the children's rows; the formset's own message only when
    no row has said what is wrong."""
    from ymateb.ui.forms import error_summary

    items = [item for child in children.forms for item in error_summary(child)]
    if not items:
        items = [{"text": str(e), "href": "#id_child-0-name"} for e in children.non_form_errors()]
    return items
