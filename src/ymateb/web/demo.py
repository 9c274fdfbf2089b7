"""Demo data for `make run`: one setting, one account per role. Never in production.

The password and the TOTP secret are published in the README; production settings
switch demo mode off, and `load_demo` refuses to run without it.
"""

from __future__ import annotations

from base64 import b32decode
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from ymateb.accounts.models import User
from ymateb.tenancy.models import LocalAuthority, Membership, OversightAssignment, Role, Setting

DEMO_PASSWORD = "Enghraifft-demo-2026"  # noqa: S105 (published demo value)
# Base32, as an authenticator app takes it. Every demo account that needs a code shares it.
DEMO_TOTP_SECRET = "YMATEBDEMOKEY234YMATEBDEMOKEY234"  # noqa: S105 (published demo value)


@dataclass(frozen=True)
class DemoAccount:
    email: str
    full_name: str
    role: str
    two_factor: bool


DEMO_ACCOUNTS = (
    DemoAccount("staff@example.org", "Sam Staff", Role.STAFF, False),
    DemoAccount("dsp@example.org", "Dilys Davies", Role.DSP, True),
    DemoAccount("deputy@example.org", "Dafydd Deputy", Role.DEPUTY_DSP, True),
    DemoAccount("head@example.org", "Huw Head", Role.LEADERSHIP, True),
    DemoAccount("admin@example.org", "Alys Admin", "admin", True),
    DemoAccount("oversight@example.org", "Owain Oversight", "oversight", True),
)


@lru_cache(maxsize=1)
def _demo_password_hash() -> str:
    """One Argon2 hash of the demo password, shared by every demo account."""
    return make_password(DEMO_PASSWORD)


def demo_totp_key_hex() -> str:
    return b32decode(DEMO_TOTP_SECRET).hex()


@transaction.atomic
def load_demo() -> Setting:
    if not settings.YMATEB_DEMO_MODE:
        raise ImproperlyConfigured(
            "Demo data can only be loaded in demo mode, never in production."
        )
    authority, _ = LocalAuthority.objects.get_or_create(
        name="Example Council", defaults={"name_cy": "Cyngor Enghraifft"}
    )
    setting, _ = Setting.objects.get_or_create(
        name="Example School",
        defaults={
            "name_cy": "Ysgol Enghraifft",
            "kind": Setting.Kind.SCHOOL,
            "local_authority": authority,
        },
    )
    for account in DEMO_ACCOUNTS:
        user, _ = User.objects.get_or_create(
            email=account.email, defaults={"full_name": account.full_name}
        )
        user.password = _demo_password_hash()
        user.is_active = True
        user.is_admin = account.role == "admin"
        user.is_superuser = account.role == "admin"
        user.must_change_password = False
        user.save()
        # Demo roles are confirmed from the start (there is no second person to ask).
        now = timezone.now()
        if account.role == "oversight":
            OversightAssignment.all_objects.update_or_create(
                user=user, local_authority=authority, defaults={"confirmed_at": now}
            )
        elif account.role != "admin":
            Membership.all_objects.update_or_create(
                user=user, setting=setting, role=account.role, defaults={"confirmed_at": now}
            )
        if account.two_factor:
            TOTPDevice.objects.update_or_create(
                user=user,
                name="Demo authenticator",
                defaults={"key": demo_totp_key_hex(), "confirmed": True},
            )
    return setting
