from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ymateb.accounts.models import User
from ymateb.accounts.services import issue_enrolment_link


class Command(BaseCommand):
    help = (
        "Email a one-time link to set up an authenticator app to a person (audited). "
        "For the first installation admin of a new installation, who has no other admin to "
        "ask, the link is also printed here."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email")
        parser.add_argument(
            "--base-url",
            default="",
            help="The address people open Ymateb at, e.g. https://ymateb.example.org",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(email__iexact=options["email"].strip()).first()
        if user is None or not user.is_active:
            raise CommandError("There is no active account with that email address.")
        _link, url = issue_enrolment_link(user, by=None, base_url=options["base_url"])
        self.stdout.write(f"A one-time link was emailed to {user.email}.")
        if user.is_admin:
            self.stdout.write(f"Link (works once, for 72 hours): {url}")
