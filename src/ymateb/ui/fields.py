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
    required: bool = False,
    missing: Any = None,
    **options: Any,
) -> forms.CharField:
    """A text field, optional unless `required`; `too_long` and `missing` are what the person
    is told when it is longer than `max_length` or left empty."""
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


def radios(
    label: Any, choices: Any, *, required: bool = False, missing: Any = None, **options: Any
) -> forms.ChoiceField:
    """One choice of several, shown as radios; optional unless `required`."""
    return forms.ChoiceField(
        label=label,
        choices=choices,
        required=required,
        widget=forms.RadioSelect,
        error_messages={"required": missing} if missing is not None else None,
        **options,
    )
