"""`ymateb setting_add`: on the server, a new installation's first education setting and its
designated safeguarding person (DSP).

A DSP role an installation admin proposes in the admin needs a second person to confirm it
(ymateb.tenancy.services): leadership of the setting, or a second installation admin. A new
installation has neither. Whoever runs commands on the server already holds every key, so,
like `ymateb createsuperuser`, this command grants the first DSP role confirmed, and writes
both steps to the audit trail with the system as the actor. Later roles go through the
admin and its confirmation.

The DSP's account gets a temporary password, printed here for the person running the
command to hand over, that must be changed at the first sign-in and works only in the
browser that opened the one-time link emailed to the DSP (ADR 0008), where they also set up
their authenticator app.
"""

from __future__ import annotations

import secrets
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from ymateb.accounts.models import User
from ymateb.accounts.services import issue_enrolment_link
from ymateb.audit.models import AuditAction
from ymateb.audit.services import audit
from ymateb.tenancy.models import LocalAuthority, Membership, Role, Setting


class Command(BaseCommand):
    help = (
        "Add an education setting (and its local authority if new) with a confirmed DSP, "
        "whose account gets a temporary password (printed) and a one-time set-up link "
        "(emailed). For the first setting of a new installation; later ones can be added "
        "in the admin."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--name", required=True, help="the setting's name in English")
        parser.add_argument("--name-cy", default="", help="the setting's name in Welsh")
        parser.add_argument(
            "--kind", default=Setting.Kind.SCHOOL, choices=[k.value for k in Setting.Kind]
        )
        parser.add_argument("--local-authority", required=True, help="name in English")
        parser.add_argument("--local-authority-cy", default="", help="name in Welsh")
        parser.add_argument("--dsp-email", required=True)
        parser.add_argument("--dsp-name", required=True, help="the DSP's full name")
        parser.add_argument(
            "--base-url",
            default="",
            help="The address people open Ymateb at, e.g. https://ymateb.example.org",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        email = User.objects.normalize_email(options["dsp_email"].strip()).lower()
        password = ""
        with transaction.atomic():
            authority, _created = LocalAuthority.objects.get_or_create(
                name=options["local_authority"].strip(),
                defaults={"name_cy": options["local_authority_cy"].strip()},
            )
            if Setting.objects.filter(
                local_authority=authority, name=options["name"].strip()
            ).exists():
                raise CommandError("That setting already exists in that local authority.")
            setting = Setting.objects.create(
                name=options["name"].strip(),
                name_cy=options["name_cy"].strip(),
                kind=options["kind"],
                local_authority=authority,
            )
            audit(
                actor=None,
                action=AuditAction.CREATE,
                object_type="setting",
                object_id=str(setting.pk),
                setting_id=setting.pk,
                detail={"command": "setting_add", "local_authority": authority.pk},
            )
            user = User.objects.filter(email__iexact=email).first()
            if user is None:
                password = secrets.token_urlsafe(12)
                user = User.objects.create_user(
                    email,
                    password,
                    full_name=options["dsp_name"].strip(),
                    must_change_password=True,
                )
            elif user.is_admin:
                raise CommandError("An installation admin cannot also hold a DSP role.")
            membership = Membership.objects.create(user=user, setting=setting, role=Role.DSP)
            detail = {"role": Role.DSP.value, "user": user.pk, "setting": setting.pk}
            for action in (AuditAction.GRANT_ROLE, AuditAction.CONFIRM_ROLE):
                audit(
                    actor=None,
                    action=action,
                    object_type="membership",
                    object_id=str(membership.pk),
                    setting_id=setting.pk,
                    detail={**detail, "command": "setting_add"},
                )
            issue_enrolment_link(user, by=None, base_url=options["base_url"])
        self.stdout.write(f"Added {setting.name} ({authority.name}) with {user.email} as its DSP.")
        if password:
            self.stdout.write(
                f"Temporary password for {user.email}: {password}\n"
                "Give it to them in person or by phone. It works only in the browser that "
                "opens the one-time link just emailed to them (72 hours), and must be "
                "changed at the first sign-in."
            )
        else:
            self.stdout.write(f"A one-time set-up link was emailed to {user.email}.")
