"""Settings for `make run`: a local demo on SQLite with the published demo accounts."""

from ymateb.config.env import env_bool, env_str

from .base import *  # noqa: F403

DEBUG = env_bool("YMATEB_DEBUG", True)
YMATEB_DEMO_MODE = True
EMAIL_BACKEND = env_str("YMATEB_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
