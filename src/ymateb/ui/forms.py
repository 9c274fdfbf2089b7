"""Helpers that turn a Django form into what the GOV.UK Frontend macros expect."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest

from ymateb.records.images import refuse_image_data, refuse_image_headers


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

    A password field gets the header check only (refuse_image_headers): a password is never
    stored, and a long random one from a password manager is not encoded data.
    """
    for field in form.fields.values():
        if not isinstance(field, forms.CharField):
            continue
        if isinstance(field.widget, forms.PasswordInput):
            validator = refuse_image_headers
        else:
            validator = refuse_image_data
        if validator not in field.validators:
            field.validators.append(validator)


if TYPE_CHECKING:  # the mixin is only ever mixed into a form: type-check it as one
    _FormBase = forms.BaseForm
else:
    _FormBase = object


class NoImageDataFormMixin(_FormBase):
    """Checks every text field when the form is validated, so a field added after
    `__init__` (as the risk assessment adds its questions) is checked too."""

    def full_clean(self) -> None:
        clean_all_text(self)
        super().full_clean()


class YmatebForm(NoImageDataFormMixin, forms.Form):
    """The base of every form: no text field accepts an image, a video or a data: link."""


class YmatebModelForm(NoImageDataFormMixin, forms.ModelForm[Any]):
    """YmatebForm for model forms."""


def no_image_data_form(form_class: type[forms.BaseForm]) -> type[forms.BaseForm]:
    """`form_class` with NoImageDataFormMixin, for forms made elsewhere (the Django admin)."""
    if issubclass(form_class, NoImageDataFormMixin):
        return form_class
    return type(
        form_class.__name__,
        (NoImageDataFormMixin, form_class),
        {"__module__": form_class.__module__},
    )


class NoImageDataAdmin(admin.ModelAdmin[Any]):
    """Mixed into every ModelAdmin of the Ymateb admin site (YmatebAdminSite.register): its
    forms and its inlines' forms refuse image data with a message on the field."""

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> Any:
        return no_image_data_form(super().get_form(request, obj, change=change, **kwargs))

    def get_formsets_with_inlines(self, request: HttpRequest, obj: Any = None) -> Any:
        for formset, inline in super().get_formsets_with_inlines(request, obj):
            formset.form = no_image_data_form(formset.form)
            yield formset, inline
