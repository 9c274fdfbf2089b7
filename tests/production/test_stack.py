"""The production stack, as deployed (issue "A real installation"; ADR 0012).

`scripts/production.sh`, the script behind `make production`, starts what the systemd units
start: a PostgreSQL cluster with the three roles (passwords over TCP), two gunicorn app
servers as the app role, the worker as the worker role, and Debian's nginx on HTTPS in
front. The first admin and the first setting with its DSP are made with the commands the
README's installation guide gives (`deploy/bin/ymateb createsuperuser`, `enrolment_link`,
`setting_add`). Then Chromium, through nginx only: the admin and the DSP each open their
one-time link, sign in and set up an authenticator app; the DSP reports a concern by
clicking through the form and finds it on the dashboard, linked under "New concerns".

Every request the browser sends carries a forged X-Forwarded-For: nginx replaces it, so the
audit trail records the browser's address (127.0.0.1), never the forged one. The requests
land on both app servers (nginx's access log names the upstream of each), so the session
and the CSRF token held across them: every POST of the journey succeeded.
"""

from __future__ import annotations

import os
import re
import time
from base64 import b32decode
from pathlib import Path
from typing import Any

from tests.production.stack import MARKS, ROOT, Stack

WALK = Path(os.environ.get("YMATEB_PRODUCTION_SCREENSHOTS", str(ROOT / "test-artifacts")))
FORGED = "203.0.113.9"
ADMIN = "first.admin@example.org"
DSP = "dsp@ysgol-prawf.example.org"

pytestmark = MARKS


def set_up_authenticator(page: Any, link: str, email: str, password: str) -> str:
    """Open the one-time link, sign in, add the authenticator app (the key shown on the
    page, as a person types it into their app) and return the key."""
    from django_otp.oath import totp

    page.goto(link)
    assert page.url.endswith("/sign-in/"), page.url
    page.fill("#id_email", email)
    page.fill("#id_password", password)
    with page.expect_navigation():
        page.click("button:has-text('Sign in')")
    key = page.locator("code.ymateb-secret").inner_text().replace(" ", "")
    page.fill("#id_token", f"{totp(b32decode(key)):06d}")
    with page.expect_navigation():
        page.click("button:has-text('Continue')")
    assert "/set-up-code/" not in page.url, page.locator("main").inner_text()
    return key


def test_the_production_stack_serves_a_journey_through_nginx(stack: Stack, browser: Any) -> None:
    WALK.mkdir(parents=True, exist_ok=True)
    admin_password = "Gweinyddwr-cyntaf-2026!"
    # The first admin, as the README's guide makes them.
    stack.first_admin(ADMIN, admin_password)
    printed = stack.ymateb("enrolment_link", ADMIN, "--base-url", stack.url)
    admin_link = re.search(r"https://\S+/sign-in/set-up/\S+/", printed)
    assert admin_link, printed
    # The first setting and its DSP.
    added = stack.add_setting("Ysgol Prawf", "Cyngor Prawf", DSP, "Dylan DSP")
    temporary = re.search(r"Temporary password for \S+: (\S+)", added)
    assert temporary, added
    dsp_link = stack.mail_link(DSP)

    try:
        options: dict[str, Any] = {
            "ignore_https_errors": True,
            "viewport": {"width": 1100, "height": 900},
            "locale": "en-GB",
            # Forged on every request: nginx must replace it with the real address.
            "extra_http_headers": {"X-Forwarded-For": FORGED},
        }
        admin = browser.new_context(**options).new_page()
        admin.goto(f"{stack.url}/sign-in/")
        assert admin.locator("h1").inner_text().strip()
        admin.screenshot(path=str(WALK / "prod-sign-in.png"), full_page=True)
        set_up_authenticator(admin, admin_link.group(0), ADMIN, admin_password)
        assert admin.url.endswith("/dashboard/"), admin.url
        admin.screenshot(path=str(WALK / "prod-admin-dashboard.png"), full_page=True)

        dsp = browser.new_context(**options).new_page()
        set_up_authenticator(dsp, dsp_link, DSP, temporary.group(1))
        # The temporary password is changed at the first sign-in.
        assert dsp.url.endswith("/sign-in/new-password/"), dsp.url
        dsp.fill("#id_new_password", "Diogelu-plant-yn-gyntaf-2026")
        dsp.fill("#id_confirm_password", "Diogelu-plant-yn-gyntaf-2026")
        with dsp.expect_navigation():
            dsp.click("button:has-text('Save new password')")
        assert dsp.url.endswith("/dashboard/"), dsp.url

        # Report a concern, by clicking as a person would.
        with dsp.expect_navigation():
            dsp.click("a:has-text('Report a concern')")
        dsp.fill("#id_child-0-name", "Plentyn A")
        dsp.fill("#id_child-0-age", "14")
        dsp.check("input[name='came_to_light'][value='child_told']")
        today = time.localtime()
        dsp.fill("#id_when_day", str(today.tm_mday))
        dsp.fill("#id_when_month", str(today.tm_mon))
        dsp.fill("#id_when_year", str(today.tm_year))
        dsp.fill("#id_account", "A pupil said an image was shared in a group chat.")
        with dsp.expect_navigation():
            dsp.click("button:has-text('Send to the DSP')")
        panel = dsp.locator(".govuk-panel").inner_text()
        reference = re.search(r"YM-[A-Z0-9]{4}-[A-Z0-9]{4}", panel)
        assert reference, panel

        # The DSP's dashboard lists the new concern.
        deadline = time.monotonic() + 60
        while True:
            with dsp.expect_navigation():
                dsp.click("header a:has-text('Dashboard'), nav a:has-text('Dashboard')")
            # A link to the incident: in "New concerns" for its DSP (the list of the
            # concerns one reported, below it, names the reference without a link).
            if dsp.locator("main a", has_text=reference.group(0)).count():
                break
            assert time.monotonic() < deadline, "no alert on the dashboard within 60 s"
            time.sleep(2)
        dsp.screenshot(path=str(WALK / "prod-dsp-dashboard.png"), full_page=True)
    finally:
        for context in browser.contexts:
            context.close()

    # Both app servers answered, and the forged header reached nginx and went no further.
    access = (stack.dir / "nginx" / "log" / "access.log").read_text()
    for port in stack.app_ports:
        assert f"upstream=127.0.0.1:{port}" in access, f"no request reached the app on {port}"
    posts = re.findall(r'"POST (\S+) HTTP/[0-9.]+" (\d+) \d+ upstream=(\S+)', access)
    assert len(posts) >= 6, access
    assert all(status in ("200", "302") for _, status, _ in posts), posts
    assert f'client_xff="{FORGED}"' in access

    # The audit trail recorded the browser's address, never the forged one.
    import psycopg

    with psycopg.connect(stack.env_value("db-owner.env", "DATABASE_URL")) as connection:
        sources = {
            row[0].split(" ")[0]
            for row in connection.execute(
                "SELECT DISTINCT source FROM audit_auditevent WHERE source <> ''"
            )
        }
    assert sources == {"127.0.0.1"}, sources
