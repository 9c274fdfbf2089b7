"""The action plan ("Informing parents or carers", "Supporting the children or young people
involved", "Viewing and deleting nudes and semi-nudes", "Reporting nudes and semi-nudes
online"), driven through the pages."""

from __future__ import annotations

import copy
import json
from datetime import date, timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from tests.factories import IncidentFactory, ReviewFactory
from tests.rules.test_case_studies import CASE_STUDY_A
from ymateb import rules
from ymateb.accounts.models import User
from ymateb.audit.models import AuditEvent
from ymateb.incidents.actions import plan
from ymateb.incidents.models import Action, Incident, IncidentChild, IncidentEvent, Review

pytestmark = pytest.mark.django_db

REFS = {"girl": "A", "boy": "B"}


CHILDREN = ("Megan Jones", "Rhys Evans")


@pytest.fixture
def incident(demo: Any) -> Incident:
    """Megan and Rhys's incident, at its action plan."""
    return IncidentFactory(setting=demo, state="actions", children=CHILDREN)


def add_review(incident: Incident, case: dict[str, Any]) -> Review:
    """A saved review whose engine input and output are the case's, with our child refs."""
    given = copy.deepcopy(case)
    for child in given["children"]:
        child["ref"] = REFS.get(child["ref"], child["ref"])
        IncidentChild.objects.filter(incident=incident, ref=child["ref"]).update(
            roles=child["roles"]
        )
    return ReviewFactory(incident=incident, facts=given, attendees="DSP")


def case(**changes: Any) -> dict[str, Any]:
    data = copy.deepcopy(CASE_STUDY_A)
    for key, value in changes.items():
        if key.startswith("boy_"):
            data["children"][1][key[4:]] = value
        else:
            data[key] = value
    return data


def url(name: str, incident: Incident, **kwargs: Any) -> str:
    return reverse(f"incidents:{name}", kwargs={"incident_id": incident.pk, **kwargs})


def day_parts(prefix: str, day: date) -> dict[str, str]:
    return {
        f"{prefix}_day": str(day.day),
        f"{prefix}_month": str(day.month),
        f"{prefix}_year": str(day.year),
    }


def child(incident: Incident, ref: str) -> IncidentChild:
    return IncidentChild.objects.get(incident=incident, ref=ref)


def suggest(client: Client, incident: Incident) -> Any:
    incident.refresh_from_db()
    return client.post(url("actions_suggest", incident), {"version": incident.version})


def open_suggested_action(sign_in: Any, incident: Incident, kind: str) -> tuple[Any, Action, str]:
    """Case study A reviewed, the DSP suggests the standard actions and opens the one of
    `kind` for the boy (child B): the DSP's client, the action and its page."""
    add_review(incident, case())
    dsp = sign_in("dsp@example.org")
    suggest(dsp, incident)
    action = Action.objects.get(incident=incident, kind=kind, child__ref="B")
    page = dsp.get(url("action_update", incident, action_id=action.pk)).content.decode()
    return dsp, action, page


def new_action(client: Client, incident: Incident, **fields: Any) -> Any:
    incident.refresh_from_db()
    dsp = User.objects.get(email="dsp@example.org")
    data = {
        "version": incident.version,
        "owner": str(dsp.pk),
        **day_parts("deadline", timezone.localdate() + timedelta(days=2)),
    }
    data.update(fields)
    return client.post(url("action_new", incident), data)


def update(client: Client, incident: Incident, action: Action, **fields: Any) -> Any:
    incident.refresh_from_db()
    action.refresh_from_db()
    data = {
        "version": incident.version,
        "owner": str(action.owner_id),
        "status": action.status,
        **day_parts("deadline", action.deadline or timezone.localdate()),
    }
    data.update(fields)
    return client.post(url("action_update", incident, action_id=action.pk), data)


# --- suggesting the standard actions ------------------------------------------------------------


