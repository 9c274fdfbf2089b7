"""Fixtures shared by the Django tests: the demo setting, its people, and signing in."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

# Django is imported inside the fixtures, so the rules package's tests (tests/rules) run
# with no Django settings at all.


def current_code() -> str:
    from django_otp.oath import totp

    from ymateb.tenancy.demo import demo_totp_key_hex

    return f"{totp(bytes.fromhex(demo_totp_key_hex())):06d}"


@pytest.fixture
def demo(db: Any) -> Any:
    from ymateb.tenancy.demo import load_demo

    return load_demo()


@pytest.fixture
def sign_in(demo: Any) -> Callable[..., Any]:
    """Return a client signed in as the demo account with that email, code and all."""
    from django.test import Client

    from ymateb.tenancy.demo import DEMO_PASSWORD

    def _sign_in(email: str, client: Any = None) -> Any:
        client = client or Client()
        response = client.post("/sign-in/", {"email": email, "password": DEMO_PASSWORD})
        assert response.status_code == 302, response.content[:500]
        if response["Location"].endswith("/sign-in/code/"):
            response = client.post("/sign-in/code/", {"token": current_code()})
            assert response.status_code == 302
        assert response["Location"].endswith("/dashboard/")
        return client

    return _sign_in
