"""The engine's extra helpers for the web app: support by role, parents' advice, Hackett's
continuum, the signs checklists and the review and risk-assessment questions."""

from __future__ import annotations

import pytest

from tests.rules.support import guidance_text
from ymateb.rules import (
    ADULT_SIGNS,
    CONTINUUM_LEVELS,
    IMMEDIATE_REFERRAL_QUESTIONS,
    INDICATORS,
    QUESTION_PROMPTS,
    RISK_ASSESSMENT_QUESTIONS,
    RULES,
    adult_signs,
    continuum_checks,
    facts_from_dict,
    indicators_for,
    parent_advice,
    parent_advice_for_roles,
    parent_scenarios_for_roles,
    place_on_continuum,
    support_groups,
    support_points,
)
from ymateb.rules.content import (
    PARENT_SCENARIOS,
    SUPPORT_GROUPS,
    ParentScenario,
    support_points_for_group,
)
from ymateb.rules.facts import ADULT_SIGN_CODES
from ymateb.rules.registry import TRIGGER_CODES

# --- Supporting the children or young people involved ------------------------------------------


def test_r145_pictured_child_gets_the_image_shared_points() -> None:
    """R-145, R-146: whose image was shared."""
    points = [p.code for p in support_points(["pictured", "creator", "sender"])]
    assert support_groups(["pictured", "creator", "sender"]) == ["everyone", "image_shared"]
    assert "report_remove_take_it_down" in points
    assert "delete_own_uploads" in points
    assert "where_it_went" not in points


def test_r147_recipient_gets_the_sent_image_points() -> None:
    """R-147, R-148: who was sent one."""
    assert support_groups(["recipient"]) == ["everyone", "sent_image"]
    assert support_groups(["possessor"]) == ["everyone", "sent_image"]
    points = [p.code for p in support_points(["recipient"])]
    assert {"who_sent_it", "do_not_share_further", "report_and_delete"} <= set(points)


def test_r149_sharer_gets_the_shared_another_points() -> None:
    """R-149, R-150: who shared another's image."""
    assert support_groups(["recipient", "sharer"]) == ["everyone", "sent_image", "shared_another"]
    points = [p.code for p in support_points(["sharer"])]
    assert {"asked_or_unrequested", "agree_take_down", "always_wrong_to_share"} <= set(points)


def test_r151_creator_of_another_childs_image_including_ai() -> None:
    """R-151, R-142: who created (including with AI) and shared another's image."""
    assert support_groups(["creator", "sharer"]) == [
        "everyone",
        "shared_another",
        "created_another",
    ]
    points = [p.code for p in support_points(["creator", "sender"])]
    assert "law_covers_ai_images" in points
    assert "take_down_everywhere" in points
    # A child who made an image of themselves is not 'creator of another's'.
    assert "created_another" not in support_groups(["pictured", "creator"])


def test_r142_ai_reassurance_for_the_pictured_child() -> None:
    """R-142: an AI-made image of them is treated like any other."""
    codes = [p.code for p in support_points(["pictured"], ai_generated=True)]
    assert "ai_image_treated_the_same" in codes
    assert "ai_image_treated_the_same" not in [p.code for p in support_points(["pictured"])]


def test_r141_every_child_gets_the_non_victim_blaming_points() -> None:
    """R-139, R-140, R-141, R-143, R-144: the points for every child."""
    for roles in (["pictured"], ["recipient"], ["sharer"], []):
        codes = [p.code for p in support_points(roles)]
        assert codes[:6] == [p.code for p in support_points_for_group("everyone")]
    prompts = {p.code: p for p in QUESTION_PROMPTS}
    assert prompts["describe_what_happened"].text == "Describe what happened."
    assert prompts["explain_who_was_involved"].text == "Explain to me who was involved."
    assert "Why have you done this?" in prompts["avoid_why_questions"].text


def test_support_points_have_no_duplicates_and_reject_unknown_roles() -> None:
    codes = [p.code for p in support_points(["sharer", "creator"])]
    assert len(codes) == len(set(codes))
    with pytest.raises(ValueError, match="viewer"):
        support_points(["viewer"])


