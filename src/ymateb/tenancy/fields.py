"""The one way a model names a person: a foreign key to the user model.

Every app's models point at people (who reported, who owns an action, who granted a role),
and they differ only in what the link is called, whether it may be empty, what happens when
the person is deleted and what the person reaches back through. Tenancy is the lowest floor
with such links (grants), so the factory lives here and the floors above use it. The audit
trail, a floor below, and accounts, which defines the user model, name it themselves.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Literal, overload

from django.conf import settings
from django.db import models
from django.db.models.expressions import Combinable
from django_stubs_ext import StrOrPromise

if TYPE_CHECKING:  # accounts is a floor above: its User is named, never imported at runtime
    from ymateb.accounts.models import User

OnDelete = Callable[..., None]


@overload
def person(
    verbose_name: StrOrPromise | None = None,
    *,
    optional: Literal[False] = False,
    on_delete: OnDelete = models.PROTECT,
    related_name: str = "+",
) -> models.ForeignKey[User | Combinable, User]: ...


@overload
def person(
    verbose_name: StrOrPromise | None = None,
    *,
    optional: Literal[True],
    on_delete: OnDelete = models.PROTECT,
    related_name: str = "+",
) -> models.ForeignKey[User | Combinable | None, User | None]: ...


def person(
    verbose_name: StrOrPromise | None = None,
    *,
    optional: bool = False,
    on_delete: OnDelete = models.PROTECT,
    related_name: str = "+",
) -> models.ForeignKey[Any, Any]:
    """A link to a person. `optional`: may be empty (null in the database, blank in forms).
    By default a person who is named cannot be deleted (PROTECT) and reaches nothing back
    ("+")."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=on_delete,
        related_name=related_name,
        verbose_name=verbose_name,
        null=optional,
        blank=optional,
    )
