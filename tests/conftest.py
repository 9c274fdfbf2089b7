"""Fixtures shared by the Django tests: the demo setting, its people, and signing in."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.client import signed_in

# Django is imported inside the fixtures, so the rules package's tests (tests/rules) run
# with no Django settings at all.


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: Any, django_db_blocker: Any) -> Any:
    """pytest-django's test database; on PostgreSQL, then used as the web app's role
    (tests/app_role.py, ADR 0011)."""
    from tests import app_role

    with django_db_blocker.unblock():
        app_role.start()
    yield
    with django_db_blocker.unblock():
        app_role.stop()


@pytest.fixture(autouse=True)
def _each_test_has_its_own_scaffolding_scope() -> None:
    from tests import app_role

    app_role.new_test()


@pytest.fixture(scope="session")
def browser() -> Any:
    """One headless Chromium per test process (tests/chromium.py), for the browser tests
    and the production stack's: Playwright's sync API allows one running instance."""
    from playwright.sync_api import sync_playwright

    from tests.chromium import launch

    with sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()


@pytest.fixture
def demo(db: Any) -> Any:
    from ymateb.web.demo import load_demo

    return load_demo()


@pytest.fixture
def client() -> Any:
    """pytest-django's `client`, posting forms as a browser does (see tests/client.py)."""
    from tests.client import BrowserClient

    return BrowserClient()


@pytest.fixture
def sign_in(demo: Any) -> Callable[..., Any]:
    """Return a client signed in as the demo account with that email, code and all."""

    def _sign_in(email: str, client: Any = None) -> Any:
        client, response = signed_in(email, client)
        assert response.status_code == 302, response.content[:500]
        assert response["Location"].endswith("/dashboard/")
        return client

    return _sign_in


@pytest.fixture(autouse=True)
def _each_test_starts_in_the_default_language() -> Any:
    """A request in Welsh leaves Welsh active in the thread (LocaleMiddleware activates a
    language and nothing deactivates it), so a later test on the same worker would read
    Welsh labels. Every test starts and ends in the default language."""
    from django.conf import settings

    if not settings.configured:  # the rules package's tests run without Django
        yield
        return
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()
