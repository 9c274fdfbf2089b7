"""In real Chromium: a DSP signs in with a second factor, switches to Welsh, and sees the
dashboard in Welsh."""

from __future__ import annotations

import pytest

from tests.client import current_code
from ymateb.web.demo import DEMO_PASSWORD

pytestmark = [pytest.mark.system, pytest.mark.django_db(transaction=True)]


def test_dsp_signs_in_with_two_factor_and_switches_to_welsh(live_server, page, screenshot) -> None:
    from ymateb.web.demo import load_demo

    load_demo()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)

    page.goto(f"{live_server.url}/sign-in/")
    assert page.locator("h1").inner_text() == "Sign in"
    # GOV.UK Frontend's JavaScript ran (no inline script needed): the body is marked.
    assert "govuk-frontend-supported" in page.locator("body").get_attribute("class")
    page.fill("#id_email", "dsp@example.org")
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button:has-text('Sign in')")
    page.wait_for_url("**/sign-in/code/")
    page.fill("#id_token", current_code())
    page.click("button:has-text('Continue')")
    page.wait_for_url("**/dashboard/")
    assert page.locator("h1").inner_text() == "Dashboard"
    assert "Designated safeguarding person" in page.content()
    screenshot("sign-in-dsp-dashboard-en")

    page.click("button:has-text('Cymraeg')")
    page.wait_for_load_state()
    assert page.url.endswith("/dashboard/")
    assert page.locator("html").get_attribute("lang") == "cy"
    heading = page.locator("h1").inner_text()
    assert heading != "Dashboard" and heading.strip()
    assert "Ysgol Enghraifft" in page.content()
    assert "Example School" not in page.locator("main").inner_text()
    screenshot("sign-in-dsp-dashboard-cy")
    assert errors == []
