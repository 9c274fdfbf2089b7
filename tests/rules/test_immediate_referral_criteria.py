"""Initial review meeting: the five immediate-referral criteria, alone and in combination.

"An immediate referral to police or social services ... should be made if at this initial
stage" any of the five holds (R-097). Each test starts from an incident where every fact that
could turn a trigger on is known and negative, so only the facts under test change.
"""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from tests.rules.support import codes, decide, incident

TRIGGER_ORDER = [
    "adult_involvement",
    "coercion_blackmail_grooming_or_consent",
    "unusual_or_violent_content",
    "sexual_acts_under_13",
    "immediate_risk_of_harm",
]

#: One way of turning each trigger on.
TURN_ON: dict[str, dict[str, Any]] = {
    "adult_involvement": {"adult_involvement": "confirmed"},
    "coercion_blackmail_grooming_or_consent": {"coercion": True},
    "unusual_or_violent_content": {"content_violent": True},
    "sexual_acts_under_13": {"content_sexual_acts": True},
    "immediate_risk_of_harm": {"immediate_risk_of_harm": True},
}

YOUNG_CHILD = [{"ref": "A", "age": 12, "roles": ["pictured", "creator", "sender"]}]
OLDER_CHILD = [{"ref": "A", "age": 15, "roles": ["pictured", "creator", "sender"]}]


def _with(triggers: tuple[str, ...]) -> dict[str, Any]:
    facts: dict[str, Any] = {}
    for trigger in triggers:
        facts.update(TURN_ON[trigger])
    children = YOUNG_CHILD if "sexual_acts_under_13" in triggers else OLDER_CHILD
    return incident(children, **facts)


def _assert_referral(result: dict[str, Any], expected: list[str]) -> None:
    assert result["triggers"] == expected
    assert result["immediate_referral"] is True
    assert result["referral_required"] is True
    assert result["in_setting_handling_allowed"] is False
    for trigger in expected:
        reason = next(r for r in result["reasons"] if r["code"] == trigger)
        assert reason["section"] == "Initial review meeting"
        assert "R-097" in reason["requirements"]


def test_r104_no_trigger_and_everything_known_allows_handling_in_the_setting() -> None:
    """R-104, R-021: none of the five applies and nothing is unknown."""
    result = decide(incident(OLDER_CHILD))
    assert result["triggers"] == []
    assert result["immediate_referral"] is False
    assert result["in_setting_handling_allowed"] is True


@pytest.mark.parametrize(
    "facts",
    [
        {"adult_involvement": "confirmed"},
        {"adult_involvement": "suspected"},
        {"adult_involvement": "unknown", "adult_signs": ["moved_to_private_or_e2ee"]},
        {"adult_involvement": None, "adult_signs": ["hacked_peer_account"]},
    ],
    ids=["confirmed", "suspected", "unknown-with-sign", "null-with-sign"],
)
def test_r098_r050_adult_involvement_alone(facts: dict[str, Any]) -> None:
    """R-098, R-050, R-051: an adult, confirmed or suspected, is an immediate referral."""
    data = incident(OLDER_CHILD)
    data.update(facts)
    _assert_referral(decide(data), ["adult_involvement"])


@pytest.mark.parametrize(
    "fact", ["coercion", "blackmail", "grooming", "capacity_to_consent_concern"]
)
def test_r099_coercion_blackmail_grooming_or_consent_alone(fact: str) -> None:
    """R-099: each of coercion, blackmail, grooming and a consent concern is enough."""
    result = decide(incident(OLDER_CHILD, **{fact: True}))
    _assert_referral(result, ["coercion_blackmail_grooming_or_consent"])
    reason = next(
        r for r in result["reasons"] if r["code"] == "coercion_blackmail_grooming_or_consent"
    )
    assert reason["facts"] == [fact]


@pytest.mark.parametrize("fact", ["content_unusual_for_developmental_stage", "content_violent"])
def test_r101_unusual_or_violent_content_alone(fact: str) -> None:
    """R-101: content unusual for the developmental stage, or violent."""
    _assert_referral(decide(incident(OLDER_CHILD, **{fact: True})), ["unusual_or_violent_content"])


