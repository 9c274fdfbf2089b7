"""What roles a person holds, read in one place."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth.models import AnonymousUser

from ymateb.tenancy.models import Membership, OversightAssignment

if TYPE_CHECKING:  # accounts is the floor above: its User is named, never imported at runtime
    from ymateb.accounts.models import User


def roles_of(user: User | AnonymousUser) -> set[str]:
    """Every role the user holds anywhere: membership roles, 'oversight' and 'admin'."""
    if not user.is_authenticated or user.pk is None:
        return set()
    roles = set(Membership.objects.confirmed().filter(user=user).values_list("role", flat=True))
    if OversightAssignment.objects.confirmed().filter(user=user).exists():
        roles.add("oversight")
    if user.is_admin:
        roles.add("admin")
    return roles


def needs_two_factor(user: User | AnonymousUser) -> bool:
    return bool(roles_of(user) & set(settings.YMATEB_TWO_FACTOR_ROLES))


def memberships_of(user: User) -> list[Membership]:
    return list(
        Membership.objects.confirmed()
        .filter(user=user)
        .select_related("setting")
        .order_by("setting__name", "role")
    )
