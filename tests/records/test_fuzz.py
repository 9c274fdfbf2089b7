"""Hypothesis-driven fuzzing of every form and endpoint: odd, long, hostile and random
input, signed in and not, must never give a 500 or a stack trace (issue "Safeguarding
records", security checks; issue 8: at least 10,000 requests, huge numbers, non-numeric
management-form values and every date field).

Three parts, each counting the requests it makes (REQUESTS):
- random and hostile form data to every URL as seven roles (hypothesis);
- every date field of every form (found on the pages themselves, in two states of the
  incident) with numbers too big for a date, odd digits and odd times, one part at a time;
- the concern form's management form ("number of children") with every odd value, with and
  without "Add another child".
`test_the_fuzzing_made_at_least_10000_requests` checks the sum when the file runs whole.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from django.db import transaction
from django.urls import get_resolver
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.records.test_authorisation_matrix import (  # noqa: F401 (world is a fixture)
    client_for,
    sample_path,
    walk,
    world,
)

pytestmark = pytest.mark.django_db

ROUTES = sorted(
    route for route, _name in walk(get_resolver().url_patterns) if not route.startswith("admin/")
)
REQUESTS: Counter[str] = Counter()

# Numbers and digits that are not what a date or a count expects.
HUGE_NUMBERS = [
    "99999999999999999999",  # 20 digits: OverflowError in date() before issue 8
    "9" * 25,
    "-" + "9" * 22,
    "1" + "0" * 40,
    "9" * 5000,  # longer than Python's int() limit for text
    "1e309",
    "1E3",
    "0x1F",
    "1_000",
    "+7",
    "-1",
    "0",
    "00",
    "32",
    "13",
    "10000",
    "7.5",
    "١٢",  # Arabic-Indic digits (int() accepts them)
    "１２",  # full-width digits
    "²",
    " 7 ",
    "NaN",
    "inf",
    "\x00",
]
ODD_TIMES = [
    "99999999999999999999:00",
    "12:" + "9" * 20,
    "9" * 20 + "pm",
    "25:00",
    "12:60",
    "-1:30",
    ":",
    "am",
    "12am",
    "１２:３０",
    "1e309",
    "12:30:99",
]

# Field names the forms use, so the fuzzer reaches their validation and not only the
# "missing field" branch; plus arbitrary names.
DATE_PREFIXES = [
    "when",
    "child-0-dob",
    "child-1-dob",
    "dob",
    "held",
    "made",
    "outcome_on",
    "deadline",
    "confirmed_on",
    "review_on",
    "seized",
    "handed",
    "returned",
    "from",
    "to",
]
FIELDS = [
    "email",
    "password",
    "token",
    "setting",
    "came_to_light",
    "account",
    "saw_image",
    "child-TOTAL_FORMS",
    "child-INITIAL_FORMS",
    "child-MIN_NUM_FORMS",
    "child-MAX_NUM_FORMS",
    "child-0-name",
    "child-0-known_as",
    "child-0-age",
    "child-0-year_group",
    "add_child",
    "version",
    "decision",
    "decision_reason",
    "differs_reason",
    "attendees",
    "adult_involvement",
    "adult_signs",
    "route",
    "contact_name",
    "crime_reference",
    "police_reference",
    "agreed",
    "outcome",
    "statement",
    "not_appropriate_reason",
    "indicators",
    "kind",
    "child",
    "owner",
    "status",
    "note",
    "place",
    "place_description",
    "platform",
    "service",
    "description",
    "access_details",
    "text",
    "outcome_summary",
    "out_of_scope",
    "name",
    "format",
    "show_other_names",
    "language",
    "next",
    "grant",
    "q1",
    "q2",
    "q3",
    "q4",
    "q5",
    "q6",
    "q7",
    *(f"{prefix}_{part}" for prefix in DATE_PREFIXES for part in ("day", "month", "year")),
    *(f"{prefix}_time" for prefix in ("when", "held", "made", "seized", "handed", "returned")),
]

hostile = st.sampled_from(
    [
        "",
        " ",
        "0",
        "-1",
        "99999999999999999999",
        "1e309",
        "NaN",
        "null",
        "true",
        "<script>alert(1)</script>",
        "' OR 1=1 --",
        "../../etc/passwd",
        "%00",
        "\x00",
        "\u202e\u0646\u200b",
        "😀" * 50,
        "a" * 30001,
        "2026-02-30",
        "31",
        "13",
        "1899",
        "data:image/png;base64,iVBORw0KGgo=",
        "{{ 7*7 }}",
        "%(name)s",
        "00000000-0000-0000-0000-000000000000",
        *HUGE_NUMBERS,
        *ODD_TIMES,
    ]
)
values = st.one_of(
    hostile,
    st.text(max_size=80),
    st.integers(-(10**6), 10**6).map(str),
    st.integers(min_value=10**18, max_value=10**40).map(str),
)
form_data = st.dictionaries(
    keys=st.one_of(st.sampled_from(FIELDS), st.text(min_size=1, max_size=12)),
    values=st.one_of(values, st.lists(values, max_size=3)),
    max_size=12,
)


def check(response: Any) -> None:
    assert response.status_code < 500, response.status_code
    body = response.content.decode("utf-8", "replace")
    assert "Traceback" not in body
    assert "django.core.exceptions" not in body


def send(client: Any, method: str, path: str, data: dict[str, Any], kind: str) -> Any:
    """One request, rolled back afterwards so the next one starts from the same world."""
    with transaction.atomic():
        if method == "GET":
            response = client.get(path, {k: v for k, v in data.items() if isinstance(v, str)})
        else:
            response = client.post(path, data)
        transaction.set_rollback(True)
    REQUESTS[kind] += 1
    check(response)
    return response


# --- random and hostile input to every URL, as seven roles -------------------------------

ROLES = ["anonymous", "staff", "dsp", "deputy", "leadership", "oversight", "admin"]
EXAMPLES_PER_ROLE = 1250


@pytest.mark.parametrize("role", ROLES)
def test_every_endpoint_survives_random_and_hostile_input(
    world: dict[str, Any],  # noqa: F811 (the matrix's fixture)
    role: str,
) -> None:
    client = client_for(role)

    @settings(
        max_examples=EXAMPLES_PER_ROLE,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(route=st.sampled_from(ROUTES), method=st.sampled_from(["GET", "POST"]), data=form_data)
    def fuzz(route: str, method: str, data: dict[str, Any]) -> None:
        send(client, method, sample_path(route, world), data, "random")

    fuzz()


ODD_URLS = 600


@settings(
    max_examples=ODD_URLS,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(path=st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60))
def test_unknown_and_odd_urls_are_plain_404s(client: Any, path: str) -> None:
    REQUESTS["odd_urls"] += 1
    check(client.get("/" + path.lstrip("/")))


# --- every date field: numbers too big for a date, odd digits, odd times ----------------

DATE_NAME = re.compile(r'name="([\w-]+)_(?:day|month|year)"')
TIME_NAME = re.compile(r'name="([\w-]+)_time"')


def _date_forms(
    world: dict[str, Any],  # noqa: F811
    clients: dict[str, Any],
) -> list[tuple[str, str, list[str], list[str]]]:
    """(role, path, date prefixes, time prefixes) of every page that shows a date input,
    as the roles that fill them in, with the incident before and during its initial
    review and a deletion action (whose completion asks for a date)."""
    from tests.factories import ActionFactory, demo_person
    from ymateb.incidents.models import Action, Incident

    deletion = ActionFactory(
        incident=world["incident"],
        kind=Action.Kind.DELETION,
        child=world["child"],
        owner=demo_person("dsp@example.org"),
        details={"place": "cloud_backup", "description": "", "reminded": False},
    )
    passes = [("reported", world), ("initial_review", {**world, "action_id": deletion.pk})]
    found: dict[tuple[str, str], tuple[list[str], list[str]]] = {}
    for state, variant in passes:
        Incident.objects.filter(pk=world["incident_id"]).update(state=state)
        for role, client in clients.items():
            for route in ROUTES:
                path = sample_path(route, variant)
                if (role, path) in found:
                    continue
                response = client.get(path)
                html = response.content.decode("utf-8", "replace")
                dates = sorted(set(DATE_NAME.findall(html)))
                if dates:
                    times = sorted(set(TIME_NAME.findall(html)))
                    found[(role, path)] = (dates, times)
    Incident.objects.filter(pk=world["incident_id"]).update(state="initial_review")
    return [(role, path, d, t) for (role, path), (d, t) in sorted(found.items())]


def _prefixes_in_the_source() -> set[str]:
    """Every date prefix the forms read (read_date / _moment / date_input with a literal)."""
    root = Path(__file__).resolve().parents[2] / "src" / "ymateb"
    literal = re.compile(
        r"""(?:read_date|_moment)\(\s*\w+,\s*["']([\w-]+)["']|"""
        r"""date_input\([^,()]+,\s*["']([\w-]+)["']"""
    )
    found: set[str] = set()
    for file in [*root.rglob("*.py"), *root.rglob("*.html")]:
        for match in literal.finditer(file.read_text(encoding="utf-8")):
            found.add(match.group(1) or match.group(2))
    found.discard("prefix")
    return found | {"child-0-dob", "seized", "handed", "returned"}


def test_every_date_field_survives_huge_numbers_and_odd_digits(
    world: dict[str, Any],  # noqa: F811
) -> None:
    """Issue 8: a day, month, year or time of 20 digits was a 500 (OverflowError)."""
    # Signed in once per role: a second sign-in in the same 30 seconds would reuse the code.
    clients = {role: client_for(role) for role in ("staff", "dsp", "admin")}
    forms = _date_forms(world, clients)
    covered = {prefix for _role, _path, dates, _times in forms for prefix in dates}
    missing = _prefixes_in_the_source() - covered
    assert missing == set(), f"date fields no page showed (extend _date_forms): {missing}"
    for role, path, dates, times in forms:
        client = clients[role]
        valid = {
            f"{p}_{part}": v
            for p in dates
            for part, v in (("day", "1"), ("month", "1"), ("year", "2020"))
        }
        for part in ("day", "month", "year"):
            for value in HUGE_NUMBERS:
                data = {**valid, **{f"{p}_{part}": value for p in dates}}
                send(client, "POST", path, data, "dates")
        for value in ODD_TIMES:
            send(client, "POST", path, {**valid, **{f"{p}_time": value for p in times}}, "dates")


#: The concern form's fields for one child, Cai, as the form first sends them.
ONE_CHILD_NAMED_CAI = {"child-TOTAL_FORMS": "1", "child-INITIAL_FORMS": "0", "child-0-name": "Cai"}


def concern_page_in(language: str, client: Any, data: dict[str, Any], kind: str) -> str:
    """The concern form posted with `data` by someone reading in `language`: the page it
    gives back (a 200, the form again) as HTML."""
    client.cookies["django_language"] = language
    response = send(client, "POST", "/concerns/new/", data, kind)
    assert response.status_code == 200, language
    return response.content.decode()


def test_a_twenty_digit_date_is_refused_with_a_message_in_both_languages(
    world: dict[str, Any],  # noqa: F811
) -> None:
    from ymateb.incidents.models import Incident

    client = client_for("staff")
    before = Incident.objects.count()
    data = {
        **ONE_CHILD_NAMED_CAI,
        "came_to_light": "child_told",
        "when_day": "1",
        "when_month": "1",
        "when_year": "99999999999999999999",
        "when_time": "99999999999999999999:00",
        "account": "Words",
    }
    for language, message in (
        ("en", "The date must be a real date"),
        ("cy", "Rhaid i'r dyddiad fod yn ddyddiad go iawn"),
    ):
        html = concern_page_in(language, client, data, "dates")
        assert message in html.replace("&#39;", "'").replace("&#x27;", "'"), language
    assert Incident.objects.count() == before


# --- the concern form's management form ("number of children") --------------------------

MANAGEMENT_VALUES = [
    *HUGE_NUMBERS,
    "",
    "abc",
    "1.0",
    "3 ",
    "29",
    "30",
    "31",
    "1000",
    "<script>",
    "[]",
]


def test_the_number_of_children_survives_any_value(world: dict[str, Any]) -> None:  # noqa: F811
    """Issue 8: a non-numeric "number of children" sent with "Add another child" was a 500."""
    for role in ("staff", "dsp"):
        client = client_for(role)
        # The count the view reads itself, as both roles; the others, which only Django's
        # formset reads, as staff.
        names = ["child-TOTAL_FORMS"]
        if role == "staff":
            names += ["child-INITIAL_FORMS", "child-MAX_NUM_FORMS"]
        for name in names:
            for value in MANAGEMENT_VALUES:
                for add in (True, False):
                    data = {**ONE_CHILD_NAMED_CAI, name: value}
                    if add:
                        data["add_child"] = "1"
                    send(client, "POST", "/concerns/new/", data, "management_form")


def test_add_another_child_with_a_broken_count_says_so_in_both_languages(
    world: dict[str, Any],  # noqa: F811
) -> None:
    client = client_for("staff")
    for language, message in (
        ("en", "The list of children was not sent correctly"),
        ("cy", "Ni chafodd y rhestr o blant ei hanfon yn gywir"),
    ):
        html = concern_page_in(
            language,
            client,
            {"child-TOTAL_FORMS": "abc", "child-0-name": "Cai", "add_child": "1"},
            "management_form",
        )
        assert message in html, language
        assert 'name="child-0-name"' in html and 'value="Cai"' in html  # what was typed stays
    # 30 rows is the most: "Add another child" then says so instead of adding a 31st.
    response = send(
        client,
        "POST",
        "/concerns/new/",
        {"child-TOTAL_FORMS": "30", "add_child": "1"},
        "management_form",
    )
    assert 'name="child-29-name"' in response.content.decode()
    assert 'name="child-30-name"' not in response.content.decode()


def test_the_fuzzing_made_at_least_10000_requests() -> None:
    """Runs last (file order): the sum over the tests above, when the file runs whole."""
    planned = len(ROLES) * EXAMPLES_PER_ROLE + ODD_URLS
    assert planned + REQUESTS["dates"] + REQUESTS["management_form"] >= 10_000 or not REQUESTS
    if REQUESTS["random"]:
        print(f"fuzzing requests: {dict(REQUESTS)}, total {sum(REQUESTS.values())}")
        if REQUESTS["random"] == len(ROLES) * EXAMPLES_PER_ROLE:
            assert sum(REQUESTS.values()) >= 10_000
