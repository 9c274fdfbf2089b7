from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from ymateb.tenancy.models import LocalAuthority, Membership, OversightAssignment, Setting


class NotSelfForm(forms.ModelForm[Any]):
    """Refuses a membership or assignment for the person making the change."""

    acting_user_pk: Any = None

    def clean_user(self) -> Any:
        user = self.cleaned_data["user"]
        if self.acting_user_pk is not None and user.pk == self.acting_user_pk:
            raise forms.ValidationError(
                _("You cannot give yourself a role. Ask another admin to do it.")
            )
        return user


class NotSelfAdmin(admin.ModelAdmin[Any]):
    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> Any:
        form = super().get_form(request, obj, change=change, **kwargs)
        form.acting_user_pk = request.user.pk  # type: ignore[attr-defined]
        return form

    def get_queryset(self, request: HttpRequest) -> Any:
        return super().get_queryset(request).exclude(user=request.user)


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


@admin.register(Membership)
class MembershipAdmin(NotSelfAdmin):
    form = MembershipForm
    list_display = ["user", "setting", "role"]
    list_filter = ["role", "setting"]
    search_fields = ["user__email", "user__full_name", "setting__name"]


class OversightAssignmentForm(NotSelfForm):
    class Meta:
        model = OversightAssignment
        fields = ["user", "local_authority"]


@admin.register(OversightAssignment)
class OversightAssignmentAdmin(NotSelfAdmin):
    form = OversightAssignmentForm
    list_display = ["user", "local_authority"]
