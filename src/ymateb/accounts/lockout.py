"""Sign-in lockout: what django-axes counts, the limits it applies, and what it keeps.

django-axes (configured by the AXES_* settings) does the counting, the cool-off and the
lockout page. This module is the smallest layer over it for the three things axes cannot
be told by settings alone:

1. **Keep only what lockout needs.** Axes 8 stores the whole query string and POST of a
   failed sign-in (every field but the ones named in AXES_SENSITIVE_PARAMETERS, so any
   extra field an anonymous visitor adds), the User-Agent, the Accept header and the path,
   in AccessAttempt; no setting turns that off (AXES_DISABLE_ACCESS_LOG and
   AXES_ENABLE_ACCESS_FAILURE_LOG only govern AccessLog and AccessFailureLog, both off).
   `LockoutHandler` hands axes an empty query and POST and blank headers, so all an
   AccessAttempt row holds is a keyed hash of the email address, the IP address, the
   failure count and times. Nothing typed reaches the database, so nothing typed (an
   image pasted as an email address included) can be stored that way.
2. **A limit per combination.** AXES_LOCKOUT_PARAMETERS lists the combinations counted
   (email with address, email from any address, address across any email), but axes
   compares every combination with the one AXES_FAILURE_LIMIT. `get_failures` scales
   each combination's count to that limit, so axes locks as soon as any combination
   reaches its own limit (YMATEB_LOCKOUT_FAILURES, YMATEB_LOCKOUT_ACCOUNT_FAILURES,
   YMATEB_LOCKOUT_ADDRESS_FAILURES).
3. **A success clears only its own failures.** With AXES_RESET_ON_SUCCESS axes deletes
   every attempt of every combination, so signing in to one's own account would wipe an
   address's failures against every other account. Here it clears only the failures for
   that account from that address.

The key is the same whether or not an account exists, so a lockout says nothing about
whether it does.
"""

from __future__ import annotations

from typing import Any

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_failure_limit, get_lockout_parameters
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest, QueryDict
from django.utils.crypto import salted_hmac

from ymateb.accounts.models import User

KEY_SALT = "ymateb.accounts.lockout"


def lockout_key(request: HttpRequest, credentials: dict[str, Any] | None) -> str:
    """AXES_USERNAME_CALLABLE: a keyed hash (HMAC-SHA256 under SECRET_KEY) of the email address.

    The address is normalised (trimmed, lower case) as sign-in matches it, so " Staff@X "
    and "staff@x" count together. The hash, not the text, is what axes stores.
    """
    credentials = credentials or {}
    typed = credentials.get("username")
    if typed is None:
        typed = credentials.get("email")
    if typed is None:
        typed = request.POST.get("email", "")
    normalised = str(typed).strip().lower()
    return salted_hmac(KEY_SALT, normalised, algorithm="sha256").hexdigest()


def limit_for(parameter: str | list[str], pair_limit: int) -> int:
    """The failure limit for one entry of AXES_LOCKOUT_PARAMETERS (0 or less: not applied)."""
    names = {parameter} if isinstance(parameter, str) else set(parameter)
    if names == {"username"}:
        return int(settings.YMATEB_LOCKOUT_ACCOUNT_FAILURES)
    if names == {"ip_address"}:
        return int(settings.YMATEB_LOCKOUT_ADDRESS_FAILURES)
    return pair_limit


def _forget_request_details(request: HttpRequest) -> None:
    """Blank what axes would copy from the request's headers into its tables."""
    # Attributes axes itself sets on the request and reads back; HttpRequest does not declare them.
    request.axes_user_agent = ""  # type: ignore[attr-defined]
    request.axes_http_accept = ""  # type: ignore[attr-defined]
    request.axes_path_info = ""  # type: ignore[attr-defined]


class LockoutHandler(AxesDatabaseHandler):  # type: ignore[misc]  # axes has no type hints
    """AXES_HANDLER: axes' database handler, keeping less and counting per combination."""

    def user_login_failed(
        self, sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any
    ) -> None:
        if request is None:
            super().user_login_failed(sender, credentials, request, **kwargs)
            return
        _forget_request_details(request)
        # Axes writes get_query_str(request.GET) and get_query_str(request.POST) into
        # AccessAttempt.get_data/post_data with no setting to stop it; it reads nothing
        # else from them here (the email address comes from `credentials`), so it is
        # given empty ones for the length of the call. Receivers of axes' user_locked_out,
        # sent meanwhile, find the credentials in request.axes_credentials.
        query, post = request.GET, request.POST
        request.GET = QueryDict()
        request.POST = QueryDict()
        try:
            super().user_login_failed(sender, credentials, request, **kwargs)
        finally:
            request.GET, request.POST = query, post

    def user_logged_in(
        self, sender: object, request: HttpRequest, user: User, **kwargs: Any
    ) -> None:
        _forget_request_details(request)
        super().user_logged_in(sender, request, user, **kwargs)

    def user_logged_out(
        self, sender: object, request: HttpRequest, user: User | None, **kwargs: Any
    ) -> None:
        _forget_request_details(request)
        super().user_logged_out(sender, request, user, **kwargs)

    def get_failures(self, request: Any, credentials: dict[str, Any] | None = None) -> int:
        """The highest count among the combinations, each scaled to AXES_FAILURE_LIMIT.

        A combination with n failures and limit L counts as n * limit // L, which reaches
        AXES_FAILURE_LIMIT exactly when n reaches L; axes then locks, as it compares this
        number with AXES_FAILURE_LIMIT.
        """
        pair_limit = get_failure_limit(request, credentials)
        if pair_limit <= 0:
            return int(super().get_failures(request, credentials))
        parameters = get_lockout_parameters(request, credentials)
        attempts = self.get_user_attempts(request, credentials)
        worst = 0
        for parameter, queryset in zip(parameters, attempts, strict=True):
            limit = limit_for(parameter, pair_limit)
            if limit <= 0:
                continue
            failures = queryset.aggregate(n=Sum("failures_since_start"))["n"] or 0
            worst = max(worst, failures * pair_limit // limit)
        return worst

    def reset_user_attempts(self, request: Any, credentials: dict[str, Any] | None = None) -> int:
        """After a successful sign-in, forget that account's failures from this address only."""
        count, _ = AccessAttempt.objects.filter(
            username=get_client_username(request, credentials),
            ip_address=request.axes_ip_address,
        ).delete()
        return int(count)