def test_r102_sexual_acts_and_a_pictured_child_under_13() -> None:
    """R-102: sexual acts and any child in the image under 13."""
    _assert_referral(
        decide(incident(YOUNG_CHILD, content_sexual_acts=True)), ["sexual_acts_under_13"]
    )


def test_r102_sexual_acts_with_a_child_of_13_is_not_this_trigger() -> None:
    """R-102: 13 is not under 13."""
    children = [{"ref": "A", "age": 13, "roles": ["pictured"]}]
    result = decide(incident(children, content_sexual_acts=True))
    assert "sexual_acts_under_13" not in result["triggers"]
    assert result["in_setting_handling_allowed"] is True


def test_r102_under_13_without_sexual_acts_is_not_this_trigger() -> None:
    """R-102, R-067: age alone does not trigger a referral."""
    result = decide(incident(YOUNG_CHILD, content_sexual_acts=False))
    assert result["triggers"] == []
    assert result["in_setting_handling_allowed"] is True
    assert "under_13_wider_concern" in codes(result)


def test_r102_only_children_in_the_image_count() -> None:
    """R-102: a 12-year-old recipient is not 'in the image' when a 15-year-old is pictured."""
    children = [
        {"ref": "A", "age": 15, "roles": ["pictured", "sender"]},
        {"ref": "B", "age": 12, "roles": ["recipient"]},
    ]
    result = decide(incident(children, content_sexual_acts=True))
    assert "sexual_acts_under_13" not in result["triggers"]


def test_r102_every_child_counts_when_none_is_marked_pictured() -> None:
    """R-102: with no child marked pictured, every child is treated as in the image."""
    children = [
        {"ref": "A", "age": 15, "roles": ["sender"]},
        {"ref": "B", "age": 12, "roles": ["recipient"]},
    ]
    result = decide(incident(children, content_sexual_acts=True))
    assert result["triggers"] == ["sexual_acts_under_13"]
    reason = next(r for r in result["reasons"] if r["code"] == "sexual_acts_under_13")
    assert reason["facts"] == ["content_sexual_acts", "children[1].age"]


def test_r102_a_child_with_unknown_roles_may_be_in_the_image() -> None:
    """R-102: roles not known yet could include 'pictured', so the child's age counts."""
    children = [
        {"ref": "A", "age": 15, "roles": ["pictured"]},
        {"ref": "B", "age": 11},
    ]
    result = decide(incident(children, content_sexual_acts=True))
    assert result["triggers"] == ["sexual_acts_under_13"]


def test_r103_immediate_risk_of_harm_alone() -> None:
    """R-103, R-088: a child presenting as suicidal or self-harming."""
    _assert_referral(
        decide(incident(OLDER_CHILD, immediate_risk_of_harm=True)), ["immediate_risk_of_harm"]
    )


COMBINATIONS = [
    combo
    for size in range(2, len(TRIGGER_ORDER) + 1)
    for combo in itertools.combinations(TRIGGER_ORDER, size)
]


@pytest.mark.parametrize("combo", COMBINATIONS, ids=["+".join(c) for c in COMBINATIONS])
def test_r097_criteria_in_combination_all_reported(combo: tuple[str, ...]) -> None:
    """R-097: every criterion that holds is reported, in the guidance's order, none dropped."""
    _assert_referral(decide(_with(combo)), list(combo))


def test_r097_reassuring_facts_never_cancel_a_trigger() -> None:
    """R-097, R-013: a relationship, no sharing and no intent do not cancel blackmail."""
    data = incident(
        OLDER_CHILD,
        blackmail=True,
        in_relationship=True,
        self_only_no_sharing=False,
        intent_to_harm=False,
        shared_without_consent=False,
        shared_online=False,
    )
    result = decide(data)
    assert result["triggers"] == ["coercion_blackmail_grooming_or_consent"]
    assert result["typology"] != "experimental.romantic"
