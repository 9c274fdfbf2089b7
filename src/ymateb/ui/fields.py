"""Form fields as the journey's forms declare them: a text box with its most length and the
words for too long, a set of radios or a drop-down list, and a GOV.UK date input with or
without its time box. One line a field instead of six, and the same words for the same
mistake everywhere."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms

#: The most a time box holds ("14:30", "2:30pm").
TIME_MAX = 10


def _messages(**messages: Any) -> dict[str, Any] | None:
    """Django's error messages by their codes, leaving out those not given."""
    return {code: text for code, text in messages.items() if text is not None} or None


def _required(required: bool | None, missing: Any) -> bool:
    """Required when it says what to tell a person who leaves it empty, unless told."""
    return missing is not None if required is None else required


def text(
    label: Any = None,
    max_length: int | None = None,
    too_long: Any = None,
    *,
    required: bool | None = None,
    missing: Any = None,
    **options: Any,
) -> forms.CharField:
    """A text field; `too_long` and `missing` are what the person is told when it is longer
    than `max_length` or left empty. It is required when it says what to tell a person who
    leaves it empty (`missing`), unless `required` says otherwise."""
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=_required(required, missing),
        error_messages=_messages(max_length=too_long, required=missing),
        **options,
    )


def long_text(
    label: Any = None, max_length: int | None = None, too_long: Any = None, **options: Any
) -> forms.CharField:
    """A text field shown as a text area, for an answer of a sentence or more."""
    return text(label, max_length, too_long, widget=forms.Textarea, **options)


def radios(
    label: Any, choices: Any, *, required: bool | None = None, missing: Any = None, **options: Any
) -> forms.ChoiceField:
    """One choice of several, shown as radios; required when it says what to tell a person
    who chooses none (`missing`), unless `required` says otherwise."""
    return select(
        label, choices, required=required, missing=missing, widget=forms.RadioSelect, **options
    )


def select(
    label: Any,
    choices: Any = (),
    *,
    coerce: Callable[[Any], Any] | None = None,
    required: bool | None = None,
    missing: Any = None,
    not_listed: Any = None,
    **options: Any,
) -> forms.ChoiceField:
    """One choice from a list (the choices may be set later, in the form's __init__), the
    chosen value turned into another type by `coerce` when it is given. Required when it
    says what to tell a person who chooses none (`missing`), unless `required` says
    otherwise; `not_listed` is what they are told for a value that is not in the list."""
    if coerce is not None:
        options["coerce"] = coerce
    field = forms.TypedChoiceField if coerce is not None else forms.ChoiceField
    return field(
        label=label,
        choices=choices,
        required=_required(required, missing),
        error_messages=_messages(required=missing, invalid_choice=not_listed),
        **options,
    )


def date_input(label: Any = None) -> forms.CharField:
    """The field of a GOV.UK date input `<name>`: it holds the label and the errors of its
    three boxes, `<name>_day`, `_month` and `_year`, which the form's clean() reads with
    `ymateb.ui.dates.read_date` (or `read_moment`)."""
    return forms.CharField(required=False, label=label)


def moment(date_label: Any, time_label: Any) -> tuple[forms.CharField, forms.CharField]:
    """A date input `<name>` and its time box `<name>_time`, declared together:
    `held, held_time = fields.moment(_("When was it?"), _("Time"))`."""
    return date_input(date_label), text(time_label, TIME_MAX)
