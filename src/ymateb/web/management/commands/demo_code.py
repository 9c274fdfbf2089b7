from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import totp

from ymateb.web.demo import demo_totp_key_hex


class Command(BaseCommand):
    help = "Print the current 6-digit code of the demo authenticator secret (demo mode only)."

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.YMATEB_DEMO_MODE:
            raise CommandError("There is no demo secret outside demo mode.")
        code = totp(bytes.fromhex(demo_totp_key_hex()))
        remaining = 30 - int(time.time()) % 30
        self.stdout.write(f"{code:06d}  (valid for about {remaining} more seconds)")
