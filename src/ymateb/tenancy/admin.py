from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.contrib import admin, messages
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ymateb.tenancy import services
from ymateb.tenancy.models import LocalAuthority, Membership, OversightAssignment, Setting

if TYPE_CHECKING:  # accounts is the floor above: its User is named, never imported at runtime
    from ymateb.accounts.models import User


def _admin(request: HttpRequest) -> User:
    """The installation admin making the change: the admin site lets nobody else in
    (YmatebAdminSite.has_permission), so `request.user` is a signed-in User here."""
    return cast("User", request.user)


class NotSelfForm(forms.ModelForm[Any]):
    """Refuses a membership or assignment for the person making the change."""

    acting_user_pk: int | None = None

    def clean_user(self) -> Any:
        user = self.cleaned_data["user"]
        if self.acting_user_pk is not None and user.pk == self.acting_user_pk:
            raise forms.ValidationError(
                _("You cannot give yourself a role. Ask another admin to do it.")
            )
        return user


class ConfirmedFilter(admin.SimpleListFilter):
    title = _("confirmation")
    parameter_name = "confirmed"

    def lookups(self, request: HttpRequest, model_admin: Any) -> Any:
        return [("no", _("Waiting for confirmation")), ("yes", _("Confirmed"))]

    def queryset(self, request: HttpRequest, queryset: Any) -> Any:
        if self.value() == "no":
            return queryset.filter(confirmed_at__isnull=True)
        if self.value() == "yes":
            return queryset.filter(confirmed_at__isnull=False)
        return queryset


class NotSelfAdmin(admin.ModelAdmin[Any]):
    """Roles are added (proposed) and removed here, never edited: a changed role would skip
    its confirmation. Safeguarding roles wait for a second person (ymateb.tenancy.services)."""

    readonly_fields = ("granted_by", "granted_at", "confirmed_by", "confirmed_at")
    actions = ["confirm_selected", "refuse_selected"]

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> Any:
        form = super().get_form(request, obj, change=change, **kwargs)
        if issubclass(form, NotSelfForm):  # always: the form is made from self.form
            form.acting_user_pk = request.user.pk
        return form

    def get_queryset(self, request: HttpRequest) -> Any:
        # Pending grants too (the model's default manager shows confirmed ones only).
        return (
            self.model.all_objects.select_related("user", "granted_by", "confirmed_by")
            .exclude(user=request.user)
            .order_by("-granted_at")
        )

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.display(description=_("status"))
    def status(self, obj: Any) -> str:
        return str(_("Confirmed") if obj.is_confirmed else _("Waiting for confirmation"))

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if change:  # never reached: no change permission
            raise PermissionError("A role is not changed; remove it and propose another.")
        services.grant(obj, by=_admin(request), request=request)

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        services.revoke(obj, by=_admin(request), request=request)

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        for obj in list(queryset):
            services.revoke(obj, by=_admin(request), request=request)

    def _decide(self, request: HttpRequest, queryset: Any, confirm: bool) -> None:
        done = 0
        for obj in list(queryset.filter(confirmed_at__isnull=True)):
            try:
                if confirm:
                    services.confirm(obj, by=_admin(request), request=request)
                else:
                    services.refuse(obj, by=_admin(request), request=request)
                done += 1
            except services.CannotConfirm as refusal:
                self.message_user(request, f"{obj}: {refusal}", messages.ERROR)
        if done:
            text = (
                ngettext("%(count)d role confirmed.", "%(count)d roles confirmed.", done)
                if confirm
                else ngettext("%(count)d role refused.", "%(count)d roles refused.", done)
            )
            self.message_user(request, text % {"count": done}, messages.SUCCESS)

    @admin.action(description=_("Confirm the selected roles (as a second admin)"))
    def confirm_selected(self, request: HttpRequest, queryset: Any) -> None:
        self._decide(request, queryset, confirm=True)

    @admin.action(description=_("Refuse the selected roles that wait for confirmation"))
    def refuse_selected(self, request: HttpRequest, queryset: Any) -> None:
        self._decide(request, queryset, confirm=False)


@admin.register(LocalAuthority)
class LocalAuthorityAdmin(admin.ModelAdmin[LocalAuthority]):
    list_display = ["name", "name_cy"]
    search_fields = ["name", "name_cy"]


@admin.register(Setting)
class SettingAdmin(admin.ModelAdmin[Setting]):
    list_display = ["name", "name_cy", "kind", "local_authority"]
    list_filter = ["kind", "local_authority"]
    search_fields = ["name", "name_cy"]


class MembershipForm(NotSelfForm):
    class Meta:
        model = Membership
        fields = ["user", "setting", "role"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        # The default manager sees confirmed roles only; a pending one is a duplicate too.
        user, setting, role = cleaned.get("user"), cleaned.get("setting"), cleaned.get("role")
        if (
            user
            and setting
            and role
            and Membership.all_objects.filter(user=user, setting=setting, role=role).exists()
        ):
            raise forms.ValidationError(
                _(
                    "This person already has this role in this setting, or it is waiting "
                    "to be confirmed."
                )
            )
        return cleaned


@admin.register(Membership)
class MembershipAdmin(NotSelfAdmin):
    form = MembershipForm
    list_display = ["user", "setting", "role", "status", "granted_by", "confirmed_by"]
    list_filter = [ConfirmedFilter, "role", "setting"]
    search_fields = ["user__email", "user__full_name", "setting__name"]


class OversightAssignmentForm(NotSelfForm):
    class Meta:
        model = OversightAssignment
        fields = ["user", "local_authority"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        user, authority = cleaned.get("user"), cleaned.get("local_authority")
        if (
            user
            and authority
            and OversightAssignment.all_objects.filter(
                user=user, local_authority=authority
            ).exists()
        ):
            raise forms.ValidationError(
                _(
                    "This person already has oversight of this local authority, or it is "
                    "waiting to be confirmed."
                )
            )
        return cleaned


@admin.register(OversightAssignment)
class OversightAssignmentAdmin(NotSelfAdmin):
    form = OversightAssignmentForm
    list_display = ["user", "local_authority", "status", "granted_by", "confirmed_by"]
    list_filter = [ConfirmedFilter, "local_authority"]
