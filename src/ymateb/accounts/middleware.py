from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve

from ymateb.accounts.requests import used_second_factor
from ymateb.tenancy.roles import needs_two_factor


class RequireTwoFactorMiddleware:
    """A signed-in person whose role needs a second factor must have used it this session.

    Roles are read on every request, so a person given a DSP role mid-session is sent
    back through sign-in with a code.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated and not used_second_factor(user) and needs_two_factor(user):
            logout(request)
            return redirect("accounts:sign_in")
        if (
            user.is_authenticated
            and getattr(user, "must_change_password", False)
            and not _may_open_before_new_password(request)
        ):
            return redirect("accounts:new_password")
        return self.get_response(request)


# A person whose password an admin set may open only these until they choose their own.
_BEFORE_NEW_PASSWORD = {
    "accounts:new_password",
    "accounts:sign_out",
    "accounts:signed_out",
    "accounts:keep_alive",
    "set_language",
}


def _may_open_before_new_password(request: HttpRequest) -> bool:
    if settings.STATIC_URL and request.path_info.startswith(str(settings.STATIC_URL)):
        return True
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return False
    return match.view_name in _BEFORE_NEW_PASSWORD
