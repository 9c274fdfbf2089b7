"""The request of a page that only a signed-in person reaches (behind `login_required`)."""

from __future__ import annotations

from django.http import HttpRequest

from ymateb.accounts.models import User


class SignedInRequest(HttpRequest):
    """An HttpRequest whose `user` is a signed-in User, never AnonymousUser: the type of
    `request` in views behind `login_required`, so that services get a real person."""

    user: User
