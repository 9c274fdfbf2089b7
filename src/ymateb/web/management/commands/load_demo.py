from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from ymateb.web.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_TOTP_SECRET, load_demo


class Command(BaseCommand):
    help = "Create the demo setting and one account per role (demo mode only)."

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.YMATEB_DEMO_MODE:
            raise CommandError("Demo data can only be loaded in demo mode, never in production.")
        setting = load_demo()
        self.stdout.write(f"Demo setting: {setting.name_cy} / {setting.name}")
        self.stdout.write("Demo accounts (all share one password):")
        for account in DEMO_ACCOUNTS:
            note = "password + code" if account.two_factor else "password only"
            self.stdout.write(f"  {account.email:<24} {account.role:<11} {note}")
        self.stdout.write(f"Password: {DEMO_PASSWORD}")
        self.stdout.write(
            f"Authenticator secret (TOTP, add to any authenticator app): {DEMO_TOTP_SECRET}"
        )
        self.stdout.write("Or print the current code with: .venv/bin/ymateb demo_code")
