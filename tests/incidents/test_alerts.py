"""Alerts (R-078): a concern alerts the setting's DSPs at once, in the app and by email, on
the background worker; an alert not acknowledged in time goes to deputies and leadership."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import override_settings

from tests.app_role import job, run_worker
from ymateb.incidents.models import Alert, Incident, IncidentEvent
from ymateb.records import rls

pytestmark = pytest.mark.django_db(transaction=True)


def report(client) -> Incident:
    from django.utils import timezone

    today = timezone.localdate()
    client.post(
        "/concerns/new/",
        {
            "child-TOTAL_FORMS": "1",
            "child-INITIAL_FORMS": "0",
            "child-0-name": "Nia Rees",
            "came_to_light": "friend_told",
            "when_day": today.day,
            "when_month": today.month,
            "when_year": today.year,
            "account": "A friend said a photo of Nia is going round.",
        },
    )
    return Incident.objects.get()


def test_r078_dsps_are_alerted_by_the_worker_not_in_the_request(sign_in) -> None:
    incident = report(sign_in("staff@example.org"))
    # Nothing is sent inside the request.
    assert Alert.objects.count() == 0 and mail.outbox == []
    run_worker()
    alert = Alert.objects.get()
    assert alert.recipient.email == "dsp@example.org" and alert.level == "first"
    assert alert.emailed_at is not None
    assert [m.to for m in mail.outbox] == [["dsp@example.org"]]
    body = mail.outbox[0].body
    assert incident.reference in body
    assert "Nia" not in body and "photo" not in body  # no content in email


def test_alert_shows_on_the_dsp_dashboard_and_acknowledging_records_the_wait(sign_in) -> None:
    incident = report(sign_in("staff@example.org"))
    run_worker()
    dsp = sign_in("dsp@example.org")
    html = dsp.get("/dashboard/").content.decode()
    assert "Acknowledge and open" in html and incident.reference in html
    response = dsp.post(f"/incidents/{incident.pk}/acknowledge/")
    assert response["Location"] == f"/incidents/{incident.pk}/"
    alert = Alert.objects.get()
    assert alert.acknowledged_at is not None and alert.acknowledged_by.email == "dsp@example.org"
    event = IncidentEvent.objects.get(incident=incident, kind="alert_acknowledged")
    assert "minutes_from_concern" in event.params
    assert "Acknowledge and open" not in dsp.get("/dashboard/").content.decode()


@override_settings(YMATEB_ALERT_ESCALATION_MINUTES=0)
def test_unacknowledged_alert_escalates_to_deputies_and_leadership(sign_in) -> None:
    incident = report(sign_in("staff@example.org"))
    run_worker()  # first alert; the escalation check is due at once and runs too
    escalated = Alert.objects.filter(level="escalated")
    assert sorted(a.recipient.email for a in escalated) == [
        "deputy@example.org",
        "head@example.org",
    ]
    assert IncidentEvent.objects.filter(incident=incident, kind="alert_escalated").exists()
    assert "Escalated" in sign_in("deputy@example.org").get("/dashboard/").content.decode()


def test_an_acknowledged_alert_does_not_escalate(sign_in) -> None:
    from ymateb.incidents.concern.alerts import escalate_if_unacknowledged

    incident = report(sign_in("staff@example.org"))
    run_worker()  # the escalation check waits 15 minutes in the queue
    sign_in("dsp@example.org").post(f"/incidents/{incident.pk}/acknowledge/")
    assert job(escalate_if_unacknowledged, str(incident.pk)) == 0
    assert not Alert.objects.filter(level="escalated").exists()


def test_the_escalation_check_waits_in_the_queue_for_the_configured_time(sign_in) -> None:
    report(sign_in("staff@example.org"))
    run_worker()
    run_worker()
    assert not Alert.objects.filter(level="escalated").exists()


def test_staff_cannot_acknowledge(sign_in) -> None:
    staff = sign_in("staff@example.org")
    incident = report(staff)
    run_worker()
    assert staff.post(f"/incidents/{incident.pk}/acknowledge/").status_code == 404
    assert Alert.objects.get().acknowledged_at is None


def test_the_dsp_dashboard_listing_incidents_is_audited(sign_in) -> None:
    from ymateb.audit.models import AuditEvent

    report(sign_in("staff@example.org"))
    run_worker()
    dsp = sign_in("dsp@example.org")
    before = AuditEvent.objects.filter(action="list", actor__email="dsp@example.org").count()
    dsp.get("/dashboard/")
    after = AuditEvent.objects.filter(action="list", actor__email="dsp@example.org")
    assert after.count() == before + 1
    assert after.last().detail == {"what": "dashboard", "count": 1}


# --- emails after commit, exactly once, recorded (issue 8) ------------------------------


def test_r078_alert_emails_are_sent_after_the_alerts_are_committed(sign_in, monkeypatch) -> None:
    """No email leaves inside a database transaction: the alerts are committed first and
    each email goes from its own task."""
    from django.db import connection

    from ymateb.incidents.concern import alerts

    seen: list[tuple[bool, int]] = []
    original = alerts.send_mail

    def spy(*args, **kwargs):
        # Outside any atomic block, and the alert is already visible to other connections
        # (counted within every setting: the worker holds no scope between its jobs).
        outside = not connection.in_atomic_block
        with rls.scoped(rls.all_settings()):
            seen.append((not outside, Alert.objects.count()))
        return original(*args, **kwargs)

    monkeypatch.setattr(alerts, "send_mail", spy)
    report(sign_in("staff@example.org"))
    run_worker()
    assert seen == [(False, 1)]
    assert len(mail.outbox) == 1


def test_each_alert_is_emailed_exactly_once_and_the_send_is_audited(sign_in) -> None:
    from ymateb.audit.models import AuditEvent
    from ymateb.incidents.concern.alerts import send_alert_email, send_concern_alerts

    incident = report(sign_in("staff@example.org"))
    run_worker()
    alert = Alert.objects.get()
    # A retried or duplicated task: no second alert, no second email, no second record.
    assert job(send_concern_alerts, str(incident.pk)) == 0
    assert job(send_alert_email, alert.pk) is False
    run_worker()
    assert Alert.objects.count() == 1 and len(mail.outbox) == 1
    sends = AuditEvent.objects.filter(action="send_alert")
    assert sends.count() == 1
    event = sends.get()
    assert event.object_id == str(incident.pk) and event.actor is None
    assert event.detail == {"alert": alert.pk, "level": "first", "recipient": alert.recipient_id}
    assert "dsp@example.org" not in str(event.detail)  # no address in the trail
    alert.refresh_from_db()
    assert alert.emailed_at is not None and alert.email_claimed_at is not None


def test_a_second_run_while_the_first_is_sending_sends_nothing(sign_in, monkeypatch) -> None:
    """The claim is taken before the send: a run that starts while another is talking to
    the mail server finds the alert claimed."""
    from ymateb.incidents.concern import alerts

    original = alerts._email
    inner: list[bool] = []

    def slow_email(recipient, incident, escalated):
        with rls.scoped([incident.setting_id]):
            alert = Alert.objects.get(incident=incident, recipient=recipient)
        inner.append(alerts.send_alert_email.call(alert.pk))  # the duplicate run
        original(recipient, incident, escalated)

    monkeypatch.setattr(alerts, "_email", slow_email)
    report(sign_in("staff@example.org"))
    run_worker()
    assert inner == [False]
    assert len(mail.outbox) == 1


def test_a_refused_send_is_released_for_a_retry_and_not_recorded(sign_in, monkeypatch) -> None:
    from ymateb.audit.models import AuditEvent
    from ymateb.incidents.concern import alerts

    def refuse(*args, **kwargs):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr(alerts, "send_mail", refuse)
    report(sign_in("staff@example.org"))
    run_worker()
    alert = Alert.objects.get()
    assert alert.emailed_at is None and alert.email_claimed_at is None
    assert not AuditEvent.objects.filter(action="send_alert").exists()
    monkeypatch.undo()
    assert job(alerts.send_alert_email, alert.pk) is True
    assert job(alerts.send_alert_email, alert.pk) is False
    assert len(mail.outbox) == 1
    assert AuditEvent.objects.filter(action="send_alert").count() == 1


@override_settings(YMATEB_ALERT_ESCALATION_MINUTES=0)
def test_escalation_emails_go_once_each_too(sign_in) -> None:
    from ymateb.audit.models import AuditEvent
    from ymateb.incidents.concern.alerts import escalate_if_unacknowledged

    incident = report(sign_in("staff@example.org"))
    run_worker()
    assert job(escalate_if_unacknowledged, str(incident.pk)) == 0  # a retry: nothing more
    run_worker()
    assert sorted(m.to[0] for m in mail.outbox) == [
        "deputy@example.org",
        "dsp@example.org",
        "head@example.org",
    ]
    assert AuditEvent.objects.filter(action="send_alert").count() == 3
    assert not Alert.objects.filter(emailed_at__isnull=True).exists()
