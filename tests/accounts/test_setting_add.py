"""`ymateb setting_add`: a new installation's first setting and its DSP, from the server
(README "Production installation"): the role is confirmed, both steps are in the audit
trail, the DSP gets a temporary password and a one-time link, and bad input changes
nothing."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError

from ymateb.accounts.models import User
from ymateb.audit.models import AuditEvent
from ymateb.audit.services import verify_chain
from ymateb.tenancy.models import Membership, Setting

pytestmark = pytest.mark.django_db

ARGS = [
    "--name", "Ysgol Gyntaf", "--local-authority", "Cyngor Prawf",
    "--dsp-email", "First.DSP@Example.org", "--dsp-name", "Ffion Jones",
    "--base-url", "https://ymateb.example.org",
]  # fmt: skip


def add(*args: str) -> str:
    out = StringIO()
    call_command("setting_add", *args, stdout=out)
    return out.getvalue()


def test_the_first_setting_gets_a_confirmed_dsp_audited_with_a_link_and_a_password(
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        printed = add(*ARGS)
    setting = Setting.objects.get(name="Ysgol Gyntaf")
    dsp = User.objects.get(email="first.dsp@example.org")
    role = Membership.objects.get(user=dsp, setting=setting)  # confirmed roles only
    assert role.role == "dsp"
    assert dsp.must_change_password and not dsp.is_admin
    password = printed.split(f"Temporary password for {dsp.email}: ")[1].split()[0]
    assert dsp.check_password(password)
    assert [m.to for m in mail.outbox] == [[dsp.email]]
    assert "https://ymateb.example.org/" in mail.outbox[0].body
    actions = list(
        AuditEvent.objects.filter(setting_id=setting.pk).values_list("action", flat=True)
    )
    assert actions == ["create", "grant_role", "confirm_role"]
    assert password not in str(list(AuditEvent.objects.values_list("detail", flat=True)))
    assert verify_chain().ok


def test_a_second_setting_with_the_same_name_and_an_admin_as_dsp_change_nothing() -> None:
    add(*ARGS)
    before = (Setting.objects.count(), Membership.all_objects.count(), AuditEvent.objects.count())
    with pytest.raises(CommandError, match="already exists"):
        add(*ARGS)
    User.objects.create_user("admin@example.org", "x" * 16, is_admin=True)
    other = ["--name", "Ysgol Arall", *ARGS[2:5], "admin@example.org", *ARGS[6:]]
    with pytest.raises(CommandError, match="cannot also hold a DSP role"):
        add(*other)
    after = (Setting.objects.count(), Membership.all_objects.count(), AuditEvent.objects.count())
    assert after == before
    assert not Setting.objects.filter(name="Ysgol Arall").exists()
