from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ymateb.web.forms import YmatebForm


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
