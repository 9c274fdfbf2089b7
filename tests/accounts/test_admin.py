"""The Django admin: for installation admins with their second factor, and nobody changes
their own role."""

from __future__ import annotations

import pytest
from django.test import Client

from ymateb.accounts.models import User
from ymateb.tenancy.models import Membership

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "email", ["staff@example.org", "dsp@example.org", "head@example.org", "oversight@example.org"]
)
def test_only_admins_reach_the_admin(sign_in, email: str) -> None:
    client = sign_in(email)
    response = client.get("/admin/", follow=True)
    assert response.status_code == 403
    assert "You cannot see this page" in response.content.decode()


def test_admin_with_code_reaches_the_admin(sign_in) -> None:
    client = sign_in("admin@example.org")
    assert client.get("/admin/").status_code == 200


def test_anonymous_admin_request_goes_to_the_one_sign_in(client: Client) -> None:
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/sign-in/")
    assert "Sign in" in response.content.decode()


def test_admin_cannot_give_themselves_a_membership(demo, sign_in) -> None:
    client = sign_in("admin@example.org")
    admin_user = User.objects.get(email="admin@example.org")
    response = client.post(
        "/admin/tenancy/membership/add/",
        {"user": admin_user.pk, "setting": demo.pk, "role": "dsp"},
    )
    assert response.status_code == 200
    assert "You cannot give yourself a role" in response.content.decode()
    assert not Membership.objects.filter(user=admin_user).exists()


def test_admin_can_give_someone_else_a_membership(demo, sign_in) -> None:
    client = sign_in("admin@example.org")
    other = User.objects.create_user("new@example.org", "Long-password-123", full_name="New Person")
    response = client.post(
        "/admin/tenancy/membership/add/",
        {"user": other.pk, "setting": demo.pk, "role": "staff"},
    )
    assert response.status_code == 302
    assert Membership.objects.filter(user=other, role="staff").exists()


def test_admin_cannot_remove_or_change_their_own_admin_flag(demo, sign_in) -> None:
    client = sign_in("admin@example.org")
    admin_user = User.objects.get(email="admin@example.org")
    page = client.get(f"/admin/accounts/user/{admin_user.pk}/change/").content.decode()
    assert 'name="is_admin"' not in page
