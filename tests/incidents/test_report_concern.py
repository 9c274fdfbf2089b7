"""Report a concern ("Disclosure", "Initial response"): any member of staff, in minutes;
the reporter then sees a receipt and cannot open the incident."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import timezone

from ymateb.audit.models import AuditEvent
from ymateb.incidents.models import Action, Incident, IncidentChild, IncidentEvent

pytestmark = pytest.mark.django_db


def concern(**overrides: str) -> dict[str, str]:
    today = timezone.localdate()
    data = {
        "child-TOTAL_FORMS": "1",
        "child-INITIAL_FORMS": "0",
        "child-MIN_NUM_FORMS": "1",
        "child-MAX_NUM_FORMS": "30",
        "child-0-name": "Megan Jones",
        "child-0-year_group": "Year 11",
        "child-0-age": "15",
        "came_to_light": "child_told",
        "when_day": str(today.day),
        "when_month": str(today.month),
        "when_year": str(today.year),
        "account": "She said: 'he sent it to the whole group chat'.",
    }
    data.update(overrides)
    return data


def test_r_disclosure_page_warns_never_to_view_copy_or_forward(sign_in) -> None:
    """R-113 style guard: the form says plainly not to view, copy, forward or print."""
    client = sign_in("staff@example.org")
    html = client.get("/concerns/new/").content.decode()
    assert "Do not view, copy, forward, print or save any image" in html
    assert "I unavoidably saw an image" in html


def test_staff_reports_a_concern_and_gets_a_receipt(sign_in, demo) -> None:
    client = sign_in("staff@example.org")
    response = client.post("/concerns/new/", concern())
    assert response.status_code == 302
    incident = Incident.objects.get()
    assert response["Location"] == f"/concerns/{incident.pk}/receipt/"
    receipt = client.get(response["Location"]).content.decode()
    assert incident.reference in receipt
    assert "Megan" not in receipt  # a receipt carries no content
    assert incident.state == "reported"
    assert incident.account.startswith("She said")
    child = IncidentChild.objects.get()
    assert (child.ref, child.name, child.age) == ("A", "Megan Jones", 15)
    assert IncidentEvent.objects.filter(incident=incident, kind="reported").exists()
    assert AuditEvent.objects.filter(action="create", object_id=str(incident.pk)).exists()


def test_reporter_cannot_open_the_incident_afterwards(sign_in, demo) -> None:
    client = sign_in("staff@example.org")
    client.post("/concerns/new/", concern())
    incident = Incident.objects.get()
    assert client.get(f"/incidents/{incident.pk}/").status_code == 404
    assert client.get("/incidents/").status_code == 403


def test_dsp_sees_the_new_concern_and_the_view_is_audited(sign_in, demo) -> None:
    sign_in("staff@example.org").post("/concerns/new/", concern())
    incident = Incident.objects.get()
    dsp = sign_in("dsp@example.org")
    page = dsp.get(f"/incidents/{incident.pk}/").content.decode()
    assert "Megan Jones" in page
    assert "whole group chat" in page
    assert AuditEvent.objects.filter(
        action="view", object_id=str(incident.pk), actor__email="dsp@example.org"
    ).exists()
    # "Who has viewed this record"
    page = dsp.get(f"/incidents/{incident.pk}/").content.decode()
    assert "Who has viewed this record" in page and "dsp@example.org" in page


def test_unavoidably_seeing_an_image_starts_a_staff_welfare_follow_up(sign_in, demo) -> None:
    client = sign_in("staff@example.org")
    client.post("/concerns/new/", concern(saw_image="on"))
    incident = Incident.objects.get()
    assert incident.staff_saw_image
    action = Action.objects.get(incident=incident)
    assert action.kind == "staff_welfare" and action.status == "open"


def test_add_another_child_keeps_what_was_typed_and_saves_nothing(sign_in, demo) -> None:
    client = sign_in("staff@example.org")
    response = client.post("/concerns/new/", concern(add_child="1"))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="child-1-name"' in html
    assert "Megan Jones" in html
    assert "There is a problem" not in html
    assert Incident.objects.count() == 0


def test_two_children_get_refs_a_and_b(sign_in, demo) -> None:
    client = sign_in("staff@example.org")
    data = concern(**{"child-TOTAL_FORMS": "2", "child-1-name": "Tom Evans", "child-1-age": "16"})
    client.post("/concerns/new/", data)
    assert list(IncidentChild.objects.values_list("ref", "name")) == [
        ("A", "Megan Jones"),
        ("B", "Tom Evans"),
    ]


@pytest.mark.parametrize(
    ("overrides", "message", "anchor"),
    [
        ({"account": ""}, "own words", "#id_account"),
        ({"came_to_light": ""}, "Select how this came to light", "#id_came_to_light"),
        ({"when_day": "", "when_month": "", "when_year": ""}, "Enter a date", "#id_when_day"),
        ({"when_year": str(timezone.localdate().year + 1)}, "today or in the past", "#id_when_day"),
        ({"when_month": "13"}, "must be a real date", "#id_when_day"),
        ({"child-0-age": "18"}, "aged 18 or over is not a child", "#id_child-0-age"),
        ({"child-0-name": ""}, "s name", "#id_child-0-name"),
        (
            {"child-0-dob_day": "1", "child-0-dob_month": "1", "child-0-dob_year": "2000"},
            "18 or over",
            "#id_child-0-dob_day",
        ),
        ({"when_time": "25:99"}, "Enter a time like 14:30", "#id_when_time"),
    ],
)
def test_bad_input_shows_the_error_summary_and_saves_nothing(
    sign_in, demo, overrides, message, anchor
) -> None:
    client = sign_in("staff@example.org")
    response = client.post("/concerns/new/", concern(**overrides))
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert message in html
    assert f'href="{anchor}"' in html
    assert Incident.objects.count() == 0
    assert IncidentChild.objects.count() == 0


def test_bad_input_in_welsh(sign_in, demo) -> None:
    client = sign_in("staff@example.org")
    client.post("/language/", {"language": "cy", "next": "/concerns/new/"})
    html = client.post("/concerns/new/", concern(account="")).content.decode()
    assert 'lang="cy"' in html
    assert "There is a problem" not in html
    assert Incident.objects.count() == 0


def test_oversight_and_admin_cannot_report(sign_in, demo) -> None:
    for email in ("oversight@example.org", "admin@example.org"):
        assert sign_in(email).get("/concerns/new/").status_code == 403


def test_staff_dashboard_lists_own_receipts_only(sign_in, demo) -> None:
    staff = sign_in("staff@example.org")
    staff.post("/concerns/new/", concern())
    incident = Incident.objects.get()
    assert incident.reference in staff.get("/dashboard/").content.decode()
    deputy = sign_in("deputy@example.org")
    html = deputy.get("/dashboard/").content.decode()
    assert "Concerns you have reported" not in html


def test_retention_is_set_from_the_youngest_child(sign_in, demo) -> None:
    client = sign_in("staff@example.org")
    data = concern(
        **{
            "child-TOTAL_FORMS": "2",
            "child-0-dob_day": "1",
            "child-0-dob_month": "2",
            "child-0-dob_year": "2011",
            "child-1-name": "Tom Evans",
            "child-1-dob_day": "5",
            "child-1-dob_month": "6",
            "child-1-dob_year": "2013",
        }
    )
    client.post("/concerns/new/", data)
    assert str(Incident.objects.get().retention_until) == "2038-06-05"


def test_anonymous_is_sent_to_sign_in(client: Client) -> None:
    assert client.get("/concerns/new/")["Location"].startswith("/sign-in/")


def test_an_empty_form_gets_one_error_summary_in_the_users_language(sign_in, demo) -> None:
    client = sign_in("staff@example.org")
    client.post("/language/", {"language": "cy", "next": "/concerns/new/"})
    data = concern(account="", came_to_light="", **{"child-0-name": "", "child-0-age": ""})
    html = client.post("/concerns/new/", data).content.decode()
    assert html.count("govuk-error-summary__title") == 1
    assert "Please submit" not in html and "There is a problem" not in html
    assert Incident.objects.count() == 0
