"""The device register ("How to report online content to the police"): do not delete, seize
and retain, and a PIN that is encrypted, masked, and shown only after a fresh security code."""

from __future__ import annotations

import time
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import IncidentFactory
from ymateb.audit.models import AuditEvent
from ymateb.audit.services import viewers_of
from ymateb.incidents.models import Device, Incident, IncidentEvent
from ymateb.web.demo import demo_totp_key_hex

pytestmark = pytest.mark.django_db

PIN = "482916"


@pytest.fixture
def incident(demo: Any) -> Incident:
    """Rhys's incident, referred."""
    return IncidentFactory(setting=demo, state="referred", children=["Rhys Evans"])


def url(name: str, incident: Incident, **kwargs: Any) -> str:
    return reverse(f"incidents:{name}", kwargs={"incident_id": incident.pk, **kwargs})


def moment(prefix: str, when: Any) -> dict[str, str]:
    local = timezone.localtime(when)
    return {
        f"{prefix}_day": str(local.day),
        f"{prefix}_month": str(local.month),
        f"{prefix}_year": str(local.year),
        f"{prefix}_time": local.strftime("%H:%M"),
    }


def device_data(incident: Incident, **fields: Any) -> dict[str, Any]:
    incident.refresh_from_db()
    data: dict[str, Any] = {
        "version": incident.version,
        "description": "Black iPhone in a blue case",
        "child": str(incident.children.get().pk),
        "held_by": "DSP, locked cabinet in the office",
        **moment("seized", timezone.now() - timedelta(hours=2)),
        "police_reference": "",
        "access_details": PIN,
    }
    data.update(fields)
    return data


def record_device(client: Client, incident: Incident, **fields: Any) -> Any:
    return client.post(url("device_new", incident), device_data(incident, **fields))


def _code_at(step: int) -> str:
    generator = TOTP(bytes.fromhex(demo_totp_key_hex()))
    generator.time = step * 30
    return f"{generator.token():06d}"


def reset_throttle(email: str) -> None:
    TOTPDevice.objects.filter(user__email=email).update(
        throttling_failure_count=0, throttling_failure_timestamp=None
    )


def used_code(email: str) -> str:
    """The current code, marked as already used (as it is just after signing in)."""
    now = int(time.time()) // 30
    TOTPDevice.objects.filter(user__email=email).update(last_t=now, drift=0)
    reset_throttle(email)
    return _code_at(now)


def fresh_code(email: str) -> str:
    """A code the user has not used yet: the authenticator's next one, which the device
    accepts (one step of drift is allowed) even though the current one was used to sign in."""
    now = int(time.time()) // 30
    TOTPDevice.objects.filter(user__email=email).update(last_t=now, drift=0)
    reset_throttle(email)
    return _code_at(now + 1)


def test_r117_r118_device_recorded_with_pin_encrypted_at_rest_and_masked(sign_in, incident) -> None:
    dsp = sign_in("dsp@example.org")
    form = dsp.get(url("device_new", incident)).content.decode()
    assert "Do not delete anything from the device." in form
    assert "do not copy or forward anything from it" in form
    response = record_device(dsp, incident)
    assert response.status_code == 302
    device = Device.objects.get()
    assert device.access_details == PIN
    assert device.held_by.startswith("DSP")
    event = IncidentEvent.objects.get(incident=incident, kind="device")
    assert event.params["device"] == str(device.pk)
    assert PIN not in str(event.params)

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT access_details, description FROM {Device._meta.db_table}")  # noqa: S608
        raw_pin, raw_description = cursor.fetchone()
    assert PIN not in raw_pin and raw_pin.startswith("gAAAA")
    assert "iPhone" not in raw_description
    assert not AuditEvent.objects.filter(detail__icontains=PIN).exists()

    register = dsp.get(url("devices", incident)).content.decode()
    assert "•••• (hidden)" in register
    assert PIN not in register
    assert "Black iPhone in a blue case" in register
    assert "Do not delete anything from the device." in register
    change = dsp.get(url("device_update", incident, device_id=device.pk)).content.decode()
    assert PIN not in change
    assert "A PIN is recorded. It is not shown here." in change


