"""What an installation admin may do to a person's way in, each step in the audit trail.

An admin never learns a way to act as someone else: a password an admin sets must be
changed at the next sign-in, it removes the person's authenticator apps and ends their
sessions, and only a one-time link sent to the person's own email address sets up a new
authenticator (knowing the password alone enrols nothing).
"""

from __future__ import annotations

import hashlib
import logging
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.mail import send_mail
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_otp import devices_for_user

from ymateb.accounts.models import EnrolmentLink, User
from ymateb.audit.models import AuditAction
from ymateb.audit.services import audit_about

logger = logging.getLogger(__name__)

ENROLMENT_LINK_HOURS = 72
# 32 random bytes from the operating system's generator, URL-safe: unguessable, and only
# its SHA-256 is stored (a hash is enough because the token itself has full entropy).
TOKEN_BYTES = 32


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def usable_link(user: User | None, token: str | None) -> EnrolmentLink | None:
    """The unused, unexpired link of this person that the token opens, or None."""
    if not token or user is None:
        return None
    return (
        EnrolmentLink.objects.filter(
            user=user,
            token_hash=hash_token(token),
            used_at__isnull=True,
            expires_at__gt=timezone.now(),
        )
        .order_by("-issued_at")
        .first()
    )


def link_for_token(token: str) -> EnrolmentLink | None:
    if not token or len(token) > 200:
        return None
    link = EnrolmentLink.objects.filter(token_hash=hash_token(token)).first()
    if link is None or not link.is_usable or not link.user.is_active:
        return None
    return link


def issue_enrolment_link(
    user: User, *, by: User | None, request: HttpRequest | None = None, base_url: str = ""
) -> tuple[EnrolmentLink, str]:
    """Make a new one-time link for the person, email it to them, and return it with its URL.
    `by` None is the system (the `enrolment_link` management command).

    Earlier unused links of the person stop working: only the newest one sets up an app.
    """
    token = secrets.token_urlsafe(TOKEN_BYTES)
    now = timezone.now()
    with transaction.atomic():
        EnrolmentLink.objects.filter(user=user, used_at__isnull=True).update(used_at=now)
        link = EnrolmentLink.objects.create(
            user=user,
            token_hash=hash_token(token),
            issued_by=by if getattr(by, "pk", None) else None,
            issued_at=now,
            expires_at=now + timedelta(hours=ENROLMENT_LINK_HOURS),
        )
        audit_about(
            "user",
            by,
            AuditAction.ISSUE_ENROLMENT_LINK,
            user.pk,
            request=request,
            link=link.pk,
            expires_in_hours=ENROLMENT_LINK_HOURS,
        )
    path = reverse("accounts:enrol", args=[token])
    url = request.build_absolute_uri(path) if request is not None else _site_url(path, base_url)
    transaction.on_commit(lambda: _send_link(user, url))
    return link, url


def _site_url(path: str, base_url: str = "") -> str:
    """The link's full address when there is no request (a management command)."""
    if not base_url:
        host = next((h for h in settings.ALLOWED_HOSTS if h and "*" not in h), "127.0.0.1")
        local = host in ("127.0.0.1", "localhost")
        base_url = f"http://{host}:8000" if local else f"https://{host.lstrip('.')}"
    return base_url.rstrip("/") + path


def _send_link(user: User, url: str) -> None:
    """The email names no child, setting or incident: only the link and what it is for."""

    def words() -> tuple[str, str]:
        subject = _("Set up your authenticator app for Ymateb")
        body = _(
            "An installation admin has asked you to set up an authenticator app for Ymateb.\n\n"
            "Open this link, sign in and follow the steps. The link works once and for "
            "%(hours)s hours:\n\n%(url)s\n\n"
            "If you did not expect this email, tell your installation admin and do not "
            "open the link."
        ) % {"hours": ENROLMENT_LINK_HOURS, "url": url}
        return str(subject), str(body)

    with translation.override("en"):
        subject_en, body_en = words()
    with translation.override("cy"):
        subject_cy, body_cy = words()
    try:
        send_mail(
            f"{subject_cy} / {subject_en}",
            f"{body_cy}\n\n----\n\n{body_en}\n",
            None,
            [user.email],
        )
    except Exception:  # the mail server is down: the admin can send a new link later
        # Neither the link nor the address goes to the log.
        logger.warning("An enrolment link email could not be sent (user %s).", user.pk)


def remove_devices(user: User) -> int:
    """Delete every authenticator device (confirmed or not) the person has."""
    count = 0
    for device in list(devices_for_user(user, confirmed=None)):
        device.delete()
        count += 1
    return count


def end_sessions(user: User) -> int:
    """End every session of the person (the session store is the database)."""
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        try:
            data = session.get_decoded()
        except Exception:  # noqa: S112 (an unreadable session belongs to nobody we can tell)
            continue
        if str(data.get("_auth_user_id", "")) == str(user.pk):
            session.delete()
            ended += 1
    return ended


def after_admin_set_password(
    user: User, *, by: User, request: HttpRequest | None = None
) -> tuple[EnrolmentLink, str]:
    """An admin has just set the person's password (the change is saved in this transaction).

    The person must choose a new password at the next sign-in, their authenticator apps
    are removed, their sessions end, and a one-time link to set up a new app is sent to them.
    """
    with transaction.atomic():
        User.objects.filter(pk=user.pk).update(must_change_password=True)
        user.must_change_password = True
        devices = remove_devices(user)
        sessions = end_sessions(user)
        audit_about(
            "user",
            by,
            AuditAction.RESET_PASSWORD,
            user.pk,
            request=request,
            devices_removed=devices,
            sessions_ended=sessions,
        )
        return issue_enrolment_link(user, by=by, request=request)


def record_enrolment(user: User, link: EnrolmentLink, request: HttpRequest) -> None:
    audit_about("user", user, AuditAction.ENROL, user.pk, request=request, link=link.pk)
