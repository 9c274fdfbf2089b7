from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from ymateb.accounts.models import User
from ymateb.tenancy.models import Membership, OversightAssignment
from ymateb.web.demo import DEMO_ACCOUNTS, load_demo

pytestmark = pytest.mark.django_db


def test_demo_creates_one_account_per_role_and_is_repeatable() -> None:
    load_demo()
    load_demo()
    assert User.objects.count() == len(DEMO_ACCOUNTS)
    assert set(Membership.objects.values_list("role", flat=True)) == {
        "staff",
        "dsp",
        "deputy_dsp",
        "leadership",
    }
    assert OversightAssignment.objects.count() == 1
    assert User.objects.get(email="admin@example.org").is_admin


@override_settings(YMATEB_DEMO_MODE=False)
def test_demo_data_refuses_outside_demo_mode() -> None:
    with pytest.raises(ImproperlyConfigured):
        load_demo()
    with pytest.raises(CommandError):
        call_command("load_demo")
    assert User.objects.count() == 0
