"""Subject access export: one child's records, other children redacted, audited."""

from __future__ import annotations

import json

import pytest

from tests.factories import IncidentFactory
from ymateb.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_children(demo):

    incident = IncidentFactory(
        setting=demo,
        reference="2026-010",
        account="Alys Pritchard said Bryn Hughes shared it.",
        children=[{"name": "Alys Pritchard", "date_of_birth": "2011-04-02"}, "Bryn Hughes"],
    )
    return incident, incident.children.get(ref="A")


def search(client, name: str, dob: tuple[str, str, str] = ("", "", "")):
    return client.post(
        "/records/subject-access/",
        {"name": name, "dob_day": dob[0], "dob_month": dob[1], "dob_year": dob[2]},
    )


def test_finds_a_childs_entries_by_name_and_date_of_birth(sign_in, two_children) -> None:
    dsp = sign_in("dsp@example.org")
    html = search(dsp, "  alys  PRITCHARD ", ("2", "4", "2011")).content.decode()
    assert "2026-010" in html
    assert "No records found" in search(dsp, "Alys Pritchard", ("3", "4", "2011")).content.decode()


def test_export_redacts_other_children_by_default_and_is_audited(sign_in, two_children) -> None:
    incident, alys = two_children
    dsp = sign_in("dsp@example.org")
    response = dsp.post(
        "/records/subject-access/export/", {"child": [str(alys.pk)], "format": "json"}
    )
    assert response["Content-Type"] == "application/json"
    data = json.loads(response.content)
    entry = data["entries"][0]
    assert entry["this_child"]["name"] == "Alys Pritchard"
    assert "Bryn" not in response.content.decode()
    assert entry["other_children"] == [{"ref": "B", "name": "[Child B]"}]
    assert "[Child B] shared it" in entry["what_was_said"]
    assert AuditEvent.objects.filter(action="export", object_id=str(incident.pk)).exists()


def test_export_can_show_other_names_when_chosen(sign_in, two_children) -> None:
    _incident, alys = two_children
    dsp = sign_in("dsp@example.org")
    response = dsp.post(
        "/records/subject-access/export/",
        {"child": [str(alys.pk)], "format": "document", "show_other_names": "on"},
    )
    html = response.content.decode()
    assert response["Content-Disposition"].startswith("attachment")
    assert "Bryn Hughes" in html and "Alys Pritchard" in html


def test_a_dsp_of_another_setting_cannot_export(sign_in, two_children) -> None:
    from ymateb.accounts.models import User
    from ymateb.tenancy.models import LocalAuthority, Membership, Setting

    _incident, alys = two_children
    other = Setting.objects.create(
        name="Other", kind="school", local_authority=LocalAuthority.objects.get()
    )
    deputy = User.objects.get(email="deputy@example.org")
    Membership.objects.filter(user=deputy).update(setting=other)
    client = sign_in("deputy@example.org")
    response = client.post(
        "/records/subject-access/export/", {"child": [str(alys.pk)], "format": "json"}
    )
    assert response.status_code == 302  # refused as an invalid choice: nothing exported
    assert not AuditEvent.objects.filter(action="export").exists()
    assert "No records found" in search(client, "Alys Pritchard").content.decode()
