"""The guidance's own case studies ("Case studies"), with the outputs decision-contract.md fixes.

Each input is written out in full, in the contract's form, so the tests also document what a DSP
would have recorded.
"""

from __future__ import annotations

from typing import Any

from tests.rules.support import codes, decide

CASE_STUDY_A: dict[str, Any] = {
    "children": [
        {
            "ref": "girl",
            "age": 16,
            "roles": ["pictured", "creator"],
            "has_social_worker": False,
            "additional_learning_needs": False,
            "informing_parents_would_put_at_risk": False,
        },
        {
            "ref": "boy",
            "age": 16,
            "roles": ["pictured", "creator", "possessor", "sharer"],
            "has_social_worker": False,
            "additional_learning_needs": False,
            "informing_parents_would_put_at_risk": False,
        },
    ],
    "adult_involvement": "none",
    "adult_signs": [],
    "coercion": False,
    "blackmail": False,
    "grooming": False,
    "financial_demand": False,
    "capacity_to_consent_concern": False,
    "content_sexual_acts": True,
    "content_unusual_for_developmental_stage": False,
    "content_violent": False,
    "immediate_risk_of_harm": False,
    "intent_to_harm": False,
    "profit_motive": False,
    "persistent_behaviour": False,
    "shared_without_consent": True,
    "shared_beyond_intended_recipient": True,
    "shared_online": False,
    "in_relationship": True,
    "self_only_no_sharing": False,
    "ai_generated_or_manipulated": False,
    "imagery_on_devices_suspected": True,
}

CASE_STUDY_B: dict[str, Any] = {
    "children": [
        {
            "ref": "girl",
            "age": 12,
            "roles": ["pictured", "creator", "sender"],
            "has_social_worker": False,
            "additional_learning_needs": True,
            "informing_parents_would_put_at_risk": False,
        },
        {
            "ref": "boy",
            "age": 12,
            "roles": ["recipient"],
            "has_social_worker": False,
            "additional_learning_needs": False,
            "informing_parents_would_put_at_risk": False,
        },
    ],
    "adult_involvement": "unknown",
    "adult_signs": ["unknown_account_posing_as_peer", "threatened_or_blackmailed"],
    "coercion": False,
    "blackmail": True,
    "grooming": None,
    "financial_demand": False,
    "capacity_to_consent_concern": True,
    "content_sexual_acts": False,
    "content_unusual_for_developmental_stage": False,
    "content_violent": False,
    "immediate_risk_of_harm": False,
    "intent_to_harm": None,
    "profit_motive": False,
    "persistent_behaviour": None,
    "shared_without_consent": None,
    "shared_beyond_intended_recipient": None,
    "shared_online": None,
    "in_relationship": False,
    "self_only_no_sharing": False,
    "ai_generated_or_manipulated": False,
    "imagery_on_devices_suspected": True,
}


def test_r130_case_study_a_is_handled_in_the_setting() -> None:
    """R-130: two 16-year-olds, video shown to friends without consent, no intent to harm."""
    result = decide(CASE_STUDY_A)
    assert result["immediate_referral"] is False
    assert result["triggers"] == []
    assert result["referral_required"] is False
    assert result["in_setting_handling_allowed"] is True
    assert result["missing_facts"] == []
    assert result["typology"] == "aggravated.youth.reckless_misuse"
    assert result["parents"] == {"girl": "inform", "boy": "inform"}
    assert result["device_action"] == "request_deletion_with_deadline"
    assert result["if_not_referred"] == ["record_reason", "leadership_signoff"]
    assert result["inform_social_services"] is False
    assert "in_setting_handling_allowed" in codes(result)
    assert "decision_not_to_refer_needs_reason_and_signoff" in codes(result)


def test_r130_case_study_a_with_only_the_trigger_facts_recorded() -> None:
    """R-130, R-104: the facts that matter for handling in the setting are the trigger facts."""
    minimal = {
        "children": [
            {"ref": "girl", "age": 16, "roles": ["pictured"]},
            {"ref": "boy", "age": 16, "roles": ["pictured", "sharer"]},
        ],
        "adult_involvement": "none",
        "coercion": False,
        "blackmail": False,
        "grooming": False,
        "capacity_to_consent_concern": False,
        "content_sexual_acts": True,
        "content_unusual_for_developmental_stage": False,
        "content_violent": False,
        "immediate_risk_of_harm": False,
        "shared_without_consent": True,
        "in_relationship": True,
        "imagery_on_devices_suspected": True,
    }
    result = decide(minimal)
    assert result["in_setting_handling_allowed"] is True
    assert result["typology"] == "aggravated.youth.reckless_misuse"
    assert result["device_action"] == "request_deletion_with_deadline"
    assert "intent_to_harm" in result["facts_to_confirm"]


def test_r132_case_study_b_is_an_immediate_referral() -> None:
    """R-132, R-098, R-099, R-100, R-102: blackmailed 12-year-old with learning difficulties."""
    result = decide(CASE_STUDY_B)
    assert result["immediate_referral"] is True
    assert result["triggers"] == ["adult_involvement", "coercion_blackmail_grooming_or_consent"]
    assert "sexual_acts_under_13" not in result["triggers"]
    assert result["referral_required"] is True
    assert result["in_setting_handling_allowed"] is False
    assert result["typology"] == "aggravated.adult.sexually_motivated"
    assert result["adult_involvement_effective"] == "suspected"
    assert result["device_action"] == "do_not_delete_seize_and_retain"
    assert result["capacity_to_consent_must_be_answered"] is True
    assert result["parents"] == {"girl": "inform", "boy": "inform"}
    assert result["report_to_nca_ceop_recommended"] is True
    assert result["under_13_involved"] is True
    assert {
        "adult_signs_count_as_suspected",
        "adult_involvement",
        "coercion_blackmail_grooming_or_consent",
        "typology.aggravated.adult.sexually_motivated",
        "under_13_wider_concern",
    } <= set(codes(result))


def test_r132_case_study_b_without_the_consent_question_answered() -> None:
    """R-100, R-097: blackmail alone keeps the trigger; capacity to consent stays a question."""
    data = dict(CASE_STUDY_B, capacity_to_consent_concern=None)
    result = decide(data)
    assert result["triggers"] == ["adult_involvement", "coercion_blackmail_grooming_or_consent"]
    assert "capacity_to_consent_concern" in result["missing_facts"]
    assert result["capacity_to_consent_must_be_answered"] is True
