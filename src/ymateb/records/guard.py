"""No image by any route: every text value is checked again just before it is saved.

Forms refuse a pasted file with a message on the field (`ymateb.ui.forms`), but a field
added to a form later, an admin page, a service or a management command could still reach
the database. So a `pre_save` receiver, connected for every model in
`RecordsConfig.ready`, checks every CharField and TextField of the row being saved with
`find_image_data`, and the encrypted fields check their plaintext as it is encrypted
(`ymateb.records.crypto`), which covers `QuerySet.update` and `bulk_create` too. A refusal
raises `ImageDataRefused`; `RefuseUploadsMiddleware.process_exception` turns it into a 400
page in the person's language and rolls the request's transaction back, so nothing of
that request is written.

Only machine-written values are left out, each named below with its reason.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db import models

from ymateb.records.images import find_image_data

# Whole apps whose rows hold no free text anyone types.
MACHINE_APPS: dict[str, str] = {
    "audit": "written only by the audit service: action codes, hashes, keyed signatures and "
    "labels copied from records that were checked when they were saved",
    "axes": "django-axes' lockout records: a refusal here would stop a failed sign-in from "
    "being counted; what axes keeps is limited in its settings",
    "django_tasks_database": "background task payloads, results and tracebacks, written by "
    "the worker from values that were checked when they were saved",
}
# Single columns written by a machine, never typed.
MACHINE_FIELDS: dict[str, str] = {
    "accounts.User.password": "a password hash made by Django (algorithm, salt and digest)",
    "sessions.Session.session_data": "signed, encoded session data written by Django",
    "otp_totp.TOTPDevice.key": "an authenticator's secret key in hex, made by the app",
    "incidents.Review.engine_input": "JSON the app builds from the review's answers (codes, "
    "ages, yes/no), each checked as it was typed",
    "incidents.Review.engine_output": "JSON written by the decision engine (codes and its own "
    "bilingual explanations); JSON's dense punctuation is not prose",
}


class ImageDataRefused(Exception):  # noqa: N818 (a refusal, not a programming error)
    """A text value about to be saved holds image, video or encoded file data.

    Carries the model and field (`where`), never the value."""

    def __init__(self, where: str) -> None:
        super().__init__(f"image or encoded data refused in {where}")
        self.where = where


def strings(value: Any) -> Iterator[str]:
    """Every string in a text or JSON value."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from strings(key)
            yield from strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from strings(item)


def check_value(where: str, value: Any) -> None:
    """Raise ImageDataRefused if `value` (text, or JSON holding text) carries image data."""
    for text in strings(value):
        if find_image_data(text) is not None:
            raise ImageDataRefused(where)


def check_field_value(model: type[models.Model], field: models.Field[Any, Any], value: Any) -> None:
    """check_value for one field of a model, unless the field is a machine field."""
    if not exempt(model, field):
        check_value(f"{model._meta.label}.{field.name}", value)


def exempt(model: type[models.Model], field: models.Field[Any, Any]) -> bool:
    return (
        model._meta.app_label in MACHINE_APPS
        or f"{model._meta.label}.{field.name}" in MACHINE_FIELDS
    )


def checked_fields(model: type[models.Model]) -> list[models.Field[Any, Any]]:
    """The text columns of `model` this guard checks before a save.

    Encrypted fields check themselves as they are encrypted, so they are not repeated."""
    return [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField)
        and not getattr(field, "encrypted", False)
        and not exempt(model, field)
    ]


def refuse_image_data_on_save(
    sender: type[models.Model],
    instance: models.Model,
    update_fields: Any = None,
    **kwargs: Any,
) -> None:
    """pre_save receiver for every model."""
    for field in checked_fields(sender):
        if update_fields is not None and field.name not in update_fields:
            continue
        value = getattr(instance, field.attname)
        if isinstance(value, str) and value:
            check_value(f"{sender._meta.label}.{field.name}", value)
