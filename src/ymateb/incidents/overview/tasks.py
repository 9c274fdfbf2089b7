"""What the incident hub shows: the journey as a GOV.UK task list. Templates hold no logic."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from ymateb.incidents.models import Action, Incident


@dataclass(frozen=True)
class Task:
    title: str
    href: str | None
    status: str
    status_class: str = ""


def _url(name: str, incident: Incident, **kwargs: Any) -> str | None:
    try:
        return reverse(name, kwargs={"incident_id": incident.pk, **kwargs})
    except NoReverseMatch:
        return None


def _done(text: str | None = None) -> tuple[str, str]:
    return (text or _("Completed"), "")


def _todo(text: str | None = None) -> tuple[str, str]:
    return (text or _("Not started"), "govuk-tag--blue")


def hub_tasks(incident: Incident) -> list[Task]:
    state = incident.state
    reviews = list(incident.reviews.all())
    referrals = incident.referrals.count()
    open_actions = incident.actions.filter(status=Action.Status.OPEN).count()
    tasks: list[Task] = []

    status = _done() if reviews else _todo()
    if state == "reported":
        status = _todo(_("Not started"))
    tasks.append(Task(_("Initial review meeting"), _url("incidents:review", incident), *status))

    if state == "awaiting_sign_off":
        decision = (_("Awaiting sign-off"), "govuk-tag--yellow")
    elif incident.sign_offs.exists():
        decision = _done(_("Signed off"))
    elif state == "referred" or referrals:
        decision = _done(_("Referred"))
    else:
        decision = _todo(_("Not decided"))
    tasks.append(Task(_("Decision and sign-off"), _url("incidents:sign_off", incident), *decision))

    closed = state == "closed"
    referred = _done(_("%(count)s recorded") % {"count": referrals}) if referrals else None
    to_do = (_("%(count)s to do") % {"count": open_actions}, "govuk-tag--yellow")
    later = [
        (_("Referrals"), "incidents:referrals", referred or _todo(_("None"))),
        (
            _("Risk assessment, conversations and continuum"),
            "incidents:risk",
            _done() if incident.risk_assessments.exists() else _todo(),
        ),
        (_("Actions"), "incidents:actions", to_do if open_actions else _done(_("None open"))),
        (
            _("Devices"),
            "incidents:devices",
            _done(_("Recorded")) if incident.devices.exists() else _todo(_("None recorded")),
        ),
        (_("Chronology"), "incidents:chronology", _done(_("Up to date"))),
    ]
    tasks += [Task(title, _url(name, incident), *status) for title, name, status in later]
    close_url = None if closed else _url("incidents:close", incident)
    tasks.append(
        Task(_("Close incident"), close_url, *(_done(_("Closed")) if closed else _todo(_("Open"))))
    )
    return tasks
