"""The Jinja2 environment: GOV.UK Frontend macros, Django's gettext, url() and static()."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.middleware.csrf import get_token
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PackageLoader, PrefixLoader

from ymateb.ui import forms as form_helpers

if TYPE_CHECKING:  # for the annotation only: this module loads no models when imported
    from ymateb.incidents.models import Incident


def url(viewname: str, *args: Any, **kwargs: Any) -> str:
    return reverse(viewname, args=args or None, kwargs=kwargs or None)


def stage_loader() -> PrefixLoader:
    """Each stage of the incident journey keeps its pages beside its code:
    `incidents/<stage>/jinja2/<page>.html` is the template `incidents/<stage>/<page>.html`.
    Templates shared by several stages stay in `incidents/jinja2/incidents/`."""
    root = Path(__file__).resolve().parent.parent / "incidents"
    stages = {folder.parent.name: FileSystemLoader(folder) for folder in root.glob("*/jinja2")}
    return PrefixLoader({"incidents": PrefixLoader(stages)})


def environment(**options: Any) -> Environment:
    app_loader = options.pop("loader")
    options["loader"] = ChoiceLoader(
        [
            app_loader,
            stage_loader(),
            PrefixLoader(
                {"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja", "templates")}
            ),
        ]
    )
    extensions = list(options.pop("extensions", []))
    extensions.append("jinja2.ext.i18n")
    # Django's Jinja2 backend passes autoescape=True in options (it is never turned off here).
    env = Environment(extensions=extensions, **options)  # noqa: S701  # nosec B701
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
            "no_error": form_helpers.no_error,
            "choice_items": form_helpers.choice_items,
        }
    )
    env.globals["has_request_for"] = has_destruction_request
    env.globals["url_exists"] = url_exists
    env.globals["stage_label"] = stage_label
    env.filters["localtime_format"] = localtime_format
    env.filters["date_format"] = date_format
    env.globals.update(govuk_components(env))
    return env


def govuk_components(env: Environment) -> dict[str, Any]:
    """Every GOV.UK Frontend component's macro by its own name (`govukButton`, `govukInput`,
    ...), so that a page calls a component without importing it first."""
    folder = Path(str(files("govuk_frontend_jinja") / "templates" / "components"))
    macros = {}
    for component in sorted(p.name for p in folder.iterdir() if (p / "macro.html").exists()):
        name = "govuk" + "".join(word.title() for word in component.split("-"))
        module = env.get_template(f"govuk_frontend_jinja/components/{component}/macro.html").module
        macros[name] = getattr(module, name)
    return macros


def localtime_format(value: Any) -> str:
    """A date and time in the setting's time zone, in the current language's format."""
    from django.utils import formats, timezone

    if value is None:
        return ""
    local = timezone.localtime(value)
    if (local.hour, local.minute, local.second, local.microsecond) == (0, 0, 0, 0):
        # Recorded without a time of day (the forms store midnight then): show the date.
        return str(formats.date_format(local, "DATE_FORMAT"))
    return str(formats.date_format(local, "DATETIME_FORMAT"))


def date_format(value: Any) -> str:
    from django.utils import formats

    if value is None:
        return ""
    return str(formats.date_format(value, "DATE_FORMAT"))


def has_destruction_request(incident: Incident) -> bool:
    from django.core.exceptions import ObjectDoesNotExist

    try:
        return incident.destruction_request is not None
    except ObjectDoesNotExist:
        return False


def url_exists(name: str) -> bool:
    """Whether a URL name is installed (parts of the journey link to each other)."""
    from django.urls import NoReverseMatch, reverse

    try:
        reverse(name, kwargs={"incident_id": "00000000-0000-0000-0000-000000000000"})
    except NoReverseMatch:
        try:
            reverse(name)
        except NoReverseMatch:
            return False
    return True


def stage_label(state: str) -> str:
    from ymateb.incidents.models import IncidentState

    try:
        return str(IncidentState(state).label)
    except ValueError:
        return state
