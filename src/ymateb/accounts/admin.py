"""People in the Django admin. An installation admin manages accounts but can never act as
someone else: no authenticator secret is shown (see ymateb.web.admin_site), a password an
admin sets must be changed at the next sign-in and removes the person's authenticator apps
and sessions, and a new authenticator is set up only through a one-time link sent to the
person's own email address (the address cannot be changed here)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ymateb.accounts.models import User
from ymateb.accounts.requests import admin_user
from ymateb.accounts.services import after_admin_set_password, issue_enrolment_link


def _show_link_in_demo(request: HttpRequest, user: User, url: str) -> None:
    """In demo mode there is no mailbox to read: show the link to the admin, once."""
    if settings.YMATEB_DEMO_MODE:
        messages.info(
            request,
            _("Demo mode only: the link sent to %(email)s is %(url)s")
            % {"email": user.email, "url": url},
        )


# django-stubs makes UserAdmin generic over AbstractUser only; this User is an AbstractBaseUser.
@admin.register(User)
class UserAdmin(DjangoUserAdmin):  # type: ignore[type-arg]
    ordering = ["email"]
    list_display = ["email", "full_name", "is_active", "is_admin", "must_change_password"]
    list_filter = ["is_active", "is_admin"]
    search_fields = ["email", "full_name"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Person"), {"fields": ("full_name",)}),
        (_("Access"), {"fields": ("is_active", "is_admin", "must_change_password")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("email", "full_name", "password1", "password2")}),
    )
    filter_horizontal = ()
    actions = ["send_enrolment_link"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is None:
            return ()
        # The email address is where enrolment links go: changing it would let an admin
        # send someone's link to themselves. Installation admins are made on the server
        # (`ymateb createsuperuser`), never here.
        readonly = ["email", "is_admin", "must_change_password"]
        if obj.pk == request.user.pk:
            # Nobody changes their own access: an admin cannot raise or keep their own rights.
            readonly.append("is_active")
        return tuple(readonly)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if not change:
            # A password an admin chose is known to the admin: the person replaces it.
            obj.must_change_password = True
        super().save_model(request, obj, form, change)

    def user_change_password(
        self, request: HttpRequest, id: str, form_url: str = ""
    ) -> HttpResponse:
        user = self.get_object(request, unquote(id))
        if user is not None and user.pk == request.user.pk:
            raise PermissionDenied  # another admin resets an admin's password
        before = user.password if user is not None else None
        with transaction.atomic():
            response = super().user_change_password(request, id, form_url)
            if user is not None and request.method == "POST":
                user.refresh_from_db()
                if user.password != before:
                    _link, url = after_admin_set_password(
                        user, by=admin_user(request), request=request
                    )
                    messages.info(
                        request,
                        _(
                            "%(email)s must choose a new password at their next sign-in. "
                            "Their authenticator app was removed, they were signed out, and "
                            "a link to set up a new app was sent to them."
                        )
                        % {"email": user.email},
                    )
                    _show_link_in_demo(request, user, url)
        return response

    @admin.action(description=_("Send a link to set up an authenticator app"))
    def send_enrolment_link(self, request: HttpRequest, queryset: Any) -> None:
        sent = 0
        for user in queryset:
            if user.pk == request.user.pk or not user.is_active:
                continue
            _link, url = issue_enrolment_link(user, by=admin_user(request), request=request)
            _show_link_in_demo(request, user, url)
            sent += 1
        self.message_user(
            request,
            ngettext(
                "A link to set up an authenticator app was sent to %(count)d person.",
                "A link to set up an authenticator app was sent to %(count)d people.",
                sent,
            )
            % {"count": sent},
            messages.SUCCESS,
        )
