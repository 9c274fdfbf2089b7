"""Browser tests: Playwright for Python driving Debian's Chromium (no browser download)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# Playwright's sync API runs an event loop in this thread; Django's ORM calls made by the
# test itself (fixtures, assertions) are still synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1100, "height": 900}, locale="en-GB")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def screenshot(page: Any) -> Any:
    """Take a full-page screenshot into test-artifacts/ (or a sub-folder of it)."""
    ARTIFACTS.mkdir(exist_ok=True)

    def _take(name: str, folder: str | None = None, of: Any = None) -> Path:
        where = ARTIFACTS / folder if folder else ARTIFACTS
        where.mkdir(parents=True, exist_ok=True)
        path = where / f"{name}.png"
        (of or page).screenshot(path=str(path), full_page=True)
        return path

    return _take


@pytest.fixture
def journey(browser: Any, live_server: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    """Build a journey: `journey("a")` gives a Journey whose screenshots go into
    test-artifacts/journeys/a/. Its browser contexts are closed at the end."""
    from tests.browser.journey import Journey

    made: list[Any] = []

    def _make(variant: str) -> Any:
        j = Journey(browser, live_server.url, ARTIFACTS / "journeys" / variant)
        made.append(j)
        return j

    yield _make
    for j in made:
        j.close()
