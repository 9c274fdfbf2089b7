"""Alerts (R-078): a concern alerts the setting's DSPs at once, in the app and by email, on
the background worker; an alert not acknowledged in time goes to deputies and leadership."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings

from ymateb.incidents.models import Alert, Incident, IncidentEvent

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


def run_worker() -> None:
    call_command("db_worker", "--batch", "--interval", "0")


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
    from ymateb.incidents.alerts import escalate_if_unacknowledged

    incident = report(sign_in("staff@example.org"))
    run_worker()  # the escalation check waits 15 minutes in the queue
    sign_in("dsp@example.org").post(f"/incidents/{incident.pk}/acknowledge/")
    assert escalate_if_unacknowledged.call(str(incident.pk)) == 0
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
