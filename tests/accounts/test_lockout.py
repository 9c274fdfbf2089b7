"""Sign-in lockout: what it keeps, what it counts, and which address it counts under.

See ymateb.accounts.lockout and the AXES_* settings. Lockout has no requirement of its own;
keeping nothing typed by an anonymous visitor serves R-160 (no image is ever stored).
"""

from __future__ import annotations

import re
from base64 import b64encode
from typing import Any

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.test import Client, RequestFactory, override_settings

from tests.client import BrowserClient, current_code
from ymateb.accounts.lockout import lockout_key
from ymateb.audit.services import request_source
from ymateb.config.settings.base import _client_address_settings
from ymateb.web.demo import DEMO_PASSWORD

pytestmark = pytest.mark.django_db

WRONG_PASSWORD = "wrong-password-123"  # noqa: S105 (a test value)
# A 1×1 PNG, as an anonymous visitor might paste it into a field of their own making.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4"
    "890000000d4944415478da63f8cfc0f01f0005000201a5d3e1a10000000049454e44ae426082"
)
PNG_B64 = b64encode(PNG).decode()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Any) -> None:
    """Dozens of sign-ins per test: a cheap hasher keeps them quick. What is counted, kept
    and locked does not depend on the hasher (production uses Argon2). Argon2 stays in the
    list to verify the demo accounts' hash, which is made once per process and may have been
    made before this override."""
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        "django.contrib.auth.hashers.Argon2PasswordHasher",
    ]


def client_at(address: str, **extra: Any) -> Client:
    return BrowserClient(REMOTE_ADDR=address, **extra)


def post_password(client: Client, email: str, password: str = WRONG_PASSWORD, **data: str) -> Any:
    return client.post("/sign-in/", {"email": email, "password": password, **data})


def axes_rows() -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for model in (AccessAttempt, AccessLog, AccessFailureLog):
        rows += list(model.objects.values())
    return rows


# --- Keep only what lockout needs -----------------------------------------------------


def test_a_failed_sign_in_keeps_nothing_typed_or_sent_but_a_hash_and_the_address(demo) -> None:
    """R-160: extra POST fields, the query string, the User-Agent, the Accept header and the
    typed email address (image-like or not) never reach axes' tables; only a keyed hash of
    the email address, the IP address, counts and times do."""
    image_email = f"{PNG_B64[:60].replace('/', 'x').replace('+', 'y')}@example.org"
    user_agent = "Mozilla/5.0 " + "data:image/png;base64," + PNG_B64 * 3
    accept = "text/html;q=0.9," + PNG_B64
    client = client_at("203.0.113.50", HTTP_USER_AGENT=user_agent, HTTP_ACCEPT=accept)
    extra = {"photo": PNG_B64, "note": "data:image/png;base64," + PNG_B64, "who": "Typed Name"}
    client.post(
        "/sign-in/?q=" + PNG_B64[:40],
        {"email": "staff@example.org", "password": WRONG_PASSWORD, **extra},
    )
    post_password(client, image_email, **extra)
    post_password(client, "nobody-typed@example.org", **extra)

    attempts = list(AccessAttempt.objects.all())
    assert attempts, "the failures were counted"
    assert sum(a.failures_since_start for a in attempts) >= 2
    secrets = [
        PNG_B64[:24],
        "data:image",
        "Typed Name",
        "staff@example.org",
        "nobody-typed",
        "example.org",
        image_email[:24],
        "Mozilla",
        "text/html",
        "sign-in",
    ]
    for row in axes_rows():
        for column, value in row.items():
            for secret in secrets:
                assert secret.lower() not in str(value).lower(), (column, secret)
    for attempt in attempts:
        assert re.fullmatch(r"[0-9a-f]{64}", attempt.username)
        assert attempt.ip_address == "203.0.113.50"
        assert attempt.get_data == attempt.post_data == ""
        assert attempt.user_agent == attempt.http_accept == attempt.path_info == ""


def test_a_wrong_code_keeps_nothing_typed_either(demo) -> None:
    client = client_at("203.0.113.51", HTTP_USER_AGENT="Agent " + PNG_B64)
    post_password(client, "dsp@example.org", DEMO_PASSWORD)
    bad = f"{(int(current_code()) + 500000) % 1000000:06d}"
    client.post("/sign-in/code/", {"token": bad, "photo": PNG_B64})
    assert AccessAttempt.objects.get().failures_since_start == 1
    for row in axes_rows():
        for value in row.values():
            assert PNG_B64[:24] not in str(value)
            assert "dsp@example.org" not in str(value)


def test_a_successful_sign_in_writes_no_access_log(demo) -> None:
    client = client_at("203.0.113.52", HTTP_USER_AGENT="Agent " + PNG_B64)
    assert post_password(client, "staff@example.org", DEMO_PASSWORD).status_code == 302
    client.post("/sign-out/")
    assert axes_rows() == []


