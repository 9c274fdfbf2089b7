"""Every sign-in, sign-out, failed password or code and lockout goes to the audit trail.

The detail never holds what was typed (an email address typed at sign-in is free text): a
failed sign-in names the account only by its id, and only when the account exists.
"""

from __future__ import annotations

from typing import Any

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

from ymateb.accounts.models import User
from ymateb.audit.models import AuditAction
from ymateb.audit.services import audit_about

# `sender` of the user_login_failed signal sent for a wrong security code.
SECOND_FACTOR_SENDER = "ymateb.accounts.views"


def _account_id(username: object) -> str:
    if not username:
        return ""
    pk = (
        get_user_model()
        .objects.filter(email__iexact=str(username).strip()[:254])
        .values_list("pk", flat=True)
        .first()
    )
    return "" if pk is None else str(pk)


@receiver(user_logged_in, dispatch_uid="ymateb_audit_sign_in")
def audit_sign_in(sender: object, request: HttpRequest | None, user: User, **kwargs: Any) -> None:
    audit_about("user", user, AuditAction.SIGN_IN, user.pk, request=request)


@receiver(user_logged_out, dispatch_uid="ymateb_audit_sign_out")
def audit_sign_out(
    sender: object, request: HttpRequest | None, user: User | None, **kwargs: Any
) -> None:
    if user is None or not getattr(user, "is_authenticated", False):
        return
    audit_about("user", user, AuditAction.SIGN_OUT, user.pk, request=request)


@receiver(user_login_failed, dispatch_uid="ymateb_audit_sign_in_failed")
def audit_sign_in_failed(
    sender: object, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    second_factor = sender == SECOND_FACTOR_SENDER
    action = AuditAction.SECOND_FACTOR_FAILED if second_factor else AuditAction.SIGN_IN_FAILED
    account = _account_id((credentials or {}).get("username"))
    audit_about("user", _who(request), action, account, request=request)


@receiver(user_locked_out, dispatch_uid="ymateb_audit_locked_out")
def audit_locked_out(
    sender: object, request: HttpRequest | None = None, username: object = None, **kwargs: Any
) -> None:
    account = _account_id(username) or _account_id(_typed_email(request))
    audit_about("user", _who(request), AuditAction.LOCKED_OUT, account, request=request)


def _who(request: HttpRequest | None) -> Any:
    """Whoever the request is from: a signed-in person, or anonymous."""
    return getattr(request, "user", None) or AnonymousUser()


def _typed_email(request: HttpRequest | None) -> str:
    # axes sets axes_credentials (the credentials of the failure that locked) before it
    # sends user_locked_out; while it runs, ymateb.accounts.lockout hides the POST from it.
    credentials = getattr(request, "axes_credentials", None) or {}
    typed = credentials.get("username") or credentials.get("email")
    if typed:
        return str(typed)
    try:
        return str(request.POST.get("email", "")) if request is not None else ""
    except Exception:  # noqa: BLE001 (an unreadable body names no account)
        return ""
