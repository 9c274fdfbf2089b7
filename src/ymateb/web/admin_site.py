"""The Django admin, for installation admins who signed in with their second factor.

These rules hold for every model registered here, whoever registers it:

- No authenticator device has an admin page (django_otp registers one that shows a
  device's secret key and QR code): a device is never shown, edited or added by an admin.
- Every add, change and delete made through the admin is written to the hash-chained audit
  trail (ADMIN_CHANGE, naming the model, the object's id and the names of the fields changed,
  never their values) in the same transaction as the change.
- Every text field of every admin form and inline refuses pasted images, videos and
  encoded files with a message on the field (NoImageDataAdmin, see ymateb.ui.forms).
- A delete confirmation page lists counts of each kind of record, never the records
  themselves: Django would list every related object by name, and the objects behind a
  person or a setting include incidents, referrals and children's interviews.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from ymateb.accounts.requests import used_second_factor
from ymateb.records import roles
from ymateb.ui.forms import NoImageDataAdmin

# Apps whose models hold authenticator secrets: never registered in the admin.
DEVICE_APPS = frozenset({"otp_totp", "otp_hotp", "otp_static", "otp_email", "otp_yubikey"})


def _audit_admin_change(
    request: HttpRequest, obj: Model, operation: str, fields: Iterable[str] = ()
) -> None:
    from ymateb.audit.models import AuditAction
    from ymateb.audit.services import audit

    setting_id = getattr(obj, "setting_id", None)
    audit(
        actor=request.user,
        action=AuditAction.ADMIN_CHANGE,
        object_type=obj._meta.label_lower[:60],
        object_id=str(obj.pk),
        setting_id=setting_id if isinstance(setting_id, int) else None,
        request=request,
        detail={
            "model": obj._meta.label_lower,
            "pk": str(obj.pk),
            "operation": operation,
            "fields": sorted(str(name) for name in fields),
        },
    )


def app_may_delete(model: type[Model]) -> bool:
    """Whether the web app's database role may DELETE rows of this model's table
    (ymateb.records.roles). People and settings it may not: the records and audit rows
    that name them must be kept, so a person who leaves is made inactive instead."""
    return roles.D in roles.GRANTS[roles.APP].get(model._meta.db_table, ())


class AuditedModelAdmin(admin.ModelAdmin[Any]):
    """Mixed into every ModelAdmin registered on the Ymateb admin site."""

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # The admin offers no delete that the database would refuse the app (a 500 on a
        # real installation): the grant table decides, in one place.
        return app_may_delete(self.model) and super().has_delete_permission(request, obj)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        fields = getattr(form, "changed_data", []) if form is not None else []
        _audit_admin_change(request, obj, "change" if change else "add", fields)

    def get_deleted_objects(self, objs: Any, request: HttpRequest) -> Any:
        to_delete, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        counts = [f"{name}: {count}" for name, count in model_count.items()]
        kept = (
            [
                _("%(count)s records that must be kept (an incident and what belongs to it)")
                % {"count": len(protected)}
            ]
            if protected
            else []
        )
        return counts, model_count, perms_needed, kept

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        pk = obj.pk
        _audit_admin_change(request, obj, "delete")
        super().delete_model(request, obj)
        obj.pk = pk

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        for obj in list(queryset):
            _audit_admin_change(request, obj, "delete")
        super().delete_queryset(request, queryset)


class YmatebAdminSite(admin.AdminSite):
    site_header = "Ymateb"
    site_title = "Ymateb"

    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        return bool(
            user.is_active and getattr(user, "is_admin", False) and used_second_factor(user)
        )

    def login(self, request: HttpRequest, extra_context: Any = None) -> HttpResponse:
        # One sign-in for the whole service, with its lockout and second factor.
        if request.user.is_authenticated:
            raise PermissionDenied
        return redirect_to_login(request.get_full_path(), reverse("accounts:sign_in"))

    def register(
        self,
        model_or_iterable: type[Model] | Iterable[type[Model]],
        admin_class: type[admin.ModelAdmin[Any]] | None = None,
        **options: Any,
    ) -> None:
        models = [model_or_iterable] if isinstance(model_or_iterable, type) else model_or_iterable
        for model in models:
            if model._meta.app_label in DEVICE_APPS:
                continue  # an authenticator's secret is shown to nobody
            base = admin_class or admin.ModelAdmin
            if not issubclass(base, AuditedModelAdmin):
                base = type(
                    base.__name__, (AuditedModelAdmin, base), {"__module__": base.__module__}
                )
            if not issubclass(base, NoImageDataAdmin):  # no image in any admin form
                base = type(
                    base.__name__, (NoImageDataAdmin, base), {"__module__": base.__module__}
                )
            super().register(model, base, **options)