def test_r081_r165_r139_suggested_actions_for_case_study_a(sign_in, incident) -> None:
    """Case A: parents informed per child, a support conversation per child by role, a
    deletion request (place: device, two days) per child who made or passed on the image,
    one education follow-up; nothing online, so no take-down."""
    add_review(incident, case())
    dsp = sign_in("dsp@example.org")
    response = suggest(dsp, incident)
    assert response.status_code == 302
    assert response["Location"] == url("actions", incident)
    today = timezone.localdate()
    a, b = child(incident, "A"), child(incident, "B")
    parents = Action.objects.filter(incident=incident, kind="inform_parents")
    assert sorted(p.child.ref for p in parents) == ["A", "B"]
    assert {p.deadline for p in parents} == {today + timedelta(days=1)}
    support = {s.child.ref: s for s in Action.objects.filter(incident=incident, kind="support")}
    assert support["A"].details == {"groups": ["everyone", "image_shared"]}
    assert support["B"].details == {
        "groups": ["everyone", "image_shared", "sent_image", "shared_another"]
    }
    assert support["A"].deadline == today + timedelta(days=3)
    deletions = Action.objects.filter(incident=incident, kind="deletion")
    assert {(d.child_id, d.details["place"], d.deadline) for d in deletions} == {
        (a.pk, "device", today + timedelta(days=2)),
        (b.pk, "device", today + timedelta(days=2)),
    }
    assert Action.objects.filter(incident=incident, kind="education", child=None).count() == 1
    assert not Action.objects.filter(incident=incident, kind="take_down").exists()
    assert set(Action.objects.filter(incident=incident).values_list("owner__email", flat=True)) == {
        "dsp@example.org"
    }
    added = IncidentEvent.objects.filter(incident=incident, kind="action_added")
    assert added.count() == Action.objects.filter(incident=incident).count() == 7
    assert all(e.params["suggested"] for e in added)

    page = dsp.get(url("actions", incident)).content.decode()
    assert "Child A: Megan Jones" in page and "Child B: Rhys Evans" in page
    assert "7 actions added to the plan." in page
    assert page.count('Update<span class="govuk-visually-hidden"> Inform parents or carers') == 2

    # Suggesting again adds nothing: the plan already has them.
    suggest(dsp, incident)
    assert Action.objects.filter(incident=incident).count() == 7


def test_r146_shared_online_adds_a_take_down_with_a_status(sign_in, incident) -> None:
    add_review(incident, case(shared_online=True))
    suggest(sign_in("dsp@example.org"), incident)
    take_down = Action.objects.get(incident=incident, kind="take_down")
    assert take_down.details == {"service": "report_remove", "status": "not_started"}
    assert take_down.deadline == timezone.localdate()


def test_r153_parents_at_risk_get_no_inform_action_and_the_page_points_to_social_services(
    sign_in, incident
) -> None:
    add_review(incident, case(boy_informing_parents_would_put_at_risk=True))
    dsp = sign_in("dsp@example.org")
    suggest(dsp, incident)
    parents = Action.objects.filter(incident=incident, kind="inform_parents")
    assert [p.child.ref for p in parents] == ["A"]
    # The boy still gets support and the rest of his plan.
    assert Action.objects.filter(incident=incident, kind="support", child__ref="B").exists()
    page = dsp.get(url("actions", incident)).content.decode()
    assert "would put the child at risk" in page
    assert "Do not inform them: record a referral to children" in page
    try:
        referral_url = reverse("incidents:referral_new", kwargs={"incident_id": incident.pk})
    except NoReverseMatch:
        referral_url = None
    if referral_url:
        assert referral_url in page

    # Adding one by hand is refused too, and nothing is saved.
    response = new_action(dsp, incident, kind="inform_parents", child=str(child(incident, "B").pk))
    assert response.status_code == 400
    assert "informing this child&#39;s parents or carers would put the child at risk" in (
        response.content.decode()
    )
    assert Action.objects.filter(incident=incident, kind="inform_parents").count() == 1


def test_r116_no_deletion_from_a_device_that_must_be_seized(sign_in, demo) -> None:
    """When the device must be seized and retained, suggestions hold the device instead of
    asking for deletion, and a deletion request for a device is refused."""
    incident = IncidentFactory(setting=demo, children=CHILDREN, state="referred")
    add_review(incident, case(intent_to_harm=True))
    dsp = sign_in("dsp@example.org")
    suggest(dsp, incident)
    assert not Action.objects.filter(incident=incident, kind="deletion").exists()
    assert Action.objects.filter(incident=incident, kind="device").count() == 2
    response = new_action(
        dsp, incident, kind="deletion", child=str(child(incident, "B").pk), place="device"
    )
    assert "Do not ask for anything to be deleted from a device" in response.content.decode()
    assert not Action.objects.filter(incident=incident, kind="deletion").exists()


# --- adding and updating ------------------------------------------------------------------------


