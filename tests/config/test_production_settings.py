"""Production settings refuse unsafe configuration and pass Django's deploy checks."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

GOOD = {
    "DJANGO_SETTINGS_MODULE": "ymateb.config.settings.production",
    "YMATEB_SECRET_KEY": "k" * 20 + "8Jd93jdK20dkK3jdk20DKdk3jdK20dkKd93jdK20dkdj3",
    "YMATEB_ALLOWED_HOSTS": "ymateb.example.org",
    # Never connected to: the checks below need no database.
    "DATABASE_URL": "postgres://ymateb_app:not-used@127.0.0.1:1/ymateb",
    "YMATEB_FIELD_KEYS": "q3v9nKx0rQy3mZz7T2oQ1u4Xw8sR6bY5cD0eF1gH2iJ=",
    "YMATEB_AUDIT_KEYS": "tTAIkw8B7DXxQuweHUapOPwL-zOWBSiehBO3L3BjKCA",
    "YMATEB_AUDIT_SIGNING_KEY": "tzKlSZR6B3GDCn/tQjcLSHTIF6/42klJTWp6hqiRne8=",
}


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith("YMATEB_")}
    base.pop("DATABASE_URL", None)
    # Set by the browser tests for Playwright; a real deployment never has it.
    base.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    base.update(env)
    return subprocess.run(
        [sys.executable, "-m", "django", *args],
        env=base,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_reports_no_warnings() -> None:
    result = run(GOOD, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("missing", "named"),
    [
        ("YMATEB_SECRET_KEY", "YMATEB_SECRET_KEY"),
        ("YMATEB_ALLOWED_HOSTS", "YMATEB_ALLOWED_HOSTS"),
        ("DATABASE_URL", "DATABASE_URL"),
        ("YMATEB_FIELD_KEYS", "YMATEB_FIELD_KEYS"),
        ("YMATEB_AUDIT_KEYS", "YMATEB_AUDIT_KEYS"),
        ("YMATEB_AUDIT_SIGNING_KEY", "YMATEB_AUDIT_SIGNING_KEY"),
    ],
)
def test_production_refuses_to_start_without_a_required_variable(missing: str, named: str) -> None:
    env = {k: v for k, v in GOOD.items() if k != missing}
    result = run(env, "check")
    assert result.returncode != 0
    assert named in result.stderr


def test_production_refuses_the_demo_secret() -> None:
    from ymateb.config.settings.base import DEMO_SECRET_KEY

    result = run({**GOOD, "YMATEB_SECRET_KEY": DEMO_SECRET_KEY}, "check")
    assert result.returncode != 0
    assert "YMATEB_SECRET_KEY" in result.stderr
    assert "demo" in result.stderr


def test_production_refuses_the_demo_field_key() -> None:
    from ymateb.config.settings.base import DEMO_FIELD_KEY

    result = run({**GOOD, "YMATEB_FIELD_KEYS": DEMO_FIELD_KEY}, "check")
    assert result.returncode != 0
    assert "YMATEB_FIELD_KEYS" in result.stderr


@pytest.mark.parametrize(
    "url", ["sqlite:////var/lib/ymateb/ymateb.sqlite3", "mysql://ymateb@db/ymateb"]
)
def test_production_refuses_a_database_that_is_not_postgresql(url: str) -> None:
    """Row-level security and the database roles (ADR 0011) exist only on PostgreSQL."""
    result = run({**GOOD, "DATABASE_URL": url}, "check")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "DATABASE_URL is not a PostgreSQL database" in result.stderr


def test_production_serves_static_files_with_hashed_names() -> None:
    result = run(
        GOOD,
        "shell",
        "-c",
        "from django.conf import settings as s; print(s.STORAGES['staticfiles']['BACKEND'])",
    )
    assert result.stdout.strip().splitlines()[-1] == (
        "whitenoise.storage.CompressedManifestStaticFilesStorage"
    ), result.stderr


def test_production_turns_demo_mode_off() -> None:
    result = run(
        GOOD,
        "shell",
        "-c",
        "from django.conf import settings as s; "
        "print(s.YMATEB_DEMO_MODE, s.DEBUG, s.SESSION_COOKIE_SECURE)",
    )
    assert result.stdout.strip().splitlines()[-1] == "False False True", result.stderr
