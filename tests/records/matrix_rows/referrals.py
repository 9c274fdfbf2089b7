"""Authorisation matrix rows: referrals. DSP and deputy write; leadership reads (a POST is
403); everyone else gets 404 (an incident they cannot see does not exist for them)."""

from __future__ import annotations

from typing import Any

from tests.records.matrix_rows import READ, WRITE

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
