"""Signing in (password, then a TOTP code for the roles that need one), out, and staying in."""

from __future__ import annotations

import functools
import time
from base64 import b32encode
from collections.abc import Callable
from io import BytesIO
from typing import Any

import qrcode
import qrcode.image.svg
from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib.auth import (
    authenticate,
    get_user_model,
    login,
    logout,
    update_session_auth_hash,
)
from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_login_failed
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from ymateb.accounts import security_events as events
from ymateb.accounts.forms import CodeForm, NewPasswordForm, SignInForm
from ymateb.accounts.models import EnrolmentLink, User
from ymateb.accounts.requests import SignedInRequest, used_second_factor
from ymateb.accounts.services import hash_token, link_for_token, record_enrolment
from ymateb.audit.services import refuse
from ymateb.tenancy.roles import needs_two_factor

PENDING_USER = "ymateb_pending_user"
PENDING_SINCE = "ymateb_pending_since"
# The hash of the enrolment link's token the person opened (never the token itself).
ENROL_TOKEN_HASH = "ymateb_enrol_token_hash"  # noqa: S105 (a session key name)
PENDING_SECONDS = 300
PASSWORD_BACKEND = "django.contrib.auth.backends.ModelBackend"  # noqa: S105 (a class path)


def _pending_user(request: HttpRequest) -> User | None:
    user_id = request.session.get(PENDING_USER)
    since = request.session.get(PENDING_SINCE, 0)
    if user_id is None or time.time() - float(since) > PENDING_SECONDS:
        return None
    return get_user_model().objects.filter(pk=user_id, is_active=True).first()


def _clear_pending(request: HttpRequest) -> None:
    request.session.pop(PENDING_USER, None)
    request.session.pop(PENDING_SINCE, None)


def _enrolment_link(request: HttpRequest, user: User | None) -> EnrolmentLink | None:
    """The usable enrolment link of `user` that this browser opened, or None."""
    token_hash = request.session.get(ENROL_TOKEN_HASH)
    if not token_hash or user is None:
        return None
    return EnrolmentLink.objects.filter(
        user=user, token_hash=token_hash, used_at__isnull=True, expires_at__gt=timezone.now()
    ).first()