# --- Supporting parents and carers --------------------------------------------------------------


def test_r185_r188_advice_for_every_parent() -> None:
    """R-185, R-186, R-187, R-188."""
    codes = [a.code for a in parent_advice("all")]
    assert {
        "listen_and_reassure",
        "kept_updated",
        "support_for_their_child",
        "ceop_if_grooming",
    } <= set(codes)
    assert any("999" in a.text and "999" in a.text_cy for a in parent_advice("all"))


@pytest.mark.parametrize(
    "roles,scenarios",
    [
        (["pictured"], ["all", "lost_control"]),
        (["recipient"], ["all", "was_sent"]),
        (["sharer"], ["all", "created_or_shared"]),
        (["creator", "sender"], ["all", "created_or_shared"]),
        (["pictured", "creator", "sender"], ["all", "lost_control"]),
        (["recipient", "sharer"], ["all", "was_sent", "created_or_shared"]),
    ],
)
def test_r189_r191_parent_scenarios_by_role(
    roles: list[str], scenarios: list[ParentScenario]
) -> None:
    """R-189, R-190, R-191, R-192: advice by scenario."""
    assert parent_scenarios_for_roles(roles) == scenarios
    advice = parent_advice_for_roles(roles)
    assert len(advice) == sum(len(parent_advice(s)) for s in scenarios)


def test_r192_created_or_shared_pack_points_to_specialist_help() -> None:
    codes = [a.code for a in parent_advice("created_or_shared")]
    assert codes[0] == "stay_calm"
    assert "sexual_behaviour_help" in codes
    assert "use_report_remove" in [a.code for a in parent_advice("lost_control")]
    assert "stop_or_block_sender" in [a.code for a in parent_advice("was_sent")]


# --- Distinguishing between normal and abnormal sexual behaviour ---------------------------------


def test_r069_five_levels_in_order() -> None:
    """R-069..R-074: the five lost headings, in the guidance's order."""
    assert [level.code for level in CONTINUUM_LEVELS] == [
        "normal",
        "inappropriate",
        "problematic",
        "abusive",
        "violent",
    ]
    assert [len(indicators_for(level.code)) for level in CONTINUUM_LEVELS] == [4, 4, 6, 6, 4]


def test_r070_r074_highest_level_placed_and_the_indicators_that_placed_it() -> None:
    placement = place_on_continuum(
        ["developmentally_expected", "consent_issues_unclear", "compulsivity"]
    )
    assert placement.level == "problematic"
    assert placement.indicators == ("consent_issues_unclear", "compulsivity")
    assert place_on_continuum(["sadism", "intrusive"]).level == "violent"
    assert place_on_continuum(["socially_acceptable"]).level == "normal"
    assert place_on_continuum(["accepted_by_peers"]).level == "inappropriate"
    assert place_on_continuum(["misuse_of_power"]).level == "abusive"
    assert place_on_continuum([]).level is None
    with pytest.raises(ValueError, match="nonsense"):
        place_on_continuum(["nonsense"])


def test_r072_problematic_asks_for_content_and_consent() -> None:
    """R-072: choosing 'problematic' asks the two questions if unknown."""
    facts = facts_from_dict({"children": [{"ref": "A"}]})
    checks = continuum_checks("problematic", facts)
    assert checks[0].facts_to_answer == (
        "content_unusual_for_developmental_stage",
        "capacity_to_consent_concern",
    )


def test_r073_abusive_with_all_matching_facts_no_is_inconsistent() -> None:
    """R-073."""
    facts = facts_from_dict(
        {
            "children": [{"ref": "A"}],
            "coercion": False,
            "intent_to_harm": False,
            "capacity_to_consent_concern": False,
        }
    )
    checks = continuum_checks("abusive", facts)
    assert [c.code for c in checks] == ["abusive_but_no_coercion_intent_or_consent_concern"]
    assert checks[0].inconsistent
    assert continuum_checks("abusive", facts_from_dict({"children": [{"ref": "A"}]})) == []


