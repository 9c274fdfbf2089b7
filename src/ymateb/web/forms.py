"""Helpers that turn a Django form into what the GOV.UK Frontend macros expect."""

from __future__ import annotations

from typing import Any

from django import forms


def error_summary(form: forms.Form) -> list[dict[str, str]]:
    """The GOV.UK error summary list: each error linked to its field."""
    items: list[dict[str, str]] = []
    for message in form.non_field_errors():
        items.append({"text": str(message), "href": "#main-content"})
    anchors: dict[str, str] = getattr(form, "error_anchors", {})
    for name, field in form.fields.items():
        if name in form.errors:
            bound = form[name]
            anchor = anchors.get(name) or bound.auto_id or f"id_{name}"
            if name not in anchors and isinstance(
                field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple
            ):
                anchor = f"{anchor}_0" if not anchor.endswith("_0") else anchor
            for message in form.errors[name]:
                items.append({"text": str(message), "href": f"#{anchor}"})
    return items


def field_error(form: forms.Form, name: str) -> dict[str, str] | None:
    """The `errorMessage` argument of a GOV.UK macro, or None."""
    if form.is_bound and name in form.errors:
        return {"text": " ".join(str(m) for m in form.errors[name])}
    return None


def value(form: forms.Form, name: str) -> Any:
    """What the field should show: the submitted value, or the initial one."""
    bound = form[name]
    current = bound.value()
    return "" if current is None else current