def test_the_key_is_the_normalised_address_whatever_its_case() -> None:
    """Typed in any case or with spaces, an email address counts as one."""
    client = client_at("203.0.113.53")
    for typed in ("Staff@Example.org", " staff@example.org ", "STAFF@EXAMPLE.ORG"):
        post_password(client, typed)
    attempt = AccessAttempt.objects.get()
    assert attempt.failures_since_start == 3
    assert attempt.username == lockout_key(
        RequestFactory().get("/"), {"email": "staff@example.org"}
    )
    assert "staff" not in attempt.username


# --- A limit per account and per address ----------------------------------------------


def test_ten_addresses_with_one_failure_each_lock_the_account(demo) -> None:
    limit = settings.YMATEB_LOCKOUT_ACCOUNT_FAILURES
    assert limit == 10
    statuses = [
        post_password(client_at(f"198.51.100.{i}"), "staff@example.org").status_code
        for i in range(1, limit + 1)
    ]
    assert statuses == [200] * (limit - 1) + [429]
    # The right password, from an address that never failed: still refused.
    fresh = client_at("198.51.100.200")
    response = post_password(fresh, "staff@example.org", DEMO_PASSWORD)
    assert response.status_code == 429
    assert fresh.get("/dashboard/").status_code == 302
    # Another account from those addresses is not locked.
    other = client_at("198.51.100.1")
    assert post_password(other, "dsp@example.org", DEMO_PASSWORD)["Location"] == "/sign-in/code/"


def test_wrong_codes_from_ten_addresses_lock_the_account(demo) -> None:
    """A wrong code counts as a failure for the account, like a wrong password."""
    bad = f"{(int(current_code()) + 500000) % 1000000:06d}"
    statuses = []
    for i in range(1, settings.YMATEB_LOCKOUT_ACCOUNT_FAILURES + 1):
        client = client_at(f"198.51.100.{i}")
        assert post_password(client, "dsp@example.org", DEMO_PASSWORD).status_code == 302
        statuses.append(client.post("/sign-in/code/", {"token": bad}).status_code)
    assert statuses[-1] == 429
    assert set(statuses[:-1]) == {200}
    response = post_password(client_at("198.51.100.200"), "dsp@example.org", DEMO_PASSWORD)
    assert response.status_code == 429


def test_one_address_failing_thirty_accounts_is_locked(demo) -> None:
    limit = settings.YMATEB_LOCKOUT_ADDRESS_FAILURES
    assert limit == 30
    client = client_at("192.0.2.77")
    statuses = [post_password(client, f"person{i}@example.org").status_code for i in range(limit)]
    assert statuses == [200] * (limit - 1) + [429]
    # Any account, even with its right password, from that address: refused.
    response = post_password(client_at("192.0.2.77"), "staff@example.org", DEMO_PASSWORD)
    assert response.status_code == 429
    # The same account from elsewhere: fine.
    response = post_password(client_at("192.0.2.78"), "staff@example.org", DEMO_PASSWORD)
    assert response["Location"] == "/dashboard/"


def test_signing_in_to_ones_own_account_does_not_clear_an_addresss_failures(demo) -> None:
    """Axes would forget every failure from the address on any success; here only the
    account's own failures from that address go."""
    limit = settings.YMATEB_LOCKOUT_ADDRESS_FAILURES
    client = client_at("192.0.2.90")
    for i in range(limit - 1):
        post_password(client, f"target{i}@example.org")
    assert post_password(client, "staff@example.org", DEMO_PASSWORD).status_code == 302
    assert post_password(client_at("192.0.2.90"), "one-more@example.org").status_code == 429


def test_a_lock_says_nothing_about_whether_the_account_exists(demo) -> None:
    def locked_page(email: str, prefix: str) -> tuple[list[int], str]:
        statuses = [
            post_password(client_at(f"{prefix}.{i}"), email).status_code
            for i in range(1, settings.YMATEB_LOCKOUT_ACCOUNT_FAILURES + 1)
        ]
        page = post_password(client_at(f"{prefix}.250"), email, DEMO_PASSWORD)
        html = re.sub(r'value="[^"]{20,}"', 'value=""', page.content.decode())
        return [*statuses, page.status_code], html

    real = locked_page("staff@example.org", "198.51.100")
    ghost = locked_page("ghost@example.org", "203.0.113")
    assert real[0] == ghost[0]
    assert real[0][-1] == 429
    assert real[1] == ghost[1]
    assert "Sign-in is locked for now" in real[1]


@override_settings(YMATEB_LOCKOUT_ACCOUNT_FAILURES=0, YMATEB_LOCKOUT_ADDRESS_FAILURES=0)
def test_the_account_and_address_limits_can_be_turned_off(demo) -> None:
    statuses = [
        post_password(client_at(f"198.51.100.{i}"), "staff@example.org").status_code
        for i in range(1, 12)
    ]
    assert set(statuses) == {200}
    # The limit per email address and address still holds.
    client = client_at("198.51.100.1")
    statuses = [post_password(client, "staff@example.org").status_code for _ in range(5)]
    assert statuses[-1] == 429


# --- The client's address behind the reverse proxy ------------------------------------


