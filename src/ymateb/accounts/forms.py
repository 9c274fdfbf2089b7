from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from ymateb.accounts.models import User
from ymateb.ui.forms import YmatebForm


class SignInForm(YmatebForm):
    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        error_messages={
            "required": _("Enter your email address"),
            "invalid": _("Enter an email address in the correct format, like name@example.org"),
        },
    )
    password = forms.CharField(
        label=_("Password"),
        max_length=256,
        strip=False,
        error_messages={"required": _("Enter your password")},
    )


class CodeForm(YmatebForm):
    token = forms.RegexField(
        label=_("Security code"),
        regex=r"^\s*\d{6}\s*$",
        max_length=20,
        error_messages={
            "required": _("Enter the 6-digit security code from your authenticator app"),
            "invalid": _("The security code must be 6 digits, like 123456"),
        },
    )

    def clean_token(self) -> str:
        return str(self.cleaned_data["token"]).strip()


class NewPasswordForm(YmatebForm):
    """A person's own new password, after an installation admin set one for them."""

    new_password = forms.CharField(
        label=_("New password"),
        max_length=256,
        strip=False,
        error_messages={"required": _("Enter a new password")},
    )
    confirm_password = forms.CharField(
        label=_("Type the new password again"),
        max_length=256,
        strip=False,
        error_messages={"required": _("Type the new password again")},
    )

    def __init__(self, user: User, *args: Any, **kwargs: Any) -> None:
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_new_password(self) -> str:
        password = str(self.cleaned_data["new_password"])
        if self.user.check_password(password):
            raise forms.ValidationError(
                _("Choose a password that is different from the one you were given")
            )
        password_validation.validate_password(password, self.user)
        return password

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        first, second = cleaned.get("new_password"), cleaned.get("confirm_password")
        if first and second and first != second:
            self.add_error("confirm_password", _("The two passwords are not the same"))
        return cleaned
