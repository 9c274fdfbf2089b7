"""Settings for the test suite. `make test` points DATABASE_URL at a throw-away PostgreSQL."""

from .base import *  # noqa: F403

DEBUG = False
YMATEB_DEMO_MODE = True
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Argon2 stays the hasher in tests (it is what production uses) but with light parameters
# would need a custom class; its default cost is small enough for the suite.
# Transactional tests empty every table after each test, the append-only audit table too
# (see ymateb/audit/management/commands/flush.py). Never set this outside the tests.
YMATEB_AUDIT_FLUSH_ALLOWED = True
# Checkpoints of the test databases' audit trails never mix with a local demo's
# (tests that write checkpoints point this at their own temporary directory).
YMATEB_AUDIT_CHECKPOINT_DIR = str(VAR_DIR / "test-audit-checkpoints")  # noqa: F405