def proxy_settings(proxy_count: int) -> override_settings:
    count, order = _client_address_settings(proxy_count)
    return override_settings(
        YMATEB_PROXY_COUNT=proxy_count,
        AXES_IPWARE_PROXY_COUNT=count,
        AXES_IPWARE_META_PRECEDENCE_ORDER=order,
    )


def seen_address(proxy_count: int, forwarded_for: str, socket: str = "10.0.0.2") -> str:
    """The address lockout counts a failure under, checked against the audit's `source`."""
    AccessAttempt.objects.all().delete()
    meta = {"REMOTE_ADDR": socket, "HTTP_X_FORWARDED_FOR": forwarded_for}
    with proxy_settings(proxy_count):
        post_password(BrowserClient(**meta), "staff@example.org")  # type: ignore[arg-type]
        audit_ip = request_source(RequestFactory().get("/", **meta)).split()[0]  # type: ignore[arg-type]
    lockout_ip = str(AccessAttempt.objects.get().ip_address)
    assert lockout_ip == audit_ip, "lockout and the audit trail see the same client"
    return lockout_ip


def test_proxy_count_setting_means_proxies_in_front() -> None:
    # django-ipware counts the proxies listed after the client in the header.
    assert _client_address_settings(0) == (None, ("REMOTE_ADDR",))
    assert _client_address_settings(1) == (0, ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"))
    assert _client_address_settings(2) == (1, ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"))


def test_behind_a_load_balancer_the_client_is_the_address_it_saw(demo) -> None:
    # One load balancer: it adds the client's address to the right.
    assert seen_address(1, "203.0.113.9") == "203.0.113.9"
    # A client writing its own header cannot choose its address: the balancer's entry counts.
    assert seen_address(1, "198.51.100.66, 203.0.113.9") == "203.0.113.9"
    # With nothing forwarded (a request that did not pass the balancer), the socket.
    assert seen_address(1, "") == "10.0.0.2"


def test_behind_two_proxies_the_client_is_left_of_the_inner_one(demo) -> None:
    """django-ipware's proxy count 1 (one proxy listed after the client in the header),
    which is a CDN in front of the load balancer: X-Forwarded-For "203.0.113.9, 10.0.0.1"."""
    assert seen_address(2, "203.0.113.9, 10.0.0.1") == "203.0.113.9"
    assert seen_address(2, "198.51.100.66, 203.0.113.9, 10.0.0.1") == "203.0.113.9"


def test_with_no_proxy_a_forwarded_for_header_is_ignored(demo) -> None:
    assert seen_address(0, "203.0.113.9", socket="192.0.2.10") == "192.0.2.10"
    assert seen_address(0, "203.0.113.9, 10.0.0.1", socket="192.0.2.10") == "192.0.2.10"


def test_spoofed_forwarded_for_does_not_escape_the_address_limit(demo) -> None:
    """Behind one balancer, a client that varies its own X-Forwarded-For entries is still
    counted under the address the balancer saw."""
    with proxy_settings(1):
        statuses = [
            BrowserClient(
                REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=f"198.51.100.{i}, 203.0.113.9"
            )
            .post("/sign-in/", {"email": f"p{i}@example.org", "password": WRONG_PASSWORD})
            .status_code
            for i in range(settings.YMATEB_LOCKOUT_ADDRESS_FAILURES)
        ]
    assert statuses[-1] == 429
    assert set(statuses[:-1]) == {200}


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "1 0 ('HTTP_X_FORWARDED_FOR', 'REMOTE_ADDR')"),
        ({"YMATEB_PROXY_COUNT": "2"}, "2 1 ('HTTP_X_FORWARDED_FOR', 'REMOTE_ADDR')"),
        ({"YMATEB_BEHIND_PROXY": "false"}, "0 None ('REMOTE_ADDR',)"),
    ],
)
def test_production_takes_the_proxy_settings_from_the_environment(
    env: dict[str, str], expected: str
) -> None:
    """Behind one load balancer by default; the count reaches django-ipware through axes."""
    from tests.config.test_production_settings import GOOD, run

    script = (
        "from django.conf import settings as s; print(s.YMATEB_PROXY_COUNT, "
        "s.AXES_IPWARE_PROXY_COUNT, s.AXES_IPWARE_META_PRECEDENCE_ORDER)"
    )
    result = run({**GOOD, **env}, "shell", "--no-imports", "-c", script)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == expected


@pytest.mark.parametrize(
    ("language", "wording"),
    [("en", "Wait {} minutes, then try again"), ("cy", "Arhoswch {} munud")],
)
def test_the_locked_page_says_how_long_to_wait_as_configured(
    demo, settings: Any, language: str, wording: str
) -> None:
    """The wait shown is the configured cool-off (YMATEB_LOCKOUT_MINUTES), in either
    language, not a fixed figure."""
    from datetime import timedelta

    settings.AXES_COOLOFF_TIME = timedelta(minutes=40)
    client = client_at("198.51.100.77")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    for _ in range(settings.YMATEB_LOCKOUT_ACCOUNT_FAILURES):
        response = post_password(client, "staff@example.org")
    assert response.status_code == 429
    text = response.content.decode()
    assert wording.format(40) in text
    assert wording.format(15) not in text