def test_device_update_keeps_or_replaces_the_pin_and_is_in_the_chronology(
    sign_in, incident
) -> None:
    dsp = sign_in("dsp@example.org")
    record_device(dsp, incident)
    device = Device.objects.get()
    handed = timezone.now() - timedelta(hours=1)
    response = dsp.post(
        url("device_update", incident, device_id=device.pk),
        device_data(
            incident,
            access_details="",
            police_reference="DP/2026/0042",
            **moment("seized", device.seized_at),
            **moment("handed", handed),
        ),
    )
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.access_details == PIN  # blank keeps what is recorded
    assert device.police_reference == "DP/2026/0042"
    assert device.handed_to_police_at is not None
    event = IncidentEvent.objects.get(incident=incident, kind="device_updated")
    assert set(event.params["fields"]) == {"handed_to_police_at", "police_reference"}
    register = dsp.get(url("devices", incident)).content.decode()
    assert "reference DP/2026/0042" in register

    dsp.post(
        url("device_update", incident, device_id=device.pk),
        device_data(incident, access_details="0000", **moment("seized", device.seized_at)),
    )
    device.refresh_from_db()
    assert device.access_details == "0000"


def test_device_bad_input_saves_nothing(sign_in, incident) -> None:
    dsp = sign_in("dsp@example.org")
    response = record_device(dsp, incident, police_reference="X" * 31)
    assert response.status_code == 400
    assert "The police reference must be 30 characters or fewer" in response.content.decode()
    future = timezone.now() + timedelta(days=2)
    response = record_device(dsp, incident, **moment("seized", future))
    assert "The date must be today or in the past" in response.content.decode()
    response = record_device(
        dsp,
        incident,
        **moment("seized", timezone.now() - timedelta(hours=1)),
        **moment("handed", timezone.now() - timedelta(hours=3)),
    )
    assert "cannot be handed to the police before it was seized" in response.content.decode()
    response = record_device(dsp, incident, description="")
    assert "Describe the device" in response.content.decode()
    assert 'href="#id_description"' in response.content.decode()
    assert not Device.objects.exists()
    assert not IncidentEvent.objects.filter(kind="device").exists()