@require_http_methods(["GET", "POST"])
def sign_in(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated and (
        used_second_factor(request.user) or not needs_two_factor(request.user)
    ):
        return redirect("web:dashboard")
    form = SignInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"].strip().lower()
        user = authenticate(request, username=email, password=form.cleaned_data["password"])
        if user is None:
            # The same words whether the account exists or not.
            form.add_error(
                None, _("The email address or password is not right. Check them and try again.")
            )
        elif (
            getattr(user, "must_change_password", False) and _enrolment_link(request, user) is None
        ):
            # A password an admin chose is known to the admin: it works only in the browser
            # that opened the link emailed to the person, whatever their role (ADR 8).
            form.add_error(
                None,
                _(
                    "First open the link in the email sent to you, then sign in here with the "
                    "password you were given. If the link has expired, ask the person who "
                    "runs Ymateb for a new one."
                ),
            )
        else:
            request.session.cycle_key()
            if needs_two_factor(user):
                request.session[PENDING_USER] = user.pk
                request.session[PENDING_SINCE] = time.time()
                has_device = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
                if has_device and _enrolment_link(request, user) is None:
                    return redirect("accounts:sign_in_code")
                return redirect("accounts:set_up_code")
            login(request, user, backend=PASSWORD_BACKEND)
            return redirect("web:dashboard")
    context = {"form": form, "enrolling": bool(request.session.get(ENROL_TOKEN_HASH))}
    return render(request, "accounts/sign_in.html", context, status=200)


def _code_failed(request: HttpRequest, user: User) -> None:
    """A wrong code counts towards the same lockout as a wrong password."""
    user_login_failed.send(sender=__name__, credentials={"username": user.email}, request=request)


def _finish_sign_in(request: HttpRequest, user: User, device: TOTPDevice) -> HttpResponse:
    _clear_pending(request)
    request.session.cycle_key()
    login(request, user, backend=PASSWORD_BACKEND)
    otp_login(request, device)
    return redirect("web:dashboard")


def _code_allowed(request: HttpRequest, user: User) -> bool:
    return bool(AxesProxyHandler.is_allowed(request, {"username": user.email}))


@require_http_methods(["GET", "POST"])
def sign_in_code(request: HttpRequest) -> HttpResponseBase:
    user = _pending_user(request)
    if user is None:
        _clear_pending(request)
        return redirect("accounts:sign_in")
    if not _code_allowed(request, user):
        _clear_pending(request)
        return locked_out(request)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        for device in TOTPDevice.objects.filter(user=user, confirmed=True):
            if device.verify_token(form.cleaned_data["token"]):
                return _finish_sign_in(request, user, device)
        _code_failed(request, user)
        if not _code_allowed(request, user):
            _clear_pending(request)
            return locked_out(request)
        form.add_error(
            "token", _("The security code is not right or has expired. Try the newest code.")
        )
    return render(request, "accounts/sign_in_code.html", {"form": form})


def _qr_svg(uri: str) -> str:
    image = qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = BytesIO()
    image.save(buffer)
    svg = buffer.getvalue().decode("utf-8")
    return svg[svg.index("<svg") :]


@require_GET
def enrol(request: HttpRequest, token: str) -> HttpResponseBase:
    """The one-time link an installation admin sent: remember it, then sign in.

    Opening the link uses nothing up: it is used when the new authenticator app has given
    a right code. A link that is unknown, used or past its time gets the same page.
    """
    link = link_for_token(token)
    if link is None:
        return render(request, "accounts/enrol_link_invalid.html", status=404)
    if request.user.is_authenticated:
        logout(request)  # the link belongs to one person: start from signed out
    _clear_pending(request)
    request.session[ENROL_TOKEN_HASH] = hash_token(token)
    return redirect("accounts:sign_in")


def _need_link(request: HttpRequest) -> HttpResponse:
    _clear_pending(request)
    return render(request, "accounts/need_enrolment_link.html", status=403)


@require_http_methods(["GET", "POST"])
def set_up_code(request: HttpRequest) -> HttpResponseBase:
    """Add an authenticator app, only through a one-time link the person opened.

    Knowing the password alone enrols nothing: without a usable link for this person no
    device is created and no key is shown. The key is shown only while the new app is not
    yet confirmed; once it is, no page shows it again.
    """
    user = _pending_user(request)
    if user is None:
        _clear_pending(request)
        return redirect("accounts:sign_in")
    link = _enrolment_link(request, user)
    if link is None:
        if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
            return redirect("accounts:sign_in_code")
        return _need_link(request)
    if not _code_allowed(request, user):
        _clear_pending(request)
        return locked_out(request)
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            with transaction.atomic():
                # Single use: only the request that marks the link used enrols.
                used = EnrolmentLink.objects.filter(pk=link.pk, used_at__isnull=True).update(
                    used_at=timezone.now()
                )
                if used != 1:
                    return _need_link(request)
                # The new app replaces any earlier one.
                TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
                device.confirmed = True
                device.save(update_fields=["confirmed"])
                record_enrolment(user, link, request)
            request.session.pop(ENROL_TOKEN_HASH, None)
            return _finish_sign_in(request, user, device)
        _code_failed(request, user)
        form.add_error(
            "token",
            _("The security code is not right. Check the app shows Ymateb and try again."),
        )
    secret = b32encode(device.bin_key).decode("ascii")
    context = {
        "form": form,
        "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
        "qr_svg": mark_safe(_qr_svg(device.config_url)),  # noqa: S308 (generated by qrcode, no user input)
    }
    return render(request, "accounts/set_up_code.html", context)


@require_http_methods(["GET", "POST"])
def new_password(request: HttpRequest) -> HttpResponseBase:
    """Choose a new password after an admin set one (the admin must not know it)."""
    user = request.user
    if not user.is_authenticated:
        return redirect("accounts:sign_in")
    if not user.must_change_password:
        return redirect("web:dashboard")
    form = NewPasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            user.set_password(form.cleaned_data["new_password"])
            user.must_change_password = False
            user.save(update_fields=["password", "must_change_password"])
            # Without a second factor, choosing the password is what the link was for.
            link = _enrolment_link(request, user)
            if link is not None:
                EnrolmentLink.objects.filter(pk=link.pk).update(used_at=timezone.now())
                record_enrolment(user, link, request)
        request.session.pop(ENROL_TOKEN_HASH, None)
        # Keeps this session; every other session of the person ends with the old password.
        update_session_auth_hash(request, user)
        return redirect("web:dashboard")
    return render(request, "accounts/new_password.html", {"form": form})


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("accounts:signed_out")


@require_GET
def signed_out(request: HttpRequest) -> HttpResponse:
    reason = request.GET.get("reason")
    return render(request, "accounts/signed_out.html", {"timed_out": reason == "timeout"})


@require_POST
def keep_alive(request: HttpRequest) -> HttpResponse:
    """Called by the page when the user chooses to stay signed in, or while they type.

    The session is saved on every request (SESSION_SAVE_EVERY_REQUEST), so answering is
    enough to restart the idle clock.
    """
    if not request.user.is_authenticated:
        return HttpResponse(status=401)
    return HttpResponse(status=204)


def locked_out(
    request: HttpRequest, original_response: Any = None, credentials: Any = None
) -> HttpResponse:
    """Shown when sign-in is locked. Says nothing about whether the account exists."""
    minutes = max(1, round(settings.AXES_COOLOFF_TIME.total_seconds() / 60))
    return render(request, "accounts/locked_out.html", {"minutes": minutes}, status=429)


# --- security events (installation admins) -------------------------------------------------


def _admins_only(request: HttpRequest) -> None:
    """Installation admins with a verified second factor; anyone else gets the same 403 as
    for any page they may not see."""
    if not events.may_see(request.user):
        refuse(request, events.OBJECT_TYPE)


FilteredView = Callable[[SignedInRequest, events.FilterForm, events.Filters], HttpResponse]


def _filtered(view: FilteredView) -> Callable[..., HttpResponse]:
    """A page of security events for an installation admin, filtered by the query string.
    Bad filters show the page with their errors and no events (400: nothing is read)."""

    @functools.wraps(view)
    def page(request: SignedInRequest) -> HttpResponse:
        _admins_only(request)
        form = events.FilterForm(request.GET)
        if not form.is_valid():
            context = {"form": form, "page": None}
            return render(request, "accounts/security_events.html", context, status=400)
        return view(request, form, events.Filters.from_form(form))

    return login_required(require_GET(page))


@_filtered
def security_events(
    request: SignedInRequest, form: events.FilterForm, filters: events.Filters
) -> HttpResponse:
    page = events.page_of(
        user=request.user, filters=filters, page=request.GET.get("page"), request=request
    )
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query": query.urlencode()}
    return render(request, "accounts/security_events.html", context)


@_filtered
def security_events_export(
    request: SignedInRequest, form: events.FilterForm, filters: events.Filters
) -> HttpResponse:
    text = events.export_csv(user=request.user, filters=filters, request=request)
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="ymateb-security-events.csv"'
    return response
