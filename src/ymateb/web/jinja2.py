"""The Jinja2 environment: GOV.UK Frontend macros, Django's gettext, url() and static()."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.middleware.csrf import get_token
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from jinja2 import ChoiceLoader, Environment, PackageLoader, PrefixLoader

from ymateb.web import forms as form_helpers


def url(viewname: str, *args: Any, **kwargs: Any) -> str:
    return reverse(viewname, args=args or None, kwargs=kwargs or None)


def environment(**options: Any) -> Environment:
    app_loader = options.pop("loader")
    options["loader"] = ChoiceLoader(
        [
            app_loader,
            PrefixLoader(
                {"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja", "templates")}
            ),
        ]
    )
    extensions = list(options.pop("extensions", []))
    extensions.append("jinja2.ext.i18n")
    env = Environment(extensions=extensions, **options)  # noqa: S701 (Django's backend sets autoescape)
    env.install_gettext_callables(  # type: ignore[attr-defined]
        translation.gettext,
        translation.ngettext,
        newstyle=True,
        pgettext=translation.pgettext,
        npgettext=translation.npgettext,
    )
    env.globals.update(
        {
            "url": url,
            "static": static,
            "get_language": translation.get_language,
            "csrf_token_value": get_token,
            "session_idle_seconds": lambda: settings.SESSION_COOKIE_AGE,
            "guidance_url": lambda: settings.YMATEB_GUIDANCE_URL,
            "error_summary": form_helpers.error_summary,
            "field_error": form_helpers.field_error,
            "field_value": form_helpers.value,
        }
    )
    return env
