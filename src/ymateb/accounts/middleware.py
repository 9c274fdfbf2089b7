from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

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
        if (
            user.is_authenticated
            and not user.is_verified()  # type: ignore[attr-defined]
            and needs_two_factor(user)
        ):
            logout(request)
            return redirect("accounts:sign_in")
        return self.get_response(request)
