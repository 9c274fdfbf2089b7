"""Debian's Chromium as the browser tests and the production stack's test launch it (Playwright
drives it; no browser is downloaded)."""

from __future__ import annotations

from typing import Any

CHROMIUM = "/usr/bin/chromium"
#: No sandbox, no GPU, and nothing Chromium would fetch or sync in the background.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def launch(playwright: Any) -> Any:
    """A headless Chromium browser from a running sync_playwright()."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
