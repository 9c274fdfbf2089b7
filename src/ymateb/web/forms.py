"""Helpers that turn a Django form into what the GOV.UK Frontend macros expect."""

from __future__ import annotations

from typing import Any

from django import forms

from ymateb.records.images import refuse_image_data


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


def no_error(form: forms.Form, name: str) -> None:
    """Stands in for field_error where a bound form is shown without being checked."""
    return None


def choice_items(form: forms.Form, name: str, mark: str = "checked") -> list[dict[str, Any]]:
    """GOV.UK radio, checkbox or select items for a choice field, with the current value marked."""
    current = value(form, name)
    chosen = {str(v) for v in current} if isinstance(current, list | tuple) else {str(current)}
    items = []
    for option_value, label in form.fields[name].choices:  # type: ignore[attr-defined]
        items.append({"value": option_value, "text": str(label), mark: str(option_value) in chosen})
    return items


def clean_all_text(form: forms.BaseForm) -> None:
    """Give every text field of `form` the no-images validator (refuse_image_data).

    Call before the form is validated; YmatebForm and YmatebModelForm do it for you.
    """
    for field in form.fields.values():
        if isinstance(field, forms.CharField) and refuse_image_data not in field.validators:
            field.validators.append(refuse_image_data)


class YmatebForm(forms.Form):
    """The base of every form: no text field accepts an image, a video or a data: link."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        clean_all_text(self)


class YmatebModelForm(forms.ModelForm):  # type: ignore[type-arg]
    """YmatebForm for model forms."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        clean_all_text(self)
