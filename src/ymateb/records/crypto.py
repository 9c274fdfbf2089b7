"""Encryption at rest for sensitive text (narratives, children's words, names, device PINs).

Built on `cryptography`'s Fernet (AES-128-CBC with HMAC-SHA256) and MultiFernet, which
gives key rotation: the first key in YMATEB_FIELD_KEYS encrypts, every key decrypts, and
`ymateb rotate-keys` re-encrypts each value under the first key so old keys can be retired.
A small field of our own rather than a packaged one because we need exactly this: keys
only from the environment (never derived from SECRET_KEY), several at once, and a
rotation command that can prove every row was re-encrypted.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models

from ymateb.records.guard import check_field_value
from ymateb.records.images import refuse_image_data


@lru_cache(maxsize=1)
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    if not keys:
        raise ImproperlyConfigured("YMATEB_FIELD_KEYS has no key.")
    try:
        return MultiFernet([Fernet(key.encode("ascii")) for key in keys])
    except (ValueError, TypeError) as exc:
        raise ImproperlyConfigured(
            "YMATEB_FIELD_KEYS must be Fernet keys (32 url-safe base64 bytes), comma-separated. "
            "Make one with: python -c 'from cryptography.fernet import Fernet; "
            "print(Fernet.generate_key().decode())'"
        ) from exc


def fernet() -> MultiFernet:
    return _fernet(tuple(settings.YMATEB_FIELD_KEYS))


def encrypt(text: str) -> str:
    return fernet().encrypt(text.encode("utf-8")).decode("ascii")


def decrypt(token: str) -> str:
    try:
        return fernet().decrypt(token.encode("ascii")).decode("utf-8")
    except InvalidToken as exc:
        raise ImproperlyConfigured(
            "A stored value cannot be decrypted with any key in YMATEB_FIELD_KEYS. "
            "Was a key retired before `ymateb rotate-keys` ran?"
        ) from exc


def rotate(token: str) -> str:
    """The same plaintext, encrypted under the first (newest) key."""
    return fernet().rotate(token.encode("ascii")).decode("ascii")


class EncryptedTextField(models.TextField):  # type: ignore[type-arg]
    """Text stored encrypted. It cannot be searched or filtered on by its content."""

    encrypted = True
    # Text only: a pasted image, video or data: link is refused (see ymateb.records.images).
    default_validators = [refuse_image_data]

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value is None:
            return None
        # The last check before storage, on every route (save, update, bulk_create).
        check_field_value(self.model, self, str(value))
        return encrypt(str(value))

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        if value is None:
            return None
        return decrypt(value)

    def to_python(self, value: Any) -> Any:
        return value


def _refuse_image_data_in_json(value: Any) -> None:
    """Every string inside a JSON value is text like any other: no image data in it."""
    if isinstance(value, dict):
        for item in value.values():
            _refuse_image_data_in_json(item)
    elif isinstance(value, list | tuple):
        for item in value:
            _refuse_image_data_in_json(item)
    elif isinstance(value, str):
        refuse_image_data(value)


class EncryptedJSONField(models.TextField):  # type: ignore[type-arg]
    """A JSON value (dict, list, text, number) stored encrypted as one Fernet token.

    In Python it behaves like a JSONField; in the database it is text, so it cannot be
    queried by its content (no `field__key` lookups). Covered by `ymateb rotate-keys`
    like EncryptedTextField (it has `encrypted = True`).
    """

    encrypted = True
    default_validators = [_refuse_image_data_in_json]
    # For django-stubs: the value is any JSON value, in and out (not text).
    _pyi_private_set_type: Any
    _pyi_private_get_type: Any

    def get_prep_value(self, value: Any) -> Any:
        if value is None:
            return None
        check_field_value(self.model, self, value)
        return encrypt(json.dumps(value, ensure_ascii=False, sort_keys=True))

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        if value is None:
            return None
        return json.loads(decrypt(value))

    def to_python(self, value: Any) -> Any:
        # Deserialising (loaddata) hands over the JSON text from value_to_string.
        if isinstance(value, str):
            try:
                return json.loads(value)
            except ValueError:
                return value
        return value

    def value_to_string(self, obj: models.Model) -> str:
        return json.dumps(self.value_from_object(obj), ensure_ascii=False, sort_keys=True)


def encrypted_fields() -> list[tuple[type[models.Model], list[str]]]:
    """Every model with encrypted fields, with those fields' names."""
    from django.apps import apps

    found = []
    for model in apps.get_models():
        names = [f.name for f in model._meta.concrete_fields if getattr(f, "encrypted", False)]
        if names:
            found.append((model, names))
    return found
