"""Production refuses to start without the audit trail's keys, or with the demo ones
(R-174: the keys that protect the trail are held outside the database and are secret)."""

from __future__ import annotations

import pytest

from tests.config.test_production_settings import GOOD, run


@pytest.mark.parametrize(
    ("variable", "value", "says"),
    [
        ("YMATEB_AUDIT_KEYS", "demo-only-audit-key-never-use-in-production-ymateb-0000", "demo"),
        ("YMATEB_AUDIT_KEYS", "a-new-key-9f8e7d6c5b4a3f2e1d0c9b8a7f6e,short", "shorter than 32"),
        ("YMATEB_AUDIT_SIGNING_KEY", "ZGVtby1vbmx5LWF1ZGl0LXNpZ25pbmcta2V5LTAwMDA=", "demo"),
        ("YMATEB_AUDIT_SIGNING_KEY", "c2hvcnQ=", "32-byte"),
    ],
    ids=["demo-hash-key", "short-hash-key", "demo-signing-key", "short-signing-key"],
)
def test_r174_production_refuses_demo_or_malformed_audit_keys(
    variable: str, value: str, says: str
) -> None:
    result = run({**GOOD, variable: value}, "check")
    assert result.returncode != 0
    assert variable in result.stderr and says in result.stderr


def test_production_accepts_rotated_audit_keys() -> None:
    keys = f"{GOOD['YMATEB_AUDIT_KEYS']},an-older-key-kept-for-old-rows-0123456789abcdef"
    result = run({**GOOD, "YMATEB_AUDIT_KEYS": keys}, "check")
    assert result.returncode == 0, result.stderr
