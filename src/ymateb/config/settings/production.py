"""Production settings. They refuse to start when a required secret is missing or is a demo value.

Required environment: YMATEB_SECRET_KEY, YMATEB_ALLOWED_HOSTS, DATABASE_URL (PostgreSQL),
YMATEB_FIELD_KEYS, YMATEB_AUDIT_KEYS, YMATEB_AUDIT_SIGNING_KEY. The stack that runs them
(gunicorn behind nginx, the worker, backups) is in deploy/ (ADR 0012).
"""

import os

from django.core.exceptions import ImproperlyConfigured

from ymateb.config.env import env_bool, env_int

from .base import *  # noqa: F403
from .base import DEMO_FIELD_KEY, DEMO_SECRET_KEY, STORAGES, _client_address_settings


def _require(name: str) -> str:
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(
            f"{name} is not set. Production settings need it; see README 'Configuration'."
        )
    return value


def _check_audit_keys(hash_keys: list[str], signing_key: str) -> None:
    """The audit trail's keys: well-formed and not the published demo values."""
    from ymateb.audit.keys import AuditKeyError, load_signing_key, parse_hash_keys

    from .base import DEMO_AUDIT_KEY, DEMO_AUDIT_SIGNING_KEY

    if DEMO_AUDIT_KEY in hash_keys:
        raise ImproperlyConfigured(
            "YMATEB_AUDIT_KEYS contains the demo key. Make new keys with: ymateb audit new-keys"
        )
    if signing_key.strip() == DEMO_AUDIT_SIGNING_KEY:
        raise ImproperlyConfigured(
            "YMATEB_AUDIT_SIGNING_KEY is the demo key. Make new keys with: ymateb audit new-keys"
        )
    try:
        parse_hash_keys(hash_keys)
        load_signing_key(signing_key)
    except AuditKeyError as exc:
        raise ImproperlyConfigured(str(exc)) from exc


SECRET_KEY = _require("YMATEB_SECRET_KEY")
if SECRET_KEY == DEMO_SECRET_KEY or "demo" in SECRET_KEY.lower() or len(SECRET_KEY) < 50:
    raise ImproperlyConfigured(
        "YMATEB_SECRET_KEY is the demo key or too short. Set a random value of at least "
        "50 characters, for example the output of: "
        "python -c 'import secrets; print(secrets.token_urlsafe(64))'"
    )
ALLOWED_HOSTS = [h.strip() for h in _require("YMATEB_ALLOWED_HOSTS").split(",") if h.strip()]
if not _require("DATABASE_URL").startswith(("postgres://", "postgresql://")):
    raise ImproperlyConfigured(
        "DATABASE_URL is not a PostgreSQL database. Production needs PostgreSQL: its "
        "roles and row-level security keep each setting's records apart (README "
        "'PostgreSQL: roles and row-level security'). SQLite is for `make run` only."
    )
YMATEB_FIELD_KEYS = [k.strip() for k in _require("YMATEB_FIELD_KEYS").split(",") if k.strip()]
if DEMO_FIELD_KEY in YMATEB_FIELD_KEYS:
    raise ImproperlyConfigured(
        "YMATEB_FIELD_KEYS contains the demo key. Make a new key with: python -c "
        "'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())'"
    )
YMATEB_AUDIT_KEYS = [k.strip() for k in _require("YMATEB_AUDIT_KEYS").split(",") if k.strip()]
YMATEB_AUDIT_SIGNING_KEY = _require("YMATEB_AUDIT_SIGNING_KEY")
_check_audit_keys(YMATEB_AUDIT_KEYS, YMATEB_AUDIT_SIGNING_KEY)

DEBUG = False
YMATEB_DEMO_MODE = False

SECURE_SSL_REDIRECT = env_bool("YMATEB_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
if env_bool("YMATEB_BEHIND_PROXY", True):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # One TLS-terminating load balancer unless told otherwise (see base.py).
    YMATEB_PROXY_COUNT = env_int("YMATEB_PROXY_COUNT", 1)
else:
    YMATEB_PROXY_COUNT = 0
AXES_IPWARE_PROXY_COUNT, AXES_IPWARE_META_PRECEDENCE_ORDER = _client_address_settings(
    YMATEB_PROXY_COUNT
)
SECURE_HSTS_SECONDS = env_int("YMATEB_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"

# Static files are collected once, at build time (deploy/bin/build), with content-hashed
# names and compressed copies; whitenoise serves them from STATIC_ROOT with far-future cache
# headers. The running server needs no node_modules.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# An email backend may write to files (the throw-away stack of `make production`).
EMAIL_FILE_PATH = os.environ.get("YMATEB_EMAIL_FILE_PATH", "")
