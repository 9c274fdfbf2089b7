"""Settings shared by every environment. Environment-specific modules import from here.

Configuration comes from environment variables (see README "Configuration").
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import dj_database_url
import django_stubs_ext
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from ymateb.config.env import env_bool, env_int, env_list, env_str

# Lets admin and form classes be written with type parameters (ModelAdmin[Setting]).
django_stubs_ext.monkeypatch()

PACKAGE_DIR = Path(__file__).resolve().parent.parent.parent  # src/ymateb
PROJECT_DIR = PACKAGE_DIR.parent.parent  # the repository checkout
VAR_DIR = Path(env_str("YMATEB_VAR_DIR", str(PROJECT_DIR / "var")))
NODE_MODULES = Path(env_str("YMATEB_NODE_MODULES", str(PROJECT_DIR / "node_modules")))

# Demo values, published in the README. Production refuses to start with them.
DEMO_SECRET_KEY = "demo-only-secret-key-never-use-in-production-ymateb-0000000000"
DEMO_FIELD_KEY = "ZGVtby1vbmx5LWZpZWxkLWtleS15bWF0ZWItMDAwMDA="

DEBUG = False
SECRET_KEY = env_str("YMATEB_SECRET_KEY", DEMO_SECRET_KEY)
ALLOWED_HOSTS = env_list("YMATEB_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
# Keys for sensitive fields, newest first (see ymateb.records.crypto).
YMATEB_FIELD_KEYS = env_list("YMATEB_FIELD_KEYS", [DEMO_FIELD_KEY])
# The audit trail's keys, held outside the database (see ymateb.audit.keys): HMAC keys for
# the row hashes, newest first, and the Ed25519 key that signs checkpoints of the chain head.
DEMO_AUDIT_KEY = "demo-only-audit-key-never-use-in-production-ymateb-0000"
DEMO_AUDIT_SIGNING_KEY = "ZGVtby1vbmx5LWF1ZGl0LXNpZ25pbmcta2V5LTAwMDA="
YMATEB_AUDIT_KEYS = env_list("YMATEB_AUDIT_KEYS", [DEMO_AUDIT_KEY])
YMATEB_AUDIT_SIGNING_KEY = env_str("YMATEB_AUDIT_SIGNING_KEY", DEMO_AUDIT_SIGNING_KEY)
# Public keys of retired signing keys, so their checkpoints still verify.
YMATEB_AUDIT_PUBLIC_KEYS = env_list("YMATEB_AUDIT_PUBLIC_KEYS", [])
# Signed checkpoints of the chain head: where, how often, and to whom by email.
YMATEB_AUDIT_CHECKPOINT_DIR = env_str(
    "YMATEB_AUDIT_CHECKPOINT_DIR", str(VAR_DIR / "audit-checkpoints")
)
YMATEB_AUDIT_CHECKPOINT_MINUTES = env_int("YMATEB_AUDIT_CHECKPOINT_MINUTES", 15)
YMATEB_AUDIT_CHECKPOINT_EMAIL = env_list("YMATEB_AUDIT_CHECKPOINT_EMAIL", [])
# Rows up to this id may be in the unkeyed hash format 1 (written before the keyed format).
YMATEB_AUDIT_UNKEYED_UNTIL = env_int("YMATEB_AUDIT_UNKEYED_UNTIL", 0)

# Demo mode allows `ymateb load_demo` to create the example setting and accounts.
YMATEB_DEMO_MODE = False

INSTALLED_APPS = [
    "ymateb.accounts",
    "ymateb.tenancy",
    "ymateb.web",
    "ymateb.records",
    "ymateb.audit",
    "ymateb.incidents",
    "ymateb.guidance",
    "ymateb.web.apps.YmatebAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
]

# Background work (alerts and their escalation) runs in a real worker process:
# `ymateb db_worker`, started by `make run`. Tasks are rows in the database, so they
# survive a restart and need no other service.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Refuses any file (multipart) or image/video body with 415 before anything reads it.
    "ymateb.records.middleware.RefuseUploadsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "ymateb.accounts.middleware.RequireTwoFactorMiddleware",
    "ymateb.records.rls.SettingScopeMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "ymateb.web.middleware.NoStoreForSignedInMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "ymateb.config.urls"
WSGI_APPLICATION = "ymateb.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {"environment": "ymateb.web.jinja2.environment"},
    },
    {
        # Django's own templates are used only by the Django admin.
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'ymateb.sqlite3'}"),
        conn_max_age=env_int("YMATEB_DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Take the write lock when a transaction starts, so two overlapping writes wait for
    # each other instead of failing with "database is locked"; wait up to 20 seconds.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# No image or video, ever (see ymateb.records.middleware): should a file get past the
# middleware, nothing writes it anywhere and Django refuses the request.
FILE_UPLOAD_HANDLERS: list[str] = []
DATA_UPLOAD_MAX_NUMBER_FILES = 0

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:sign_in"
LOGIN_REDIRECT_URL = "web:dashboard"

# Sign-in lockout (django-axes with ymateb.accounts.lockout). Within the cool-off, any of
# these locks sign-in for 15 minutes, whether or not the account exists: 5 failures
# (wrong password or wrong code) for one email address from one address; 10 for one email
# address from any addresses; 30 from one address across any email addresses (0: off).
# Stored: a keyed hash of the email address, the IP address, counts and times; nothing else.
AXES_FAILURE_LIMIT = env_int("YMATEB_LOCKOUT_FAILURES", 5)
YMATEB_LOCKOUT_ACCOUNT_FAILURES = env_int("YMATEB_LOCKOUT_ACCOUNT_FAILURES", 10)
YMATEB_LOCKOUT_ADDRESS_FAILURES = env_int("YMATEB_LOCKOUT_ADDRESS_FAILURES", 30)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("YMATEB_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "username", "ip_address"]
AXES_HANDLER = "ymateb.accounts.lockout.LockoutHandler"
AXES_RESET_ON_SUCCESS = True
AXES_DISABLE_ACCESS_LOG = True  # sign-ins go to the audit trail, not to axes' AccessLog
AXES_ENABLE_ACCESS_FAILURE_LOG = False
AXES_VERBOSE = False
AXES_LOCKOUT_CALLABLE = "ymateb.accounts.views.locked_out"
AXES_USERNAME_CALLABLE = "ymateb.accounts.lockout.lockout_key"
AXES_SENSITIVE_PARAMETERS = ["password", "token"]


# The client's address, for lockout and for the audit trail's `source` alike: django-ipware
# (through django-axes' AXES_IPWARE_* settings; ymateb.audit.services asks axes for it).
# YMATEB_PROXY_COUNT is how many reverse proxies stand in front of Ymateb, each adding the
# address it received the request from to the right of X-Forwarded-For. The client is the
# address the outermost proxy saw: anything further left was written by the client and is
# ignored. django-ipware counts only the proxies listed after the client in the header, one
# fewer (the nearest proxy is the socket address), and must not insist on an exact length
# (IPWARE_STRICT), or a client could make its own address unreadable by adding entries.
# With no proxy, X-Forwarded-For is not read at all.
def _client_address_settings(proxy_count: int) -> tuple[int | None, tuple[str, ...]]:
    if proxy_count <= 0:
        return None, ("REMOTE_ADDR",)
    return proxy_count - 1, ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")


YMATEB_PROXY_COUNT = env_int("YMATEB_PROXY_COUNT", 0)
AXES_IPWARE_PROXY_COUNT, AXES_IPWARE_META_PRECEDENCE_ORDER = _client_address_settings(
    YMATEB_PROXY_COUNT
)
AXES_IPWARE_PROXY_ORDER = "left-most"
IPWARE_STRICT = False

# Sessions end after this many idle minutes; the page warns two minutes before.
YMATEB_SESSION_IDLE_MINUTES = env_int("YMATEB_SESSION_IDLE_MINUTES", 20)
SESSION_COOKIE_AGE = YMATEB_SESSION_IDLE_MINUTES * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "ymateb.web.views.csrf_failure"
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# Roles that must use a second factor (TOTP) to sign in.
YMATEB_TWO_FACTOR_ROLES = ("dsp", "deputy_dsp", "leadership", "oversight", "admin")
OTP_TOTP_ISSUER = "Ymateb"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("cy", _("Cymraeg"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
FORMAT_MODULE_PATH = ["ymateb.formats"]
USE_I18N = True
TIME_ZONE = "Europe/London"
USE_TZ = True

STATIC_URL = "/assets/"
STATIC_ROOT = VAR_DIR / "static"
# GOV.UK Frontend comes from the npm registry (see package.json); its compiled CSS
# looks for fonts and images under /assets/, so its assets folder is served there.
STATICFILES_DIRS = [
    str(NODE_MODULES / "govuk-frontend" / "dist" / "govuk" / "assets"),
    ("govuk", str(NODE_MODULES / "govuk-frontend" / "dist" / "govuk")),
    ("htmx", str(NODE_MODULES / "htmx.org" / "dist")),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
        "manifest-src": [SELF],
    }
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

EMAIL_BACKEND = env_str("YMATEB_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env_str("YMATEB_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("YMATEB_EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("YMATEB_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = env_str("YMATEB_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("YMATEB_EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("YMATEB_EMAIL_FROM", "ymateb@localhost")

# Logs carry no request bodies, no form values and no personal data.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "INFO"},
    "loggers": {
        "django.security.DisallowedHost": {"handlers": ["console"], "level": "ERROR"},
        # django-axes would log email addresses at WARNING; only its errors are kept.
        "axes": {"handlers": ["console"], "level": "ERROR", "propagate": False},
    },
}

# An alert to the DSPs not acknowledged in this many minutes goes to deputies and leadership.
YMATEB_ALERT_ESCALATION_MINUTES = env_int("YMATEB_ALERT_ESCALATION_MINUTES", 15)

# Records are kept until the youngest child's date of birth plus this many years.
YMATEB_RETENTION_YEARS = env_int("YMATEB_RETENTION_YEARS", 25)

# The official guidance this service follows (shown in the footer and the guidance library).
YMATEB_GUIDANCE_URL = env_str(
    "YMATEB_GUIDANCE_URL",
    "https://hwb.gov.wales/zones/keeping-safe-online/welsh-government-guidance/"
    "sharing-nudes-and-semi-nudes-responding-to-incidents-and-safeguarding-children-and-young-people",
)
