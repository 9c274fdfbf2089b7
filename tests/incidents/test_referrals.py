"""Referrals ("How to report online content to the police", "Social services contact and
referrals"): each referral records its route, when, by whom, who took it, the crime reference
and what was agreed; several per incident; the outcome (outcome 21, say) comes later."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from tests.factories import IncidentFactory, ReviewFactory
from tests.incidents.support import FFION_AND_OWEN, date_and_time, report_concern
from tests.rules.test_case_studies import CASE_STUDY_B
from ymateb.accounts.models import User
from ymateb.audit.models import AuditEvent
from ymateb.incidents import changes
from ymateb.incidents.models import Incident, IncidentEvent, Referral

pytestmark = pytest.mark.django_db


@pytest.fixture
def incident(demo: Any) -> Incident:
    return report_concern(
        demo.pk,
        account="She said an account she did not know wanted another photo.",
        children=FFION_AND_OWEN,
    )


def start_review(incident: Incident) -> Incident:
    return changes.incident_transition(
        by=User.objects.get(email="dsp@example.org"),
        incident_id=incident.pk,
        transition="start_review",
    )


def when(moment: Any = None) -> dict[str, str]:
    return date_and_time("made", moment)


def referral(**overrides: str | None) -> dict[str, str]:
    data: dict[str, str | None] = {
        "route": "mash",
        **when(),
        "contact_name": "PC Jane Morgan, MASH police desk",
        "crime_reference": "WP/2026/001234",
        "agreed": "The police will contact the family today.\nThe school keeps the phone.",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def url(incident: Incident, tail: str = "") -> str:
    return f"/incidents/{incident.pk}/referrals/{tail}"


# --- case study B: refer, crime reference, several referrals, outcome later ----------------


def test_r113_r120_case_study_b_referral_records_route_time_contact_and_crime_reference(
    sign_in: Any, incident: Incident
) -> None:
    """Case study B: blackmailed by an unknown account. The DSP refers to the MASH, gets a
    crime reference, and the incident moves to "referred" with the reason recorded."""
    start_review(incident)
    ReviewFactory(incident=incident, facts=CASE_STUDY_B, recommended_referral=True)
    dsp = sign_in("dsp@example.org")
    response = dsp.post(url(incident, "new/"), referral())
    assert response.status_code == 302
    assert response["Location"] == url(incident)

    row = Referral.objects.get(incident=incident)
    assert row.route == "mash"
    assert row.made_by.email == "dsp@example.org"
    assert row.contact_name == "PC Jane Morgan, MASH police desk"
    assert row.crime_reference == "WP/2026/001234"
    assert row.agreed.startswith("The police will contact the family today.")
    assert abs(row.made_at - timezone.now()) < timedelta(minutes=2)
    incident.refresh_from_db()
    assert incident.state == "referred"

    kinds = list(
        IncidentEvent.objects.filter(incident=incident)
        .order_by("at", "id")
        .values_list("kind", flat=True)
    )
    assert kinds[-2:] == ["referral", "transition"]
    event = IncidentEvent.objects.get(incident=incident, kind="referral")
    assert event.params["route"] == "mash" and event.params["crime_reference"] is True
    assert "WP/2026" not in json.dumps(event.params)  # codes only in the chronology params
    move = IncidentEvent.objects.get(incident=incident, kind="transition", to_state="referred")
    assert move.from_state == "initial_review"
    assert move.reason == "Referral recorded: Multi-agency safeguarding hub (MASH)"
    assert move.params == {"transition": "refer"}
    assert AuditEvent.objects.filter(
        action="create", object_id=str(incident.pk), detail__what="referral"
    ).exists()
    assert AuditEvent.objects.filter(
        action="transition", object_id=str(incident.pk), detail__to="referred"
    ).exists()

    page = dsp.get(url(incident)).content.decode()
    assert "Multi-agency safeguarding hub (MASH)" in page
    assert "WP/2026/001234" in page
    assert "PC Jane Morgan" in page
    assert "Record referral" in page
    assert f'href="/incidents/{incident.pk}/referrals/new/"' in page


def test_r113_several_referrals_per_incident_and_a_reminder_without_crime_reference(
    sign_in: Any, incident: Incident
) -> None:
    """A MASH referral, then NCA-CEOP (R-184): two rows, one move to "referred"; the one
    without a crime reference shows the reminder (R-120)."""
    dsp = sign_in("dsp@example.org")
    assert dsp.post(url(incident, "new/"), referral()).status_code == 302
    second = referral(route="nca_ceop", crime_reference="", contact_name="")
    assert dsp.post(url(incident, "new/"), second).status_code == 302
    assert Referral.objects.filter(incident=incident).count() == 2
    assert (
        IncidentEvent.objects.filter(
            incident=incident, kind="transition", to_state="referred"
        ).count()
        == 1
    )
    assert IncidentEvent.objects.filter(incident=incident, kind="referral").count() == 2
    page = dsp.get(url(incident)).content.decode()
    assert "NCA-CEOP" in page and "Multi-agency safeguarding hub (MASH)" in page
    assert page.count("No crime reference yet") == 1
    assert "Never send an image or video to the police" in page


def test_r082_escalation_to_referred_from_a_state_after_sign_off(
    sign_in: Any, incident: Incident
) -> None:
    """Escalation is open from every open state: here from "actions"."""
    Incident.objects.filter(pk=incident.pk).update(state="actions")
    dsp = sign_in("dsp@example.org")
    assert dsp.post(url(incident, "new/"), referral(route="police_101")).status_code == 302
    incident.refresh_from_db()
    assert incident.state == "referred"
    move = IncidentEvent.objects.get(incident=incident, kind="transition")
    assert (move.from_state, move.reason) == ("actions", "Referral recorded: Police – 101")


def test_r120_outcome_21_and_crime_reference_recorded_later(
    sign_in: Any, incident: Incident
) -> None:
    dsp = sign_in("dsp@example.org")
    dsp.post(url(incident, "new/"), referral(route="police_101", crime_reference=""))
    row = Referral.objects.get()
    outcome_url = url(incident, f"{row.pk}/outcome/")
    page = dsp.get(outcome_url).content.decode()
    assert "Outcome 21" in page and "Crime reference number (optional)" in page
    today = timezone.localdate()
    response = dsp.post(
        outcome_url,
        {
            "crime_reference": "CR-99/2026",
            "outcome": "outcome_21",
            "outcome_on_day": str(today.day),
            "outcome_on_month": str(today.month),
            "outcome_on_year": str(today.year),
            "note": "Police decided further action is not in the public interest.",
        },
    )
    assert response.status_code == 302
    row.refresh_from_db()
    assert (row.outcome, row.outcome_at, row.crime_reference) == (
        "outcome_21",
        today,
        "CR-99/2026",
    )
    assert row.outcome_note.startswith("Police decided")
    event = IncidentEvent.objects.get(incident=incident, kind="referral_updated")
    assert event.params["outcome"] == "outcome_21"
    assert set(event.params["fields"]) == {
        "crime_reference",
        "outcome",
        "outcome_at",
        "outcome_note",
    }
    assert AuditEvent.objects.filter(
        action="update", object_id=str(incident.pk), detail__what="referral_updated"
    ).exists()
    listing = dsp.get(url(incident)).content.decode()
    assert "Outcome 21" in listing and "CR-99/2026" in listing
    assert "No crime reference yet" not in listing


def test_r120_a_recorded_crime_reference_is_not_overwritten(
    sign_in: Any, incident: Incident
) -> None:
    dsp = sign_in("dsp@example.org")
    dsp.post(url(incident, "new/"), referral())
    row = Referral.objects.get()
    response = dsp.post(
        url(incident, f"{row.pk}/outcome/"), {"crime_reference": "OTHER", "outcome": "nfa"}
    )
    assert response.status_code == 302
    row.refresh_from_db()
    assert (row.crime_reference, row.outcome) == ("WP/2026/001234", "nfa")


def test_outcome_of_another_incidents_referral_is_404(
    sign_in: Any, incident: Incident, demo: Any
) -> None:
    dsp = sign_in("dsp@example.org")
    dsp.post(url(incident, "new/"), referral())
    other = IncidentFactory(
        setting=demo, reference="2026-900", came_to_light="other", children=["X"]
    )
    row = Referral.objects.get()
    assert dsp.get(f"/incidents/{other.pk}/referrals/{row.pk}/outcome/").status_code == 404


# --- bad input saves nothing ---------------------------------------------------------------


def _nothing_saved(incident: Incident, version: int) -> None:
    incident.refresh_from_db()
    assert Referral.objects.count() == 0
    assert incident.state == "reported"
    assert incident.version == version
    assert not IncidentEvent.objects.filter(incident=incident, kind="referral").exists()


def test_r120_crime_reference_of_31_characters_is_refused(sign_in: Any, incident: Incident) -> None:
    dsp = sign_in("dsp@example.org")
    response = dsp.post(url(incident, "new/"), referral(crime_reference="X" * 31))
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page
    assert "The crime reference number must be 30 characters or fewer" in page
    assert 'href="#id_crime_reference"' in page
    _nothing_saved(incident, 1)
    # 30 is fine
    assert dsp.post(url(incident, "new/"), referral(crime_reference="X" * 30)).status_code == 302


def test_referral_in_the_future_is_refused(sign_in: Any, incident: Incident) -> None:
    dsp = sign_in("dsp@example.org")
    tomorrow = timezone.now() + timedelta(days=1)
    page = dsp.post(url(incident, "new/"), referral(**when(tomorrow))).content.decode()
    assert "The date must be today or in the past" in page
    assert 'href="#id_made_day"' in page
    later = timezone.now() + timedelta(hours=2)
    page = dsp.post(url(incident, "new/"), referral(**when(later))).content.decode()
    assert "There is a problem" in page
    assert ("must be now or in the past" in page) or ("today or in the past" in page)
    _nothing_saved(incident, 1)


def test_referral_dated_before_the_concern_was_reported_is_refused(
    sign_in: Any, incident: Incident
) -> None:
    dsp = sign_in("dsp@example.org")
    before = timezone.now() - timedelta(days=3)
    page = dsp.post(url(incident, "new/"), referral(**when(before))).content.decode()
    assert "The referral date must be on or after the day the concern was reported" in page
    _nothing_saved(incident, 1)


def test_referral_needs_route_date_time_and_what_was_agreed(
    sign_in: Any, incident: Incident
) -> None:
    dsp = sign_in("dsp@example.org")
    data = referral(route=None, agreed="", made_time="")
    data.pop("route", None)
    page = dsp.post(url(incident, "new/"), data).content.decode()
    assert "Select who you referred to" in page
    assert 'href="#id_route"' in page
    assert (
        "Enter the date the referral was made"
        in dsp.post(
            url(incident, "new/"), referral(made_day="", made_month="", made_year="")
        ).content.decode()
    )
    assert "Enter the time the referral was made" in page
    assert "Write down what was agreed" in page
    _nothing_saved(incident, 1)


def test_referral_text_refuses_image_data(sign_in: Any, incident: Incident) -> None:
    dsp = sign_in("dsp@example.org")
    page = dsp.post(
        url(incident, "new/"), referral(agreed="data:image/png;base64,iVBORw0KGgo=")
    ).content.decode()
    assert "There is a problem" in page
    _nothing_saved(incident, 1)


def test_outcome_date_in_the_future_is_refused(sign_in: Any, incident: Incident) -> None:
    dsp = sign_in("dsp@example.org")
    dsp.post(url(incident, "new/"), referral())
    row = Referral.objects.get()
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = dsp.post(
        url(incident, f"{row.pk}/outcome/"),
        {
            "outcome": "outcome_21",
            "outcome_on_day": str(tomorrow.day),
            "outcome_on_month": str(tomorrow.month),
            "outcome_on_year": str(tomorrow.year),
        },
    )
    assert "The date must be today or in the past" in response.content.decode()
    row.refresh_from_db()
    assert row.outcome == "not_known"
    assert not IncidentEvent.objects.filter(kind="referral_updated").exists()


# --- the page says 999 first, proposes the MASH, and never asks for an image ---------------


def test_r113_r115_r159_routes_999_first_then_mash_and_the_no_images_reminder(
    sign_in: Any, incident: Incident
) -> None:
    page = sign_in("dsp@example.org").get(url(incident, "new/")).content.decode()
    assert "Record referral" in page
    order = [page.index(f'value="{code}"') for code in ("police_999", "mash", "scpo", "police_101")]
    assert order == sorted(order)
    assert "if a child is in immediate danger" in page
    assert "Do not send any image or video to the police or to anyone else" in page
    assert "they will collect it" in page
    assert "Call 999 first" not in page  # no immediate risk recorded
    assert 'type="file"' not in page


def test_r103_immediate_risk_of_harm_says_999_first_plainly(
    sign_in: Any, incident: Incident
) -> None:
    ReviewFactory(
        incident=incident,
        facts={**CASE_STUDY_B, "immediate_risk_of_harm": True},
        recommended_referral=True,
    )
    page = sign_in("dsp@example.org").get(url(incident, "new/")).content.decode()
    assert "Call 999 first" in page
    assert "If a child is in immediate danger, call 999 now." in page
    assert "Report to NCA-CEOP as well" in page  # adult involvement suspected


# --- roles, audit, closed records, conflicts ----------------------------------------------


def test_leadership_reads_but_cannot_record_a_referral(sign_in: Any, incident: Incident) -> None:
    head = sign_in("head@example.org")
    assert head.get(url(incident)).status_code == 200
    page = head.get(url(incident, "new/")).content.decode()
    assert "Only the designated safeguarding person (DSP) or a deputy" in page
    assert 'name="route"' not in page
    assert head.post(url(incident, "new/"), referral()).status_code == 403
    assert Referral.objects.count() == 0
    sign_in("dsp@example.org").post(url(incident, "new/"), referral())
    row = Referral.objects.get()
    assert head.get(url(incident, f"{row.pk}/outcome/")).status_code == 200
    outcome = {"outcome": "outcome_21"}
    assert head.post(url(incident, f"{row.pk}/outcome/"), outcome).status_code == 403
    row.refresh_from_db()
    assert row.outcome == "not_known"


def test_deputy_records_a_referral(sign_in: Any, incident: Incident) -> None:
    deputy = sign_in("deputy@example.org")
    assert deputy.post(url(incident, "new/"), referral()).status_code == 302
    assert Referral.objects.get().made_by.email == "deputy@example.org"


@pytest.mark.parametrize(
    "email", ["staff@example.org", "admin@example.org", "oversight@example.org"]
)
def test_others_get_404(sign_in: Any, incident: Incident, email: str) -> None:
    client = sign_in(email)
    assert client.get(url(incident)).status_code == 404
    assert client.get(url(incident, "new/")).status_code == 404
    assert client.post(url(incident, "new/"), referral()).status_code == 404
    assert Referral.objects.count() == 0


def test_reading_the_referrals_is_audited(sign_in: Any, incident: Incident) -> None:
    dsp = sign_in("dsp@example.org")
    dsp.get(url(incident))
    dsp.get(url(incident, "new/"))
    whats = set(
        AuditEvent.objects.filter(
            action="view", object_id=str(incident.pk), actor__email="dsp@example.org"
        ).values_list("detail__what", flat=True)
    )
    assert {"referrals", "referral_new"} <= whats


def test_closed_incident_refuses_a_referral(sign_in: Any, incident: Incident) -> None:
    Incident.objects.filter(pk=incident.pk).update(state="closed")
    dsp = sign_in("dsp@example.org")
    page = dsp.get(url(incident, "new/")).content.decode()
    assert "This incident is closed" in page
    assert 'name="route"' not in page
    response = dsp.post(url(incident, "new/"), referral())
    assert response.status_code == 400
    assert "This incident is closed" in response.content.decode()
    assert Referral.objects.count() == 0
    incident.refresh_from_db()
    assert incident.state == "closed"


def test_closed_incident_refuses_an_outcome(sign_in: Any, incident: Incident) -> None:
    dsp = sign_in("dsp@example.org")
    dsp.post(url(incident, "new/"), referral())
    Incident.objects.filter(pk=incident.pk).update(state="closed")
    row = Referral.objects.get()
    response = dsp.post(url(incident, f"{row.pk}/outcome/"), {"outcome": "outcome_21"})
    assert response.status_code == 400
    row.refresh_from_db()
    assert row.outcome == "not_known"


def test_conflict_when_someone_else_saved_first(sign_in: Any, incident: Incident) -> None:
    dsp = sign_in("dsp@example.org")
    version = Incident.objects.get(pk=incident.pk).version
    start_review(incident)  # someone else moves the incident on meanwhile
    response = dsp.post(url(incident, "new/"), referral(version=str(version)))
    assert response.status_code == 409
    page = response.content.decode()
    assert "Someone else changed this incident" in page
    assert "PC Jane Morgan" in page  # what was typed is kept
    assert Referral.objects.count() == 0
    # Saving again from the refreshed form goes through.
    fresh = Incident.objects.get(pk=incident.pk).version
    assert dsp.post(url(incident, "new/"), referral(version=str(fresh))).status_code == 302
