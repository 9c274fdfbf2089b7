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
from django.http import HttpRequest
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from ymateb.accounts.models import User
from ymateb.audit.retry import when_the_database_answers
from ymateb.incidents.auditing import audit_incident
from ymateb.incidents.models import Alert, Incident, IncidentEvent
from ymateb.records import rls
from ymateb.tenancy.models import Membership, Role


def _email(recipient: User, incident: Incident, escalated: bool) -> None:
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
    """Create the alerts and queue one email task for each. Call inside the transaction
    that creates them: with the database task backend the queued email is a row of the
    same transaction, so the worker cannot see it (nor send anything) before the alerts
    are committed, and a rolled-back alert leaves no email behind."""
    people = {
        m.user
        for m in Membership.objects.filter(
            setting=incident.setting, role__in=roles, user__is_active=True
        ).select_related("user")
    }
    alerts = []
    for person in sorted(people, key=lambda p: p.email):
        alert = Alert.objects.create(incident=incident, recipient=person, level=level)
        send_alert_email.enqueue(alert.pk)
        alerts.append(alert)
    return alerts


@task()
def send_concern_alerts(incident_id: str) -> int:
    """Alert every DSP of the setting, then schedule the escalation check. The emails go
    out from their own tasks, after this transaction has committed."""
    # Row-level security: this job's transaction sees the incident's setting only.
    with rls.scoped(rls.setting_of_incident(incident_id)):
        # The lock makes a second run of this task (a retry) wait, then see the alerts.
        incident = Incident.objects.select_for_update().get(pk=incident_id)
        if incident.alerts.exists():  # already done by an earlier run: nothing more
            return 0
        alerts = _alert(incident, [Role.DSP], Alert.Level.FIRST)
        if not alerts:  # no DSP at all: go straight to deputies and leadership
            alerts = _alert(incident, [Role.DEPUTY_DSP, Role.LEADERSHIP], Alert.Level.ESCALATED)
        escalate_if_unacknowledged.using(
            run_after=timezone.now() + timedelta(minutes=settings.YMATEB_ALERT_ESCALATION_MINUTES)
        ).enqueue(incident_id)
    return len(alerts)


#: How long a sent email's record waits for the database to come back (a restart, a crash).
#: The email is out: were the record given up, the alert would stay claimed and unrecorded
#: (never sent again, but never shown as sent), as the durability test found after a crash.
RECORD_PATIENCE_SECONDS = 600


@task()
def send_alert_email(alert_id: int) -> bool:
    """Send one alert's email, exactly once, outside any database transaction.

    The task first claims the alert with a conditional update (only one run can change
    `email_claimed_at` from empty), so a retried or duplicated task sends nothing. If the
    mail server refuses, the claim is released and the error raised, so a later run can
    send it. The send is recorded on the alert (`emailed_at`) and in the audit trail
    (SEND_ALERT, without the address). Returns whether this run sent the email.
    """
    from ymateb.audit.models import AuditAction

    scope = rls.setting_of_alert(alert_id)  # each transaction sees that setting only
    with rls.scoped(scope):  # the claim commits before the email goes
        claimed = Alert.objects.filter(
            pk=alert_id, emailed_at__isnull=True, email_claimed_at__isnull=True
        ).update(email_claimed_at=timezone.now())
        related = Alert.objects.select_related("incident", "incident__setting", "recipient")
        alert = related.get(pk=alert_id) if claimed else None
    if alert is None:
        return False
    try:
        _email(alert.recipient, alert.incident, escalated=alert.level == Alert.Level.ESCALATED)
    except Exception:
        with rls.scoped(scope):
            Alert.objects.filter(pk=alert_id, emailed_at__isnull=True).update(email_claimed_at=None)
        raise
    sent_at = timezone.now()

    def record() -> None:
        with rls.scoped(scope):
            Alert.objects.filter(pk=alert_id).update(emailed_at=sent_at)
            audit_incident(
                None,
                AuditAction.SEND_ALERT,
                alert.incident_id,
                alert.incident.setting_id,
                alert=alert.pk,
                level=alert.level,
                recipient=alert.recipient_id,
            )

    when_the_database_answers(record, patience_seconds=RECORD_PATIENCE_SECONDS)
    return True


@task()
def escalate_if_unacknowledged(incident_id: str) -> int:
    with rls.scoped(rls.setting_of_incident(incident_id)):
        incident = Incident.objects.select_for_update().get(pk=incident_id)
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

        audit_incident(None, "update", incident.pk, incident.setting_id, what="alert_escalated")
    return len(alerts)


def alerts_for(user: User) -> list[Alert]:
    """Open alerts addressed to this person, newest first (for the dashboard), for the
    incidents the person may read now: an alert names an incident, so it goes through the
    access layer like any other read (a membership removed since, and it no longer shows).
    The dashboard audits the list (ymateb.incidents.overview.dashboard)."""
    from ymateb.incidents import access
    from ymateb.incidents.access import Permission

    return list(
        Alert.objects.filter(
            recipient=user,
            acknowledged_at__isnull=True,
            incident__in=access.incidents_for(user, Permission.VIEW_INCIDENT),
        )
        .select_related("incident", "incident__setting")
        .order_by("-created_at")
    )


def alert_acknowledge(*, by: User, incident_id: Any, request: HttpRequest | None) -> Incident:
    """The first acknowledgement closes every alert of the incident and records how long
    the concern waited."""
    from ymateb.incidents.access import Permission
    from ymateb.incidents.changes import locked_change

    with locked_change(
        by=by,
        incident_id=incident_id,
        kind=IncidentEvent.Kind.ALERT_ACKNOWLEDGED,
        request=request,
        permission=Permission.VIEW_INCIDENT,
    ) as change:
        incident = change.incident
        open_alerts = incident.alerts.filter(acknowledged_at__isnull=True)
        if not open_alerts.exists():
            change.recorded = False
            return incident
        now = timezone.now()
        open_alerts.update(acknowledged_at=now, acknowledged_by=by)
        change.params["minutes_from_concern"] = int(
            (now - incident.reported_at).total_seconds() // 60
        )
    return incident
