"""Form fields as the journey's forms declare them: a text box with its most length and the
words for too long, and a set of radios. One line a field instead of six, and the same
words for the same mistake everywhere."""

from __future__ import annotations

from typing import Any

from django import forms


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
    if required is None:
        required = missing is not None
    messages = {}
    if too_long is not None:
        messages["max_length"] = too_long
    if missing is not None:
        messages["required"] = missing
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        error_messages=messages or None,
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
    return forms.ChoiceField(
        label=label,
        choices=choices,
        required=missing is not None if required is None else required,
        widget=forms.RadioSelect,
        error_messages={"required": missing} if missing is not None else None,
        **options,
    )
