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

    tasks.append(
        Task(
            _("Referrals"),
            _url("incidents:referrals", incident),
            *(
                _done(_("%(count)s recorded") % {"count": referrals})
                if referrals
                else _todo(_("None"))
            ),
        )
    )
    tasks.append(
        Task(
            _("Risk assessment, conversations and continuum"),
            _url("incidents:risk", incident),
            *(_done() if incident.risk_assessments.exists() else _todo()),
        )
    )
    tasks.append(
        Task(
            _("Actions"),
            _url("incidents:actions", incident),
            *(
                (_("%(count)s to do") % {"count": open_actions}, "govuk-tag--yellow")
                if open_actions
                else _done(_("None open"))
            ),
        )
    )
    tasks.append(
        Task(
            _("Devices"),
            _url("incidents:devices", incident),
            *(_done(_("Recorded")) if incident.devices.exists() else _todo(_("None recorded"))),
        )
    )
    tasks.append(
        Task(_("Chronology"), _url("incidents:chronology", incident), *_done(_("Up to date")))
    )
    closed = state == "closed"
    tasks.append(
        Task(
            _("Close incident"),
            None if closed else _url("incidents:close", incident),
            *(_done(_("Closed")) if closed else _todo(_("Open"))),
        )
    )
    return tasks
