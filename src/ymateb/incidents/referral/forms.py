"""Forms of the referral step. Every text field refuses image data (YmatebForm)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from ymateb.incidents.models import Referral
from ymateb.incidents.pages import VersionedForm
from ymateb.incidents.referral.services import CRIME_REFERENCE_MAX, ROUTE_ORDER
from ymateb.ui import fields
from ymateb.ui.dates import MomentWords, read_date, read_moment


def crime_reference_field(label: Any) -> forms.CharField:
    """The crime reference number the police give, asked when a referral is recorded and
    again with its outcome."""
    return fields.text(
        label,
        CRIME_REFERENCE_MAX,
        _("The crime reference number must be 30 characters or fewer"),
    )


MADE = MomentWords(
    no_date=_("Enter the date the referral was made"),
    no_time=_("Enter the time the referral was made, like 14:30"),
    too_early=_(
        "The referral date must be on or after the day the concern was reported (%(date)s)"
    ),
)


class ReferralForm(VersionedForm):
    """Record a referral (R-113, R-120)."""

    error_anchors = {"route": "id_route", "made": "id_made_day"}

    route = fields.radios(
        _("Who did you refer to?"),
        [(code, Referral.Route(code).label) for code in ROUTE_ORDER],
        missing=_("Select who you referred to"),
    )
    made, made_time = fields.moment(_("When was the referral made?"), _("Time"))
    contact_name = fields.text(
        _("Who took the referral (optional)"), 200, _("The name must be 200 characters or fewer")
    )
    crime_reference = crime_reference_field(_("Crime reference number (optional)"))
    agreed = fields.long_text(
        _("What was agreed"),
        20000,
        _("What was agreed must be 20,000 characters or fewer"),
        missing=_("Write down what was agreed, or what you were told to do next"),
    )

    def __init__(self, *args: Any, reported_on: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.reported_on = reported_on

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        cleaned["made_at"] = read_moment(self, "made", floor=self.reported_on, words=MADE)
        return cleaned


class ReferralOutcomeForm(VersionedForm):
    """What came of a referral, and a crime reference given later (R-120)."""

    error_anchors = {"outcome": "id_outcome", "outcome_on": "id_outcome_on_day"}

    crime_reference = crime_reference_field(_("Crime reference number"))
    outcome = fields.radios(
        _("What was the outcome?"),
        Referral.Outcome.choices,
        missing=_("Select the outcome, or 'Not known yet'"),
    )
    outcome_on = fields.date_input(_("Date of the outcome (optional)"))
    note = fields.long_text(
        _("About the outcome (optional)"), 20000, _("The note must be 20,000 characters or fewer")
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
