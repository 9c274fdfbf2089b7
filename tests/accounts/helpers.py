"""Helpers for the accounts and tenancy tests: signing in step by step, reading the admin."""

from __future__ import annotations

import re
from typing import Any

from django.core import mail
from django.test import Client
from django_otp.oath import totp

from ymateb.accounts.models import User

NEW_PASSWORD = "A-new-long-passphrase-2026"  # noqa: S105 (test value)


def post_password(client: Client, email: str, password: str) -> Any:
    return client.post("/sign-in/", {"email": email, "password": password})


def code_for(device: Any) -> str:
    return f"{totp(device.bin_key):06d}"


def admin_add_user(admin: Client, email: str, password: str, full_name: str = "New Person") -> User:
    response = admin.post(
        "/admin/accounts/user/add/",
        {
            "email": email,
            "full_name": full_name,
            "password1": password,
            "password2": password,
            "usable_password": "true",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    return User.objects.get(email=email)


def admin_set_password(admin: Client, user: User, password: str) -> Any:
    return admin.post(
        f"/admin/accounts/user/{user.pk}/password/",
        {"password1": password, "password2": password, "usable_password": "true"},
    )


def link_from_mail(email: str) -> str:
    """The path of the newest enrolment link emailed to `email`."""
    for message in reversed(mail.outbox):
        if email in message.to:
            match = re.search(r"https?://[^/\s]+(/sign-in/set-up/[^/\s]+/)", message.body)
            assert match, message.body
            return match.group(1)
    raise AssertionError(f"no email to {email}")


def demo_secret_forms() -> list[str]:
    """Every way the demo authenticator key could be written on a page."""
    from ymateb.web.demo import DEMO_TOTP_SECRET, demo_totp_key_hex

    spaced = " ".join(DEMO_TOTP_SECRET[i : i + 4] for i in range(0, len(DEMO_TOTP_SECRET), 4))
    return [DEMO_TOTP_SECRET, spaced, demo_totp_key_hex(), demo_totp_key_hex().upper()]


def secret_forms(device: Any) -> list[str]:
    from base64 import b32encode

    b32 = b32encode(device.bin_key).decode("ascii")
    spaced = " ".join(b32[i : i + 4] for i in range(0, len(b32), 4))
    return [b32, b32.rstrip("="), spaced, device.key, device.key.upper()]