def test_r074_violent_requires_answers_and_flags_handling_in_the_setting() -> None:
    """R-074."""
    facts = facts_from_dict({"children": [{"ref": "A"}]})
    checks = continuum_checks("violent", facts, handling_in_setting=True)
    assert [c.code for c in checks] == [
        "violent_answer_intent_and_violence",
        "violent_but_handled_in_setting",
    ]
    assert checks[0].facts_to_answer == ("intent_to_harm", "content_violent")
    assert checks[1].inconsistent


# --- Assessing adult-involved incidents ----------------------------------------------------------


def test_r053_r064_signs_checklist_uses_the_contract_codes() -> None:
    """R-053..R-064: each sign once, marked with the lists it belongs to."""
    assert tuple(sign.code for sign in ADULT_SIGNS) == ADULT_SIGN_CODES
    sexual = {s.code for s in adult_signs("sexually_motivated")}
    financial = {s.code for s in adult_signs("financially_motivated")}
    assert "offered_money_or_gifts" in sexual - financial
    assert {"hacked_peer_account", "told_they_were_hacked", "asked_for_money_or_bank_details"} <= (
        financial - sexual
    )
    assert {"unknown_account_posing_as_peer", "moved_to_private_or_e2ee"} <= sexual & financial
    asks = {s.code: s.asks for s in ADULT_SIGNS}
    assert asks["pressured_or_coerced"] == "coercion"
    assert asks["threatened_or_blackmailed"] == "blackmail"
    assert asks["asked_for_money_or_bank_details"] == "financial_demand"


# --- Initial review meeting / Assessing the risks -------------------------------------------------


def test_r097_five_immediate_referral_questions_match_the_triggers() -> None:
    assert tuple(q.code for q in IMMEDIATE_REFERRAL_QUESTIONS) == TRIGGER_CODES
    for question in IMMEDIATE_REFERRAL_QUESTIONS:
        assert question.section == "Initial review meeting"
        assert len(question.prompts) == len(question.prompts_cy)
    risk = next(q for q in IMMEDIATE_REFERRAL_QUESTIONS if q.code == "immediate_risk_of_harm")
    assert any("self-harming" in p for p in risk.prompts)


def test_r121_r128_seven_risk_assessment_questions() -> None:
    """R-122..R-128: the seven questions of 'Assessing the risks'."""
    assert len(RISK_ASSESSMENT_QUESTIONS) == 7
    assert all(q.section == "Assessing the risks" for q in RISK_ASSESSMENT_QUESTIONS)
    requirements = [r for q in RISK_ASSESSMENT_QUESTIONS for r in q.requirements]
    assert requirements == [f"R-{n}" for n in range(122, 129)]


# --- every item: codes unique, both languages, sections that are guidance headings ---------------


def _all_items() -> list[tuple[str, str, str, str]]:
    items: list[tuple[str, str, str, str]] = []
    for group in SUPPORT_GROUPS:
        items += [(p.code, p.section, p.text, p.text_cy) for p in support_points_for_group(group)]
    for scenario in PARENT_SCENARIOS:
        items += [(a.code, a.section, a.text, a.text_cy) for a in parent_advice(scenario)]
    items += [(s.code, s.section, s.label, s.label_cy) for s in ADULT_SIGNS]
    items += [(i.code, i.section, i.label, i.label_cy) for i in INDICATORS.values()]
    for q in (*IMMEDIATE_REFERRAL_QUESTIONS, *RISK_ASSESSMENT_QUESTIONS):
        items.append((q.code, q.section, q.question, q.question_cy))
    items += [(p.code, p.section, p.text, p.text_cy) for p in QUESTION_PROMPTS]
    items += [(r.code, r.section, r.explanation, r.explanation_cy) for r in RULES.values()]
    return items


def test_every_item_is_bilingual() -> None:
    for code, section, text, text_cy in _all_items():
        assert code and section and text and text_cy, code
        assert text != text_cy, code


def test_r089_every_section_is_an_exact_guidance_heading() -> None:
    """R-089: sections are the exact heading text of the guidance."""
    text = guidance_text()
    if text is None:
        pytest.skip("guidance text not available (set YMATEB_GUIDANCE_TEXT)")
    headings = {line.strip() for line in text.splitlines()}
    for code, section, _, _ in _all_items():
        assert section in headings, f"{code}: {section!r}"
