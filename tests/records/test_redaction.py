"""Subject-access redaction (issue 8): another child is redacted wherever they are named in
what was written (full name, first name, surname, initials, the names they are known by,
Welsh mutated forms), by default, in any case, as whole words only."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.factories import ActionFactory, IncidentFactory, InterviewFactory
from ymateb.incidents.models import IncidentChild
from ymateb.incidents.subject_access.services import _redact


def child(ref: str, name: str, known_as: str = "") -> IncidentChild:
    return IncidentChild(ref=ref, name=name, known_as=known_as)


BRYN = child("B", "Bryn Hughes", known_as="Bry, Hughesy")
ALYS = child("A", "Alys Pritchard")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Bryn Hughes shared it.", "[Child B] shared it."),
        ("bryn hughes shared it.", "[Child B] shared it."),  # any case
        ("BRYN  HUGHES shared it.", "[Child B] shared it."),
        ("Bryn shared it.", "[Child B] shared it."),  # first name
        ("Then Hughes laughed.", "Then [Child B] laughed."),  # surname
        ("Bryn's phone", "[Child B]'s phone"),
        ("J said B.H. sent it", "J said [Child B] sent it"),  # initials
        ("B. H. sent it", "[Child B] sent it"),
        ("BH sent it, BH said", "[Child B] sent it, [Child B] said"),
        ("bry sent it", "[Child B] sent it"),  # known as
        ("Hughesy sent it", "[Child B] sent it"),
        ("Anfonodd Fryn y llun", "Anfonodd [Child B] y llun"),  # Welsh soft mutation
        ("fy Mryn i", "fy [Child B] i"),  # nasal mutation
        # Whole words only: names inside other words are left alone.
        ("We went to Brynmawr and Hughesfield.", "We went to Brynmawr and Hughesfield."),
        ("She said bh-ish things", "She said bh-ish things"),  # lower-case initials: words
    ],
)
def test_other_children_are_redacted_in_every_form(text: str, expected: str) -> None:
    assert _redact(text, [BRYN], ALYS) == expected


def test_initials_in_small_letters_are_ordinary_words() -> None:
    """Initials match in capitals only: "am" and "a.m." are words, not Alys Morgan."""
    morgan = child("C", "Alys Morgan")
    assert _redact("I am going at 9 a.m.", [morgan]) == "I am going at 9 a.m."
    assert _redact("AM told me, A.M. too", [morgan]) == "[Child C] told me, [Child C] too"


def test_a_name_shared_with_the_subject_is_left_to_the_subject() -> None:
    """Siblings: the subject's own surname is theirs; the other's full name still goes."""
    subject = child("A", "Alys Hughes")
    text = "Alys Hughes said Bryn Hughes and Bryn sent it; Hughes is their surname."
    assert _redact(text, [BRYN], subject) == (
        "Alys Hughes said [Child B] and [Child B] sent it; Hughes is their surname."
    )


def test_two_other_children_and_a_shared_first_name() -> None:
    cai = child("C", "Cai Hughes")
    text = "Bryn and Cai, and Hughes."
    assert _redact(text, [BRYN, cai], ALYS) == "[Child B] and [Child C], and [Child B/C]."


def test_regex_characters_in_names_are_plain_text() -> None:
    odd = child("D", "O'Neil (Jr.) D'Arcy", known_as="J.*")
    assert _redact("O'Neil (Jr.) D'Arcy and J.* and Jx", [odd]) == "[Child D] and [Child D] and Jx"


@pytest.fixture
def written(demo: Any) -> Any:

    from ymateb.accounts.models import User

    dsp = User.objects.get(email="dsp@example.org")
    incident = IncidentFactory(
        setting=demo,
        reference="YM-REDA-CT23",
        account="Alys said BH sent it to the group.",
        children=["Alys Pritchard", {"name": "Bryn Hughes", "known_as": "Bry, Hughesy"}],
    )
    alys = incident.children.get(ref="A")
    InterviewFactory(
        incident=incident,
        child=alys,
        statement="bryn asked for it. Then Hughesy and B.H. showed Fryn's friends.",
        created_by=dsp,
    )
    ActionFactory(incident=incident, kind="support", child=alys, note="Bry apologised to Alys.")
    return incident, alys


@pytest.mark.django_db
def test_r_subject_access_export_redacts_statements_and_notes_by_default(
    sign_in: Any, written: Any
) -> None:
    _incident, alys = written
    dsp = sign_in("dsp@example.org")
    response = dsp.post(
        "/records/subject-access/export/", {"child": [str(alys.pk)], "format": "json"}
    )
    body = response.content.decode()
    for trace in ("Bryn", "bryn", "Hughes", "B.H.", "BH", "Bry ", "Fryn"):
        assert trace not in body, trace
    entry = json.loads(body)["entries"][0]
    assert entry["what_was_said"] == "Alys said [Child B] sent it to the group."
    assert entry["conversations"][0]["statement"] == (
        "[Child B] asked for it. Then [Child B] and [Child B] showed [Child B]'s friends."
    )
    assert entry["actions_for_this_child"][0]["note"] == "[Child B] apologised to Alys."


@pytest.mark.django_db
def test_subject_access_export_shows_the_names_when_chosen(sign_in: Any, written: Any) -> None:
    _incident, alys = written
    dsp = sign_in("dsp@example.org")
    response = dsp.post(
        "/records/subject-access/export/",
        {"child": [str(alys.pk)], "format": "json", "show_other_names": "on"},
    )
    entry = json.loads(response.content)["entries"][0]
    assert "B.H. showed Fryn's" in entry["conversations"][0]["statement"]


@pytest.mark.django_db
def test_the_concern_form_records_the_names_a_child_is_known_by(sign_in: Any) -> None:
    from django.utils import timezone

    today = timezone.localdate()
    staff = sign_in("staff@example.org")
    response = staff.post(
        "/concerns/new/",
        {
            "child-TOTAL_FORMS": "1",
            "child-INITIAL_FORMS": "0",
            "child-0-name": "Bryn Hughes",
            "child-0-known_as": "Bry, Hughesy",
            "came_to_light": "child_told",
            "when_day": today.day,
            "when_month": today.month,
            "when_year": today.year,
            "account": "Said so.",
        },
    )
    assert response.status_code == 302
    assert IncidentChild.objects.get().known_as == "Bry, Hughesy"
