"""Retention: youngest child's date of birth + 25 years; nothing deleted automatically;
destruction needs two different people and leaves a tombstone with no content."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.management import call_command
from django.test import Client

from tests.factories import ActionFactory, IncidentFactory
from ymateb.audit.models import AuditEvent
from ymateb.incidents.models import Action, Incident, IncidentChild, IncidentEvent
from ymateb.records.models import DestructionRequest, RecordTombstone
from ymateb.records.retention import retention_until

pytestmark = pytest.mark.django_db


def test_retention_is_youngest_childs_birth_plus_25_years() -> None:
    reported = date(2026, 11, 26)
    assert retention_until([(date(2010, 3, 1), None), (date(2012, 7, 9), None)], reported, 25) == (
        date(2037, 7, 9)
    )


def test_unknown_birth_dates_are_estimated_so_the_record_is_kept_long_enough() -> None:
    reported = date(2026, 11, 26)
    # Aged 12 on the day: born at the latest on 26 Nov 2014.
    assert retention_until([(None, 12)], reported, 25) == date(2039, 11, 26)
    # Nothing known: as if born on the day of the report.
    assert retention_until([(None, None)], reported, 25) == date(2051, 11, 26)
    assert retention_until([(date(2008, 2, 29), None)], reported, 25) == date(2033, 2, 28)


@pytest.fixture
def due_incident(demo):

    incident = IncidentFactory(
        setting=demo,
        reference="2001-001",
        account="Sensitive words that must not survive",
        retention_until=date(2020, 1, 1),
        children=["Canary Childname"],
    )
    IncidentEvent.objects.create(incident=incident, kind="reported", actor=incident.reported_by)
    ActionFactory(incident=incident, kind="deletion", child=incident.children.get())
    return incident


def test_review_command_lists_due_records_and_deletes_nothing(due_incident, capsys) -> None:
    call_command("retention", "review")
    out = capsys.readouterr().out
    assert "2001-001" in out and "awaiting review" in out
    assert Incident.objects.filter(pk=due_incident.pk).exists()


def test_destruction_needs_two_different_people(sign_in, due_incident) -> None:
    dsp = sign_in("dsp@example.org")
    url = f"/records/retention/{due_incident.pk}"
    assert dsp.post(f"{url}/approve/").status_code == 400  # nobody has asked yet
    assert dsp.post(f"{url}/request/")["Location"] == "/records/retention/"
    response = dsp.post(f"{url}/approve/")
    assert response.status_code == 400
    assert "different person" in response.content.decode()
    assert Incident.objects.filter(pk=due_incident.pk).exists()

    head = sign_in("head@example.org")
    assert head.post(f"{url}/approve/")["Location"] == "/records/retention/"
    assert not Incident.objects.filter(pk=due_incident.pk).exists()
    assert not IncidentChild.objects.exists() and not Action.objects.exists()
    assert not DestructionRequest.objects.exists()
    tombstone = RecordTombstone.objects.get()
    assert tombstone.reference == "2001-001"
    assert tombstone.requested_by.email == "dsp@example.org"
    assert tombstone.approved_by.email == "head@example.org"
    assert "25 years" in tombstone.policy
    assert AuditEvent.objects.filter(action="destroy", object_id=str(due_incident.pk)).exists()
    call_command("audit", "verify")


def test_a_record_not_yet_due_cannot_be_destroyed(sign_in, due_incident) -> None:
    due_incident.retention_until = date(2090, 1, 1)
    due_incident.save()
    dsp = sign_in("dsp@example.org")
    response = dsp.post(f"/records/retention/{due_incident.pk}/request/")
    assert response.status_code == 400
    assert "not yet due" in response.content.decode()
    assert not DestructionRequest.objects.exists()


def test_tombstone_holds_no_content(sign_in, due_incident) -> None:
    sign_in("dsp@example.org").post(f"/records/retention/{due_incident.pk}/request/")
    sign_in("deputy@example.org").post(f"/records/retention/{due_incident.pk}/approve/")
    values = " ".join(str(v) for v in RecordTombstone.objects.values().get().values())
    assert "Canary" not in values and "Sensitive" not in values


def test_destruction_removes_every_table_that_belongs_to_an_incident() -> None:
    """If a new model points at Incident, destruction must be taught to remove it."""
    from ymateb.incidents.retention.services import DESTROYED_WITH_INCIDENT

    related = {
        rel.related_model
        for rel in Incident._meta.related_objects
        if rel.related_model is not DestructionRequest
    }
    assert related == set(DESTROYED_WITH_INCIDENT)


def test_staff_cannot_see_the_retention_review(sign_in, due_incident) -> None:
    assert sign_in("staff@example.org").get("/records/retention/").status_code == 403


def test_retention_page_lists_due_records(sign_in, due_incident) -> None:
    html = sign_in("head@example.org").get("/records/retention/").content.decode()
    assert "2001-001" in html and "Ask for destruction" in html


def test_anonymous_cannot_reach_retention(client: Client) -> None:
    assert client.get("/records/retention/")["Location"].startswith("/sign-in/")
