"""A journey through Ymateb in real Chromium: one browser context per role, signed in once
for the whole test, a numbered screenshot per step, and an axe-core scan of every page the
journey visits, in English as it goes and in Welsh at the end."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.utils import timezone

from tests.client import current_code

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
BLOCKING = {"serious", "critical"}
EMAILS = {
    "staff": "staff@example.org",
    "dsp": "dsp@example.org",
    "head": "head@example.org",
}


def _axe_source() -> str:
    return AXE.read_text(encoding="utf-8")


@dataclass
class Journey:
    browser: Any
    base_url: str
    folder: Path
    pages: dict[str, Any] = field(default_factory=dict)
    contexts: list[Any] = field(default_factory=list)
    step: int = 0
    visited: dict[str, list[str]] = field(default_factory=dict)
    violations: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    signed_in_at: dict[str, int] = field(default_factory=dict)
    scanned: set[tuple[str, str]] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        for old in self.folder.glob("*.png"):
            old.unlink()
        self.axe = _axe_source()

    # --- people ------------------------------------------------------------------------------

    def new_page(self, role: str) -> Any:
        context = self.browser.new_context(viewport={"width": 1100, "height": 900}, locale="en-GB")
        self.contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda exc: self.errors.append(f"{role}: {exc}"))
        page.on(
            "console",
            lambda msg: self.errors.append(f"{role}: {msg.text}") if msg.type == "error" else None,
        )
        self.pages[role] = page
        return page

    def sign_in(self, role: str) -> Any:
        """Sign the role in, in its own browser context, and scan the sign-in pages."""
        from ymateb.web.demo import DEMO_PASSWORD

        page = self.new_page(role)
        page.goto(f"{self.base_url}/sign-in/")
        self.scan(role)
        page.fill("#id_email", EMAILS[role])
        page.fill("#id_password", DEMO_PASSWORD)
        with page.expect_navigation():
            page.click("button:has-text('Sign in')")
        if page.url.endswith("/sign-in/code/"):
            self.scan(role)
            page.fill("#id_token", current_code())
            self.signed_in_at[role] = int(time.time() // 30)
            with page.expect_navigation():
                page.click("button:has-text('Continue')")
        assert page.url.endswith("/dashboard/"), page.url
        self.scan(role)
        return page

    def fresh_code(self, role: str) -> str:
        """A TOTP code this person has not used yet: a code can be used once per 30 s step,
        so wait for the next step if the sign-in used this one."""
        while int(time.time() // 30) <= self.signed_in_at.get(role, -1):
            time.sleep(0.5)
        self.signed_in_at[role] = int(time.time() // 30)
        return current_code()

    def close(self) -> None:
        for context in self.contexts:
            context.close()

    # --- moving about ------------------------------------------------------------------------

    def goto(self, role: str, path: str) -> Any:
        page = self.pages[role]
        page.goto(path if path.startswith("http") else f"{self.base_url}{path}")
        self.scan(role)
        return page

    def submit(self, role: str, selector: str) -> Any:
        """Click a button that posts a form, wait for the next page, and scan it."""
        page = self.pages[role]
        with page.expect_navigation():
            page.click(selector)
        self.scan(role)
        return page

    def shot(self, role: str, name: str) -> Path:
        self.step += 1
        path = self.folder / f"{self.step:02d}-{name}.png"
        self.pages[role].screenshot(path=str(path), full_page=True)
        return path

    # --- accessibility -------------------------------------------------------------------------

    def scan(self, role: str, language: str = "en") -> None:
        """axe-core on the page as it is now (once per role, address and language).

        axe is evaluated through the DevTools protocol, which the page's Content Security
        Policy does not govern (a <script> tag would be refused)."""
        page = self.pages[role]
        url = page.url
        address = url.removeprefix(self.base_url)
        if language == "en":
            self.visited.setdefault(role, [])
            if address not in self.visited[role]:
                self.visited[role].append(address)
        key = (f"{role}:{address}", language)
        if key in self.scanned:
            return
        self.scanned.add(key)
        page.evaluate(self.axe)
        result = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
        )
        for v in result["violations"]:
            if v.get("impact") in BLOCKING:
                targets = "; ".join(
                    " ".join(str(t) for t in n.get("target", [])) for n in v["nodes"][:5]
                )
                self.violations.append(
                    f"[{language}] {address} ({role}): {v['id']} ({v['impact']}): "
                    f"{v['help']} – {targets}"
                )

    def welsh_pass(self) -> None:
        """Switch each role to Welsh and scan again every page it visited (GET-able ones)."""
        for role, addresses in self.visited.items():
            page = self.pages[role]
            page.goto(f"{self.base_url}/dashboard/")
            with page.expect_navigation():
                page.click("button:has-text('Cymraeg')")
            assert page.locator("html").get_attribute("lang") == "cy"
            for address in addresses:
                if address.startswith("/sign-in"):
                    continue  # signed in now: the sign-in pages are scanned in Welsh below
                page.goto(f"{self.base_url}{address}")
                self.scan(role, "cy")
        # The sign-in pages in Welsh, for someone not signed in.
        page = self.new_page("anonymous")
        page.goto(f"{self.base_url}/sign-in/")
        with page.expect_navigation():
            page.click("button:has-text('Cymraeg')")
        assert page.locator("html").get_attribute("lang") == "cy"
        self.scan("anonymous", "cy")

    def assert_accessible(self) -> None:
        assert not self.violations, "Serious or critical accessibility violations:\n" + "\n".join(
            self.violations
        )

    def assert_no_script_errors(self) -> None:
        assert not real_errors(self.errors), "Browser errors:\n" + "\n".join(self.errors)


def real_errors(errors: list[str]) -> list[str]:
    """The errors less htmx's report of a request the person's own navigation cut short
    (a live recommendation still loading when they press Save, on a slow machine): htmx logs
    `htmx:sendAbort` and, for the same request, `htmx:afterRequest`. Anything else stays."""
    left = list(errors)
    for error in errors:
        role, _, text = error.partition(": ")
        if text.startswith("htmx:sendAbort"):
            left.remove(error)
            paired = next((e for e in left if e.startswith(f"{role}: htmx:afterRequest")), None)
            if paired is not None:
                left.remove(paired)
    return left


# --- filling Ymateb's forms ---------------------------------------------------------------------


def check(page: Any, name: str, value: str) -> None:
    page.check(f"input[name='{name}'][value='{value}']")


def fill_date(page: Any, prefix: str, moment: Any) -> None:
    page.fill(f"#id_{prefix}_day", str(moment.day))
    page.fill(f"#id_{prefix}_month", str(moment.month))
    page.fill(f"#id_{prefix}_year", str(moment.year))


def a_few_minutes_ago(minutes: int = 5) -> Any:
    moment = timezone.localtime() - timedelta(minutes=minutes)
    if moment.date() != timezone.localdate():  # just after midnight: keep it today
        moment = timezone.localtime().replace(hour=0, minute=0)
    return moment


def word(value: Any) -> str:
    return {True: "yes", False: "no", None: "unknown"}[value]


def fill_review(page: Any, facts: dict[str, Any], image_creator: str) -> None:
    """Answer the initial review meeting's questions as the facts say (contract form, child
    refs as in the incident: A, B...)."""
    from ymateb.rules.facts import CHILD_FLAGS, INCIDENT_FLAGS

    held = a_few_minutes_ago()
    fill_date(page, "held", held)
    page.fill("#id_held_time", held.strftime("%H:%M"))
    page.fill("#id_attendees", "Dilys Davies (DSP), Huw Head (headteacher), form tutor")
    check(page, "adult_involvement", facts["adult_involvement"])
    for sign in facts.get("adult_signs") or []:
        check(page, "adult_signs", sign)
    for name in INCIDENT_FLAGS:
        check(page, name, word(facts.get(name)))
    for child in facts["children"]:
        ref = child["ref"]
        page.fill(f"#id_child_{ref}_age", str(child["age"]))
        for role in child.get("roles") or []:
            check(page, f"child_{ref}_roles", role)
        for name in CHILD_FLAGS:
            check(page, f"child_{ref}_{name}", word(child.get(name)))
    check(page, "image_creator", image_creator)
    page.fill("#id_where_shared", "Shown on a phone to friends at school")
    page.fill("#id_parents_notes", "The DSP will phone the families today")


def wait_for_tone(page: Any, tone: str) -> None:
    """The live recommendation (HTMX) has caught up with the answers."""
    page.wait_for_selector(f"#recommendation [data-tone='{tone}']", timeout=10000)
