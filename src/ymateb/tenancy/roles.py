"""What roles a person holds, read in one place."""

from __future__ import annotations

from typing import Any

from django.conf import settings

from ymateb.tenancy.models import Membership, OversightAssignment


def roles_of(user: Any) -> set[str]:
    """Every role the user holds anywhere: membership roles, 'oversight' and 'admin'."""
    if not getattr(user, "is_authenticated", False) or user.pk is None:
        return set()
    roles = set(Membership.objects.confirmed().filter(user=user).values_list("role", flat=True))
    if OversightAssignment.objects.confirmed().filter(user=user).exists():
        roles.add("oversight")
    if user.is_admin:
        roles.add("admin")
    return roles


def needs_two_factor(user: Any) -> bool:
    return bool(roles_of(user) & set(settings.YMATEB_TWO_FACTOR_ROLES))


def memberships_of(user: Any) -> list[Membership]:
    return list(
        Membership.objects.confirmed()
        .filter(user=user)
        .select_related("setting")
        .order_by("setting__name", "role")
    )