def test_r118_reveal_needs_a_correct_fresh_code_and_is_audited(sign_in, incident) -> None:
    deputy = sign_in("deputy@example.org")
    record_device(deputy, incident)
    device = Device.objects.get()
    reveal = url("device_reveal", incident, device_id=device.pk)

    page = deputy.get(reveal).content.decode()
    assert PIN not in page
    assert "enter a new security code" in page

    # A wrong code: refused, nothing shown, the attempt audited.
    right = fresh_code("deputy@example.org")
    wrong = next(
        c
        for c in ("000000", "111111", "222222")
        if c not in {right, _code_at(int(time.time()) // 30)}
    )
    response = deputy.post(reveal, {"token": wrong})
    assert response.status_code == 400
    assert PIN not in response.content.decode()
    assert "The security code is not right" in response.content.decode()
    refused = AuditEvent.objects.get(action="refused", object_id=str(incident.pk))
    assert refused.detail["device"] == str(device.pk)
    assert refused.actor.email == "deputy@example.org"
    assert not IncidentEvent.objects.filter(kind="secret_revealed").exists()
    assert not AuditEvent.objects.filter(action="reveal_secret").exists()

    # The code used to sign in (the current one) is not fresh: refused too.
    response = deputy.post(reveal, {"token": used_code("deputy@example.org")})
    assert response.status_code == 400
    assert PIN not in response.content.decode()

    # The right, fresh code shows the PIN, once, audited as reveal_secret.
    before = {v.actor_label: v.view_count for v in viewers_of("incident", str(incident.pk))}
    code = fresh_code("deputy@example.org")
    response = deputy.post(reveal, {"token": code})
    assert response.status_code == 200
    assert PIN in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    revealed = AuditEvent.objects.get(action="reveal_secret", object_id=str(incident.pk))
    assert revealed.actor.email == "deputy@example.org"
    assert PIN not in str(revealed.detail)
    event = IncidentEvent.objects.get(incident=incident, kind="secret_revealed")
    assert event.params == {"device": str(device.pk), "what": "access_details"}
    after = {v.actor_label: v.view_count for v in viewers_of("incident", str(incident.pk))}
    # The page view and the reveal both count in "who has viewed this record".
    assert after["deputy@example.org"] == before["deputy@example.org"] + 2

    # The same code again is refused: each reveal needs its own code.
    reset_throttle("deputy@example.org")
    response = deputy.post(reveal, {"token": code})
    assert response.status_code == 400
    assert PIN not in response.content.decode()


def test_leadership_cannot_reveal_a_pin(sign_in, incident) -> None:
    record_device(sign_in("dsp@example.org"), incident)
    device = Device.objects.get()
    head = sign_in("head@example.org")
    register = head.get(url("devices", incident))
    assert register.status_code == 200
    assert "•••• (hidden)" in register.content.decode()
    assert "Show PIN" not in register.content.decode()
    reveal = url("device_reveal", incident, device_id=device.pk)
    assert head.get(reveal).status_code == 403
    response = head.post(reveal, {"token": fresh_code("head@example.org")})
    assert response.status_code == 403
    assert PIN not in response.content.decode()
    assert not AuditEvent.objects.filter(action="reveal_secret").exists()
    assert head.get(url("device_new", incident)).status_code == 403


def test_staff_and_other_settings_cannot_reach_devices(sign_in, incident) -> None:
    record_device(sign_in("dsp@example.org"), incident)
    device = Device.objects.get()
    staff = sign_in("staff@example.org")
    assert staff.get(url("devices", incident)).status_code == 404
    assert staff.get(url("device_reveal", incident, device_id=device.pk)).status_code == 404


def test_closed_incident_refuses_device_writes(sign_in, incident) -> None:
    dsp = sign_in("dsp@example.org")
    record_device(dsp, incident)
    device = Device.objects.get()
    Incident.objects.filter(pk=incident.pk).update(state="closed")
    response = record_device(dsp, incident)
    assert response.status_code == 400
    assert "This incident is closed" in response.content.decode()
    response = dsp.post(
        url("device_update", incident, device_id=device.pk),
        device_data(incident, police_reference="LATE-1"),
    )
    assert response.status_code == 400
    device.refresh_from_db()
    assert device.police_reference == ""
    assert Device.objects.count() == 1
    # A closed record can still be read, and a PIN revealed for the police.
    response = dsp.post(
        url("device_reveal", incident, device_id=device.pk),
        {"token": fresh_code("dsp@example.org")},
    )
    assert PIN in response.content.decode()


def test_device_conflict_is_refused(sign_in, incident) -> None:
    dsp = sign_in("dsp@example.org")
    record_device(dsp, incident)
    device = Device.objects.get()
    incident.refresh_from_db()
    stale = incident.version
    deputy = sign_in("deputy@example.org")
    deputy.post(
        url("device_update", incident, device_id=device.pk),
        device_data(incident, held_by="Police officer PC Jones", access_details=""),
    )
    response = dsp.post(
        url("device_update", incident, device_id=device.pk),
        {**device_data(incident, held_by="Head's safe", access_details=""), "version": stale},
    )
    assert response.status_code == 409
    assert "Someone else changed this incident" in response.content.decode()
    device.refresh_from_db()
    assert device.held_by == "Police officer PC Jones"