def test_deadline_before_the_concern_is_refused_and_nothing_saved(sign_in, incident) -> None:
    dsp = sign_in("dsp@example.org")
    before = incident.version
    response = new_action(
        dsp,
        incident,
        kind="education",
        **day_parts("deadline", timezone.localdate() - timedelta(days=3)),
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "The deadline cannot be before the concern was reported" in html
    assert 'href="#id_deadline_day"' in html  # the error summary links to the field
    assert not Action.objects.filter(incident=incident).exists()
    incident.refresh_from_db()
    assert incident.version == before
    assert not IncidentEvent.objects.filter(incident=incident, kind="action_added").exists()


def test_r019_add_an_action_with_owner_and_deadline(sign_in, incident) -> None:
    dsp = sign_in("dsp@example.org")
    deputy = User.objects.get(email="deputy@example.org")
    response = new_action(dsp, incident, kind="education", owner=str(deputy.pk), note="RSE lesson")
    assert response.status_code == 302
    action = Action.objects.get(incident=incident)
    assert (action.kind, action.owner, action.child) == ("education", deputy, None)
    assert action.note == "RSE lesson"
    event = IncidentEvent.objects.get(incident=incident, kind="action_added")
    assert event.params["kind"] == "education"
    assert AuditEvent.objects.filter(
        action="create", object_id=str(incident.pk), detail__what="action_added"
    ).exists()


def test_owner_must_have_a_role_in_the_setting(sign_in, incident) -> None:
    outsider = User.objects.create_user("outsider@example.org", "x" * 20, full_name="Out")
    response = new_action(
        sign_in("dsp@example.org"), incident, kind="education", owner=str(outsider.pk)
    )
    assert response.status_code == 400
    assert not Action.objects.exists()


def test_per_child_kinds_need_a_child(sign_in, incident) -> None:
    response = new_action(sign_in("dsp@example.org"), incident, kind="support")
    assert "Choose which child this is for" in response.content.decode()
    assert not Action.objects.exists()


def test_r165_r166_deletion_confirmation_is_needed_to_mark_done(sign_in, incident) -> None:
    dsp = sign_in("dsp@example.org")
    response = new_action(
        dsp,
        incident,
        kind="deletion",
        child=str(child(incident, "B").pk),
        place="cloud_backup",
        place_description="Google Photos backup",
        reminded="on",
    )
    assert response.status_code == 302
    deletion = Action.objects.get(incident=incident, kind="deletion")
    assert deletion.details == {
        "place": "cloud_backup",
        "description": "Google Photos backup",
        "reminded": True,
    }
    page = dsp.get(url("action_update", incident, action_id=deletion.pk)).content.decode()
    assert "Viewing and deleting nudes and semi-nudes" in page
    assert "possession" in page or "illegal" in page

    done = {"status": "done", "place": "cloud_backup"}
    response = update(dsp, incident, deletion, **done)
    html = response.content.decode()
    assert response.status_code == 400
    assert "Enter the date the child confirmed they deleted it" in html
    assert "Record how the child confirmed the image was deleted" in html
    deletion.refresh_from_db()
    assert deletion.status == "open" and deletion.completed_at is None
    assert not IncidentEvent.objects.filter(incident=incident, kind="action_done").exists()

    today = timezone.localdate()
    done |= day_parts("confirmed_on", today)
    done["note"] = "Showed me the empty backup folder and told me in person"
    response = update(dsp, incident, deletion, **done)
    assert response.status_code == 302
    deletion.refresh_from_db()
    assert deletion.status == "done" and deletion.completed_at is not None
    assert deletion.details["confirmed_on"] == today.isoformat()
    assert deletion.note.startswith("Showed me")
    done = IncidentEvent.objects.get(incident=incident, kind="action_done")
    assert done.params["action"] == str(deletion.pk)
    assert "Showed me" not in json.dumps(done.params)  # no content in the chronology params


def test_r178_take_down_status_is_tracked(sign_in, incident) -> None:
    dsp = sign_in("dsp@example.org")
    # A link is refused: it could lead someone to the image.
    fields = {"service": "platform_report", "platform": "Snapchat story"}
    link = {**fields, "platform": "https://example.com/post/123"}
    response = new_action(dsp, incident, kind="take_down", **link)
    assert "Do not paste a link" in response.content.decode()
    assert not Action.objects.exists()

    response = new_action(dsp, incident, kind="take_down", take_down_status="not_started", **fields)
    assert response.status_code == 302
    take_down = Action.objects.get(kind="take_down")
    assert take_down.details == {
        "service": "platform_report",
        "platform": "Snapchat story",
        "status": "not_started",
    }
    assert (
        update(dsp, incident, take_down, take_down_status="reported", **fields).status_code == 302
    )
    take_down.refresh_from_db()
    assert take_down.details["status"] == "reported" and take_down.status == "open"
    assert IncidentEvent.objects.filter(incident=incident, kind="action_updated").count() == 1
    plan = dsp.get(url("actions", incident)).content.decode()
    assert "Report to the platform – Snapchat story – Reported" in plan

    done = {**fields, "status": "done", "note": "Snapchat removed it, ref 55"}
    response = update(dsp, incident, take_down, take_down_status="reported", **done)
    assert "Set the take-down status to removed or not possible" in response.content.decode()
    response = update(dsp, incident, take_down, take_down_status="removed", **done)
    assert response.status_code == 302
    take_down.refresh_from_db()
    assert (take_down.status, take_down.details["status"]) == ("done", "removed")


def test_r139_support_points_are_a_checklist(sign_in, incident) -> None:
    dsp, support, page = open_suggested_action(sign_in, incident, "support")
    boy_points = rules.support_points(["pictured", "creator", "possessor", "sharer"])
    for point in boy_points:
        assert f'value="{point.code}"' in page
    assert "always wrong" in page  # from the "shared another's image" list
    response = update(dsp, incident, support, checked=["not_alone", "always_wrong_to_share"])
    assert response.status_code == 302
    support.refresh_from_db()
    assert support.details["checked"] == ["not_alone", "always_wrong_to_share"]
    assert support.details["groups"]  # what the suggestion recorded is kept
    page = dsp.get(url("action_update", incident, action_id=support.pk)).content.decode()
    assert 'value="not_alone" checked' in page


def test_r185_inform_parents_page_shows_the_advice_for_the_childs_roles(sign_in, incident) -> None:
    dsp, action, page = open_suggested_action(sign_in, incident, "inform_parents")
    assert "Supporting parents and carers" in page
    assert "Stay calm and try not to get angry" in page  # created or shared another's image
    assert "Report Remove (IWF and Childline)" in page  # their own image was shared
    dsp.post("/language/", {"language": "cy", "next": "/"})
    page = dsp.get(url("action_update", incident, action_id=action.pk)).content.decode()
    assert "Arhoswch yn bwyllog" in page


def test_r162_staff_welfare_action_appears_with_its_guidance(sign_in, demo) -> None:
    staff = sign_in("staff@example.org")
    today = timezone.localdate()
    staff.post(
        "/concerns/new/",
        {
            "child-TOTAL_FORMS": "1",
            "child-INITIAL_FORMS": "0",
            "child-MIN_NUM_FORMS": "1",
            "child-MAX_NUM_FORMS": "30",
            "child-0-name": "Megan Jones",
            "came_to_light": "staff_saw",
            **day_parts("when", today),
            "account": "It came up on the screen during monitoring.",
            "saw_image": "on",
        },
    )
    incident = Incident.objects.get()
    action = Action.objects.get(incident=incident, kind="staff_welfare")
    dsp = sign_in("dsp@example.org")
    plan = dsp.get(url("actions", incident)).content.decode()
    assert "Staff welfare follow-up" in plan
    page = dsp.get(url("action_update", incident, action_id=action.pk)).content.decode()
    assert "Looking after the member of staff" in page
    assert "Viewing and deleting nudes and semi-nudes" in page
    # It has no owner or deadline yet: updating asks for both.
    response = update(
        dsp, incident, action, owner="", deadline_day="", deadline_month="", deadline_year=""
    )
    assert "Choose who will do it" in response.content.decode()
    assert "Enter a date" in response.content.decode()


def test_not_needed_needs_a_reason(sign_in, incident) -> None:
    dsp = sign_in("dsp@example.org")
    new_action(dsp, incident, kind="education")
    action = Action.objects.get()
    response = update(dsp, incident, action, status="not_needed")
    assert "Say why this action is not needed" in response.content.decode()
    assert (
        update(dsp, incident, action, status="not_needed", note="Covered in RSE").status_code == 302
    )
    action.refresh_from_db()
    assert action.status == "not_needed"
    assert IncidentEvent.objects.filter(kind="action_updated", params__status="not_needed").exists()


# --- the plan page, overdue, roles, closed records, conflicts ------------------------------------


def test_r166_overdue_actions_are_tagged_and_listed_for_the_dashboard(
    sign_in, demo, incident
) -> None:
    dsp_user = User.objects.get(email="dsp@example.org")
    past = timezone.localdate() - timedelta(days=1)
    late = Action.objects.create(
        incident=incident, kind="support", child=child(incident, "A"), owner=dsp_user, deadline=past
    )
    late_deletion = Action.objects.create(
        incident=incident,
        kind="deletion",
        child=child(incident, "B"),
        owner=dsp_user,
        deadline=past,
        details={"place": "device"},
    )
    Action.objects.create(incident=incident, kind="education", deadline=past, status="done")
    Action.objects.create(incident=incident, kind="education", deadline=timezone.localdate())
    closed = IncidentFactory(setting=demo, state="closed")
    Action.objects.create(incident=closed, kind="education", deadline=past)

    assert plan.overdue_actions(dsp_user) == [late]
    assert plan.deletion_deadlines_passed(dsp_user) == [late_deletion]
    deputy = User.objects.get(email="deputy@example.org")
    assert plan.overdue_actions(deputy) == [late]
    for email in ("head@example.org", "staff@example.org", "admin@example.org"):
        user = User.objects.get(email=email)
        assert plan.overdue_actions(user) == []
        assert plan.deletion_deadlines_passed(user) == []

    page = sign_in("dsp@example.org").get(url("actions", incident)).content.decode()
    assert page.count("govuk-tag--red") == 2
    assert "Overdue" in page


def test_the_plan_view_is_audited(sign_in, incident) -> None:
    sign_in("deputy@example.org").get(url("actions", incident))
    assert AuditEvent.objects.filter(
        action="view", object_id=str(incident.pk), detail__what="actions"
    ).exists()


def test_leadership_sees_the_plan_but_cannot_change_it(sign_in, incident) -> None:
    head = sign_in("head@example.org")
    page = head.get(url("actions", incident))
    assert page.status_code == 200
    assert "Suggest actions" not in page.content.decode()
    assert head.get(url("action_new", incident)).status_code == 403
    assert new_action(head, incident, kind="education").status_code == 403
    assert suggest(head, incident).status_code == 403
    assert not Action.objects.exists()


def test_staff_and_other_settings_get_404(sign_in, incident) -> None:
    staff = sign_in("staff@example.org")
    assert staff.get(url("actions", incident)).status_code == 404
    assert new_action(staff, incident, kind="education").status_code == 404
    assert not Action.objects.exists()


def test_closed_incident_refuses_writes(sign_in, incident) -> None:
    dsp = sign_in("dsp@example.org")
    new_action(dsp, incident, kind="education")
    action = Action.objects.get()
    Incident.objects.filter(pk=incident.pk).update(state="closed")
    events = IncidentEvent.objects.count()

    response = new_action(dsp, incident, kind="education")
    assert response.status_code == 400
    assert "This incident is closed" in response.content.decode()
    assert suggest(dsp, incident).status_code == 400
    response = update(dsp, incident, action, status="not_needed", note="No longer")
    assert response.status_code == 400
    action.refresh_from_db()
    assert action.status == "open"
    assert Action.objects.count() == 1
    assert IncidentEvent.objects.count() == events
    page = dsp.get(url("actions", incident)).content.decode()
    assert "Suggest actions" not in page


def test_conflict_is_refused_and_shows_what_changed(sign_in, incident) -> None:
    dsp = sign_in("dsp@example.org")
    deputy = sign_in("deputy@example.org")
    new_action(dsp, incident, kind="education")
    action = Action.objects.get()
    incident.refresh_from_db()
    stale = incident.version
    # The deputy saves first.
    assert update(deputy, incident, action, note="Assembly booked").status_code == 302
    response = dsp.post(
        url("action_update", incident, action_id=action.pk),
        {
            "version": stale,
            "owner": str(action.owner_id),
            "status": "not_needed",
            "note": "Not needed",
            **day_parts("deadline", action.deadline),
        },
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "Someone else changed this incident" in html
    assert "Action updated" in html
    action.refresh_from_db()
    assert (action.status, action.note) == ("open", "Assembly booked")

    response = dsp.post(url("actions_suggest", incident), {"version": stale})
    assert response.status_code == 409
    assert Action.objects.count() == 1


def test_an_action_of_another_incident_is_not_found(sign_in, demo, incident) -> None:
    first = incident
    second = IncidentFactory(setting=demo)
    action = Action.objects.create(incident=second, kind="education")
    dsp = sign_in("dsp@example.org")
    assert dsp.get(url("action_update", first, action_id=action.pk)).status_code == 404
