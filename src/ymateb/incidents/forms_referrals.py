"""Forms of the referral step. Every text field refuses image data (YmatebForm)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from ymateb.incidents.models import Referral
from ymateb.incidents.services_referrals import CRIME_REFERENCE_MAX, ROUTE_ORDER
from ymateb.web.dates import read_date, read_time
from ymateb.web.forms import YmatebForm

CRIME_REFERENCE_ERRORS = {
    "max_length": _("The crime reference number must be 30 characters or fewer"),
}


class VersionField(forms.IntegerField):
    """The incident version the page was built from (hidden). Optional: without it no
    conflict check is made."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(required=False, min_value=1, **kwargs)


def read_moment(
    form: forms.Form,
    prefix: str,
    *,
    required: bool,
    floor: date | None,
    floor_message: str,
    time_required_message: str,
    date_required_message: str,
) -> datetime | None:
    """A GOV.UK date input `<prefix>` with a time box `<prefix>_time`: today or earlier, not
    before `floor`, and not later than now. Adds the errors to the form."""
    day = read_date(form, prefix, required=False, not_future=True)
    at = read_time(form, f"{prefix}_time")
    if day is None:
        if required and prefix not in form.errors:
            form.add_error(prefix, date_required_message)
        return None
    if floor is not None and day < floor:
        form.add_error(prefix, floor_message % {"date": formats.date_format(floor, "DATE_FORMAT")})
        return None
    if at is None:
        if f"{prefix}_time" not in form.errors:
            form.add_error(f"{prefix}_time", time_required_message)
        return None
    moment = timezone.make_aware(datetime.combine(day, at))
    if moment > timezone.now():
        form.add_error(f"{prefix}_time", _("The time must be now or in the past"))
        return None
    return moment


class ReferralForm(YmatebForm):
    """Record a referral (R-113, R-120)."""

    error_anchors = {"route": "id_route", "made": "id_made_day"}

    version = VersionField()
    route = forms.ChoiceField(
        label=_("Who did you refer to?"),
        choices=[(code, Referral.Route(code).label) for code in ROUTE_ORDER],
        widget=forms.RadioSelect,
        error_messages={"required": _("Select who you referred to")},
    )
    made = forms.CharField(required=False, label=_("When was the referral made?"))
    made_time = forms.CharField(required=False, max_length=10, label=_("Time"))
    contact_name = forms.CharField(
        label=_("Who took the referral (optional)"),
        required=False,
        max_length=200,
        error_messages={"max_length": _("The name must be 200 characters or fewer")},
    )
    crime_reference = forms.CharField(
        label=_("Crime reference number (optional)"),
        required=False,
        max_length=CRIME_REFERENCE_MAX,
        error_messages=CRIME_REFERENCE_ERRORS,
    )
    agreed = forms.CharField(
        label=_("What was agreed"),
        max_length=20000,
        widget=forms.Textarea,
        error_messages={
            "required": _("Write down what was agreed, or what you were told to do next"),
            "max_length": _("What was agreed must be 20,000 characters or fewer"),
        },
    )

    def __init__(self, *args: Any, reported_on: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.reported_on = reported_on

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        cleaned["made_at"] = read_moment(
            self,
            "made",
            required=True,
            floor=self.reported_on,
            floor_message=str(
                _(
                    "The referral date must be on or after the day the concern was "
                    "reported (%(date)s)"
                )
            ),
            time_required_message=str(_("Enter the time the referral was made, like 14:30")),
            date_required_message=str(_("Enter the date the referral was made")),
        )
        return cleaned


class ReferralOutcomeForm(YmatebForm):
    """What came of a referral, and a crime reference given later (R-120)."""

    error_anchors = {"outcome": "id_outcome", "outcome_on": "id_outcome_on_day"}

    version = VersionField()
    crime_reference = forms.CharField(
        label=_("Crime reference number"),
        required=False,
        max_length=CRIME_REFERENCE_MAX,
        error_messages=CRIME_REFERENCE_ERRORS,
    )
    outcome = forms.ChoiceField(
        label=_("What was the outcome?"),
        choices=Referral.Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the outcome, or 'Not known yet'")},
    )
    outcome_on = forms.CharField(required=False, label=_("Date of the outcome (optional)"))
    note = forms.CharField(
        label=_("About the outcome (optional)"),
        required=False,
        max_length=20000,
        widget=forms.Textarea,
        error_messages={"max_length": _("The note must be 20,000 characters or fewer")},
    )

    def __init__(self, *args: Any, made_on: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.made_on = made_on

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        day = read_date(self, "outcome_on", required=False, not_future=True)
        if day is not None and day < self.made_on:
            self.add_error(
                "outcome_on",
                _("The outcome date must be on or after the day of the referral (%(date)s)")
                % {"date": formats.date_format(self.made_on, "DATE_FORMAT")},
            )
            day = None
        cleaned["outcome_date"] = day
        return cleaned
