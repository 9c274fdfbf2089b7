"""Hypothesis-driven fuzzing of every form and endpoint: odd, long, hostile and random
input, signed in and not, must never give a 500 or a stack trace (issue "Safeguarding
records", security checks)."""

from __future__ import annotations

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

# Field names the forms use, so the fuzzer reaches their validation and not only the
# "missing field" branch; plus arbitrary names.
FIELDS = [
    "email",
    "password",
    "token",
    "setting",
    "came_to_light",
    "when_day",
    "when_month",
    "when_year",
    "when_time",
    "account",
    "saw_image",
    "child-TOTAL_FORMS",
    "child-INITIAL_FORMS",
    "child-0-name",
    "child-0-age",
    "child-0-year_group",
    "child-0-dob_day",
    "child-0-dob_month",
    "child-0-dob_year",
    "add_child",
    "version",
    "decision",
    "decision_reason",
    "differs_reason",
    "held_day",
    "held_month",
    "held_year",
    "held_time",
    "attendees",
    "adult_involvement",
    "adult_signs",
    "route",
    "made_day",
    "made_month",
    "made_year",
    "made_time",
    "contact_name",
    "crime_reference",
    "agreed",
    "outcome",
    "outcome_day",
    "outcome_month",
    "outcome_year",
    "statement",
    "not_appropriate_reason",
    "indicators",
    "kind",
    "child",
    "owner",
    "deadline_day",
    "deadline_month",
    "deadline_year",
    "status",
    "note",
    "description",
    "access_details",
    "text",
    "outcome_summary",
    "out_of_scope",
    "review_on_day",
    "review_on_month",
    "review_on_year",
    "name",
    "dob_day",
    "dob_month",
    "dob_year",
    "format",
    "show_other_names",
    "language",
    "next",
    "q1",
    "q2",
    "q3",
    "q4",
    "q5",
    "q6",
    "q7",
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
    ]
)
values = st.one_of(hostile, st.text(max_size=80), st.integers(-(10**6), 10**6).map(str))
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


@pytest.mark.parametrize("role", ["anonymous", "staff", "dsp", "leadership"])
def test_every_endpoint_survives_random_and_hostile_input(
    world: dict[str, Any],  # noqa: F811 (the matrix's fixture)
    role: str,
) -> None:
    client = client_for(role)

    @settings(
        max_examples=350,
        deadline=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(route=st.sampled_from(ROUTES), method=st.sampled_from(["GET", "POST"]), data=form_data)
    def fuzz(route: str, method: str, data: dict[str, Any]) -> None:
        path = sample_path(route, world)
        with transaction.atomic():
            if method == "GET":
                response = client.get(path, {k: v for k, v in data.items() if isinstance(v, str)})
            else:
                response = client.post(path, data)
            transaction.set_rollback(True)
        check(response)

    fuzz()


@settings(
    max_examples=200,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(path=st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60))
def test_unknown_and_odd_urls_are_plain_404s(client: Any, path: str) -> None:
    response = client.get("/" + path.lstrip("/"))
    check(response)
