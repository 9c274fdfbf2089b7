"""The factories in tests/factories.py make records the app accepts: readable through the one
access layer by their own setting's DSP and by no one else, encrypted at rest, and usable
by the pages. On PostgreSQL the pages read them under row-level security."""

from __future__ import annotations

from typing import Any

import pytest

from tests.client import FORM_CONTENT, BrowserClient
from tests.factories import (
    ActionFactory,
    DeviceFactory,
    IncidentFactory,
    InterviewFactory,
    ReferralFactory,
    ReviewFactory,
    RiskAssessmentFactory,
    SettingFactory,
    demo_person,
    dsp_of,
)
from tests.rules.test_case_studies import CASE_STUDY_B
from ymateb.incidents.access import IncidentNotFound, access_incident, incidents_for
from ymateb.incidents.models import Incident

pytestmark = pytest.mark.django_db


def test_an_incident_is_read_by_its_own_settings_dsp_and_no_other(demo: Any) -> None:
    mine = IncidentFactory(setting=demo, children=["Megan Jones", {"name": "Rhys Evans"}])
    other = SettingFactory()
    theirs = IncidentFactory(setting=other)
    dsp, other_dsp = demo_person("dsp@example.org"), dsp_of(other, "other-dsp@example.org")

    assert access_incident(dsp, mine.pk) == mine
    assert access_incident(other_dsp, theirs.pk) == theirs
    with pytest.raises(IncidentNotFound):
        access_incident(other_dsp, mine.pk)
    with pytest.raises(IncidentNotFound):
        access_incident(dsp, theirs.pk)
    assert list(incidents_for(dsp)) == [mine]
    # Staff report; they do not read incidents, even the one they reported.
    with pytest.raises(IncidentNotFound):
        access_incident(mine.reported_by, mine.pk)
    assert [(c.ref, c.name) for c in mine.children.all()] == [
        ("A", "Megan Jones"),
        ("B", "Rhys Evans"),
    ]


def test_the_pages_show_a_factory_incident_to_its_dsp_only(demo: Any, sign_in: Any) -> None:
    """Through the request path: on PostgreSQL, under the row-level-security scope."""
    incident = IncidentFactory(setting=demo, reference="FAC-1", children=["Ffion Hughes"])
    other = SettingFactory()
    dsp_of(other, "other-dsp@example.org")
    page = sign_in("dsp@example.org").get(f"/incidents/{incident.pk}/")
    assert page.status_code == 200
    assert "FAC-1" in page.content.decode() and "Ffion Hughes" in page.content.decode()
    stranger = sign_in("other-dsp@example.org")
    assert stranger.get(f"/incidents/{incident.pk}/").status_code == 404


def test_the_records_of_an_incident_belong_to_it(demo: Any) -> None:
    incident = IncidentFactory(setting=demo, state="referred")
    review = ReviewFactory(incident=incident, facts=CASE_STUDY_B, decision="refer")
    assert review.recommended_referral is True and review.typology
    assert ReviewFactory(incident=incident).engine_output == "{}"
    for record in (
        review,
        RiskAssessmentFactory(incident=incident),
        InterviewFactory(incident=incident),
        ReferralFactory(incident=incident),
        ActionFactory(incident=incident, owner=demo_person("dsp@example.org")),
        DeviceFactory(incident=incident),
    ):
        record.refresh_from_db()  # read back: decrypted, and on this incident
        assert record.incident_id == incident.pk
    assert InterviewFactory(incident=incident).child == incident.children.get(ref="A")
    # Plain data: nothing in the chronology or the audit trail.
    assert not incident.events.exists()


def test_a_factory_with_no_setting_makes_its_own(demo: Any) -> None:
    incident = IncidentFactory()
    assert incident.setting != demo
    assert incident.setting.local_authority == demo.local_authority
    assert Incident.objects.count() == 1


def test_the_browser_client_posts_a_form_urlencoded_and_a_file_multipart() -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = BrowserClient()
    sent = client.post("/healthz", {"a": ["1", "2"]}).wsgi_request
    assert sent.content_type == FORM_CONTENT
    upload = SimpleUploadedFile("notes.txt", b"words", content_type="text/plain")
    sent = client.post("/healthz", {"file": upload}).wsgi_request
    assert sent.content_type == "multipart/form-data"
