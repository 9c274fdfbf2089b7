"""The request of a page that only a signed-in person reaches (behind `login_required`)."""

from __future__ import annotations

from typing import Protocol, cast

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest

from ymateb.accounts.models import User


class SignedInRequest(HttpRequest):
    """An HttpRequest whose `user` is a signed-in User, never AnonymousUser: the type of
    `request` in views behind `login_required`, so that services get a real person."""

    user: User


class _SecondFactorUser(Protocol):
    def is_verified(self) -> bool: ...


def used_second_factor(user: User | AnonymousUser) -> bool:
    """Whether the person used their second factor in this session.

    django-otp's OTPMiddleware gives `request.user` an `is_verified()` method while the
    request runs; the model does not declare it, so this is the one place that says so.
    """
    return cast(_SecondFactorUser, user).is_verified()


def admin_user(request: HttpRequest) -> User:
    """The installation admin behind a Django admin page: the admin site lets nobody else
    in (YmatebAdminSite.has_permission), so `request.user` is a signed-in User there."""
    return cast(User, request.user)
