"""Authorisation matrix rows: the security events page and its CSV export. Only a verified
installation admin gets in; every other role signed in gets the same 403 as any page it may
not see (nothing about the events); anonymous people are sent to sign in."""

from __future__ import annotations

ADMIN_ONLY = {
    "GET": "login 403 403 403 403 403 200 403",
    "POST": "login 405 405 405 405 405 405 405",
    "DELETE": "login 405 405 405 405 405 405 405",
}

ROWS: dict[str, dict[str, str]] = {
    "security-events/": ADMIN_ONLY,
    "security-events/export/": ADMIN_ONLY,
}
