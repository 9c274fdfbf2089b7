"""Authorisation matrix rows: the action plan and the device register.

Anyone who may read the incident (DSP, deputy, leadership) sees the plan and the register;
only the DSP and deputy change them; leadership may not reveal a PIN (403). Everyone else
gets the same 404 as for a missing incident.
"""

from __future__ import annotations

from typing import Any

ROWS: dict[str, dict[str, str]] = {
    "incidents/<uuid:incident_id>/actions/": {
        "GET": "login 404 200 200 200 404 404 404",
        "POST": "login 405 405 405 405 405 405 405",
        "DELETE": "login 405 405 405 405 405 405 405",
    },
    "incidents/<uuid:incident_id>/actions/suggest/": {
        "GET": "login 405 405 405 405 405 405 405",
        "POST": "login 404 400 400 403 404 404 404",
        "DELETE": "login 405 405 405 405 405 405 405",
    },
    "incidents/<uuid:incident_id>/actions/new/": {
        "GET": "login 404 200 200 403 404 404 404",
        "POST": "login 404 400 400 403 404 404 404",
        "DELETE": "login 405 405 405 405 405 405 405",
    },
    "incidents/<uuid:incident_id>/actions/<uuid:action_id>/": {
        "GET": "login 404 200 200 403 404 404 404",
        "POST": "login 404 400 400 403 404 404 404",
        "DELETE": "login 405 405 405 405 405 405 405",
    },
    "incidents/<uuid:incident_id>/devices/": {
        "GET": "login 404 200 200 200 404 404 404",
        "POST": "login 405 405 405 405 405 405 405",
        "DELETE": "login 405 405 405 405 405 405 405",
    },
    "incidents/<uuid:incident_id>/devices/new/": {
        "GET": "login 404 200 200 403 404 404 404",
        "POST": "login 404 400 400 403 404 404 404",
        "DELETE": "login 405 405 405 405 405 405 405",
    },
    "incidents/<uuid:incident_id>/devices/<uuid:device_id>/": {
        "GET": "login 404 200 200 403 404 404 404",
        "POST": "login 404 400 400 403 404 404 404",
        "DELETE": "login 405 405 405 405 405 405 405",
    },
    "incidents/<uuid:incident_id>/devices/<uuid:device_id>/reveal/": {
        "GET": "login 404 200 200 403 404 404 404",
        "POST": "login 404 200 200 403 404 404 404",
        "DELETE": "login 405 405 405 405 405 405 405",
    },
}


def extend_world(world: dict[str, Any]) -> None:
    from tests.factories import ActionFactory, DeviceFactory, demo_person

    action = ActionFactory(
        incident=world["incident"],
        kind="support",
        child=world["child"],
        owner=demo_person("dsp@example.org"),
    )
    device = DeviceFactory(incident=world["incident"], child=world["child"])
    world["action_id"] = action.pk
    world["device_id"] = device.pk
