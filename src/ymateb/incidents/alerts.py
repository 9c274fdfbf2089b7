"""Alerting the setting's DSPs to a new concern, and escalating an alert nobody picks up
("Initial response": the DSP is told at once; R-078).

Runs on the background worker (`ymateb db_worker`), never in the request. Alerts and
emails carry no content: the setting and the reference only.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from ymateb.incidents.models import Alert, Incident, IncidentEvent
from ymateb.tenancy.models import Membership, Role


def _email(recipient: Any, incident: Incident, escalated: bool) -> None:
    language = "en"
    with translation.override(language):
        subject = (
            _("Ymateb: an alert has not been picked up (%(reference)s)")
            if escalated
            else _("Ymateb: a new concern has been reported (%(reference)s)")
        ) % {"reference": incident.reference}
        body = _(
            "A concern about sharing nudes or semi-nudes has been reported in %(setting)s "
            "(reference %(reference)s). Sign in to Ymateb to see it. "
            "This email holds no details on purpose."
        ) % {"setting": incident.setting.name, "reference": incident.reference}
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [recipient.email])


def _alert(incident: Incident, roles: list[str], level: str) -> list[Alert]:
    people = {
        m.user
        for m in Membership.objects.filter(
            setting=incident.setting, role__in=roles, user__is_active=True
        ).select_related("user")
    }
    alerts = []
    for person in sorted(people, key=lambda p: p.email):
        alert = Alert.objects.create(incident=incident, recipient=person, level=level)
        _email(person, incident, escalated=level == Alert.Level.ESCALATED)
        alert.emailed_at = timezone.now()
        alert.save(update_fields=["emailed_at"])
        alerts.append(alert)
    return alerts


@task()
def send_concern_alerts(incident_id: str) -> int:
    """Alert every DSP of the setting, then schedule the escalation check."""
    with transaction.atomic():
        incident = Incident.objects.select_related("setting").get(pk=incident_id)
        alerts = _alert(incident, [Role.DSP], Alert.Level.FIRST)
        if not alerts:  # no DSP at all: go straight to deputies and leadership
            alerts = _alert(incident, [Role.DEPUTY_DSP, Role.LEADERSHIP], Alert.Level.ESCALATED)
    escalate_if_unacknowledged.using(
        run_after=timezone.now() + timedelta(minutes=settings.YMATEB_ALERT_ESCALATION_MINUTES)
    ).enqueue(incident_id)
    return len(alerts)


@task()
def escalate_if_unacknowledged(incident_id: str) -> int:
    with transaction.atomic():
        incident = Incident.objects.select_related("setting").get(pk=incident_id)
        if incident.alerts.filter(acknowledged_at__isnull=False).exists():
            return 0
        if incident.alerts.filter(level=Alert.Level.ESCALATED).exists():
            return 0
        alerts = _alert(incident, [Role.DEPUTY_DSP, Role.LEADERSHIP], Alert.Level.ESCALATED)
        IncidentEvent.objects.create(
            incident=incident,
            actor=None,
            kind=IncidentEvent.Kind.ALERT_ESCALATED,
            params={"minutes": settings.YMATEB_ALERT_ESCALATION_MINUTES, "people": len(alerts)},
        )
        from ymateb.audit.services import audit

        audit(
            actor=None,
            action="update",
            object_type="incident",
            object_id=str(incident.pk),
            setting_id=incident.setting_id,
            detail={"what": "alert_escalated"},
        )
    return len(alerts)


def alerts_for(user: Any) -> list[Alert]:
    """Open alerts addressed to this person, newest first (for the dashboard)."""
    return list(
        Alert.objects.filter(recipient=user, acknowledged_at__isnull=True)
        .select_related("incident", "incident__setting")
        .order_by("-created_at")
    )


def acknowledge(*, user: Any, incident_id: Any, request: HttpRequest | None) -> Incident:
    """The first acknowledgement closes every alert of the incident and records how long
    the concern waited."""
    from ymateb.incidents.services import incident_for_change, record_change
    from ymateb.records.access import Permission

    with transaction.atomic():
        incident = incident_for_change(
            user=user, incident_id=incident_id, permission=Permission.VIEW_INCIDENT
        )
        open_alerts = incident.alerts.filter(acknowledged_at__isnull=True)
        if not open_alerts.exists():
            return incident
        now = timezone.now()
        open_alerts.update(acknowledged_at=now, acknowledged_by=user)
        waited = int((now - incident.reported_at).total_seconds() // 60)
        record_change(
            incident=incident,
            user=user,
            kind=IncidentEvent.Kind.ALERT_ACKNOWLEDGED,
            request=request,
            params={"minutes_from_concern": waited},
        )
    return incident
