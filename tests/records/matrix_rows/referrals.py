"""Authorisation matrix rows: referrals. DSP and deputy write; leadership reads (a POST is
403); everyone else gets 404 (an incident they cannot see does not exist for them)."""

from __future__ import annotations

from typing import Any

READ = {
    "GET": "login 404 200 200 200 404 404 404",
    "POST": "login 405 405 405 405 405 405 405",
    "DELETE": "login 405 405 405 405 405 405 405",
}
WRITE = {
    "GET": "login 404 200 200 200 404 404 404",
    # An empty POST by a DSP or deputy shows the form's errors (400), saving nothing.
    "POST": "login 404 400 400 403 404 404 404",
    "DELETE": "login 405 405 405 405 405 405 405",
}

ROWS: dict[str, dict[str, str]] = {
    "incidents/<uuid:incident_id>/referrals/": READ,
    "incidents/<uuid:incident_id>/referrals/new/": WRITE,
    "incidents/<uuid:incident_id>/referrals/<uuid:referral_id>/outcome/": WRITE,
}


def extend_world(world: dict[str, Any]) -> None:
    from tests.factories import ReferralFactory

    referral = ReferralFactory(incident=world["incident"])  # to the MASH, made by the DSP
    world["referral"] = referral
    world["referral_id"] = referral.pk
