"""Scenario tests, one group per guidance section that governs the decision.

Each scenario is a contract input, the outputs it must produce, and the reason codes that must
fire (with the requirement IDs it proves). Like help-to-heat's eligibility scenarios, the names
follow the guidance's headings. A meta-test checks that every rule in the registry fires in at
least one scenario, so deleting any rule fails a test.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

import pytest

from tests.rules.support import CONTRACT_OUTPUT_FIELDS, child, codes, decide, incident
from ymateb.rules import RULES

TEEN = [child("A", 15, "pictured creator sender")]
TEEN_PAIR = [*TEEN, child("B", 15, "recipient possessor")]


@dataclass(frozen=True)
class Scenario:
    name: str
    requirements: tuple[str, ...]
    data: dict[str, Any]
    expected: dict[str, Any]
    fires: frozenset[str] = field(default_factory=frozenset)
    does_not_fire: frozenset[str] = field(default_factory=frozenset)
    #: The guidance section that governs the decision.
    section: str = ""


def s(
    name: str,
    requirements: str,
    data: dict[str, Any],
    expected: dict[str, Any],
    fires: tuple[str, ...] = (),
    does_not_fire: tuple[str, ...] = (),
) -> Scenario:
    return Scenario(
        name,
        tuple(requirements.split()),
        data,
        expected,
        frozenset(fires),
        frozenset(does_not_fire),
    )


def section(name: str, *scenarios: Scenario) -> list[Scenario]:
    """The scenarios whose decision that section of the guidance governs."""
    return [replace(scenario, section=name) for scenario in scenarios]


SCENARIOS: list[Scenario] = [
    *section(
        "Assessing adult-involved incidents",
        s(
            "sextortion_with_a_demand_for_money",
            "R-043 R-050 R-059 R-064 R-184",
            incident(
                TEEN,
                adult_involvement="unknown",
                adult_signs=["unknown_account_posing_as_peer", "asked_for_money_or_bank_details"],
                blackmail=True,
                financial_demand=True,
                imagery_on_devices_suspected=True,
            ),
            {
                "immediate_referral": True,
                "referral_required": True,
                "triggers": ["adult_involvement", "coercion_blackmail_grooming_or_consent"],
                "typology": "aggravated.adult.financially_motivated",
                "in_setting_handling_allowed": False,
                "device_action": "do_not_delete_seize_and_retain",
                "adult_involvement_effective": "suspected",
                "report_to_nca_ceop_recommended": True,
            },
            (
                "adult_signs_count_as_suspected",
                "adult_involvement",
                "typology.aggravated.adult.financially_motivated",
                "device_do_not_delete_seize_and_retain",
                "report_to_nca_ceop",
            ),
        ),
        s(
            "adult_involvement_unknown_with_no_signs_is_a_missing_fact",
            "R-039 R-051 R-090 R-112",
            incident(TEEN, adult_involvement="unknown"),
            {
                "missing_facts": ["adult_involvement"],
                "in_setting_handling_allowed": False,
                "immediate_referral": False,
                "triggers": [],
                "typology": None,
                "adult_involvement_effective": "unknown",
            },
            ("missing_facts", "typology.undetermined"),
            ("in_setting_handling_allowed",),
        ),
        s(
            "adult_involvement_absent_counts_as_unknown",
            "R-039 R-051",
            {
                k: v
                for k, v in incident(TEEN).items()
                if k not in ("adult_involvement", "adult_signs")
            },
            {"missing_facts": ["adult_involvement"], "in_setting_handling_allowed": False},
            ("missing_facts",),
        ),
        s(
            "adult_involvement_none_is_honoured_but_ticked_signs_are_flagged",
            "R-051",
            incident(TEEN, adult_involvement="none", adult_signs=["quickly_sexually_explicit"]),
            {"triggers": [], "in_setting_handling_allowed": True},
            ("signs_recorded_but_adult_involvement_none",),
            ("adult_involvement",),
        ),
    ),
    *section(
        "Financially motivated incidents – ‘sextortion’",
        s(
            "money_sign_alone_makes_it_financially_motivated",
            "R-064 R-059",
            incident(
                TEEN, adult_involvement="suspected", adult_signs=["asked_for_money_or_bank_details"]
            ),
            {
                "typology": "aggravated.adult.financially_motivated",
                "triggers": ["adult_involvement"],
            },
            ("typology.aggravated.adult.financially_motivated",),
        ),
        s(
            "ai_manipulated_image_used_to_extort",
            "R-060 R-011",
            incident(
                TEEN,
                adult_involvement="confirmed",
                blackmail=True,
                financial_demand=True,
                ai_generated_or_manipulated=True,
            ),
            {
                "typology": "aggravated.adult.financially_motivated",
                "triggers": ["adult_involvement", "coercion_blackmail_grooming_or_consent"],
            },
            ("ai_generated_treated_the_same",),
        ),
    ),
    *section(
        "Sexually motivated incidents",
        s(
            "confirmed_adult_seeking_images_is_sexually_motivated",
            "R-043 R-050 R-052",
            incident(TEEN, adult_involvement="confirmed", financial_demand=False),
            {
                "typology": "aggravated.adult.sexually_motivated",
                "immediate_referral": True,
                "adult_involvement_effective": "confirmed",
            },
            ("adult_involvement", "typology.aggravated.adult.sexually_motivated"),
            ("adult_signs_count_as_suspected",),
        ),
        s(
            "a_sign_that_contradicts_an_answer_is_flagged",
            "R-056 R-058",
            incident(
                TEEN,
                adult_involvement="unknown",
                adult_signs=["pressured_or_coerced", "threatened_or_blackmailed"],
                coercion=False,
                blackmail=False,
            ),
            {"triggers": ["adult_involvement"]},
            ("sign_contradicts_recorded_fact", "adult_signs_count_as_suspected"),
        ),
    ),
    *section(
        "Defining an incident",
        s(
            "youth_only_intent_to_harm_after_a_break_up",
            "R-044 R-022 R-012 R-038",
            incident(TEEN_PAIR, intent_to_harm=True, shared_without_consent=True),
            {
                "typology": "aggravated.youth.intent_to_harm",
                "immediate_referral": False,
                "referral_required": True,
                "in_setting_handling_allowed": False,
            },
            (
                "typology.aggravated.youth.intent_to_harm",
                "abusive_or_aggravating_factors",
                "non_consensual_sharing_offence",
            ),
        ),
        s(
            "youth_only_blackmail",
            "R-044 R-099",
            incident(TEEN_PAIR, blackmail=True),
            {
                "typology": "aggravated.youth.intent_to_harm",
                "triggers": ["coercion_blackmail_grooming_or_consent"],
            },
            ("typology.aggravated.youth.intent_to_harm",),
        ),
        s(
            "reckless_misuse_without_intent_to_harm",
            "R-045 R-123 R-130",
            incident(
                TEEN_PAIR,
                shared_without_consent=True,
                shared_beyond_intended_recipient=True,
                intent_to_harm=False,
            ),
            {
                "typology": "aggravated.youth.reckless_misuse",
                "referral_required": False,
                "in_setting_handling_allowed": True,
            },
            ("typology.aggravated.youth.reckless_misuse", "in_setting_handling_allowed"),
            ("abusive_or_aggravating_factors",),
        ),
        s(
            "romantic_images_kept_within_the_pair",
            "R-046 R-047",
            incident(
                TEEN_PAIR,
                in_relationship=True,
                shared_beyond_intended_recipient=False,
                shared_without_consent=False,
            ),
            {"typology": "experimental.romantic", "in_setting_handling_allowed": True},
            ("typology.experimental.romantic",),
        ),
        s(
            "romantic_images_shared_beyond_the_pair_with_consent",
            "R-047 R-048",
            incident(
                TEEN_PAIR,
                in_relationship=True,
                shared_beyond_intended_recipient=True,
                shared_without_consent=False,
            ),
            {"typology": "experimental.attention_seeking"},
            ("typology.experimental.attention_seeking",),
            ("typology.experimental.romantic",),
        ),
        s(
            "sexual_attention_seeking",
            "R-046 R-048",
            incident(TEEN_PAIR, in_relationship=False, shared_without_consent=False),
            {"typology": "experimental.attention_seeking", "in_setting_handling_allowed": True},
            ("typology.experimental.attention_seeking",),
        ),
        s(
            "image_kept_to_oneself",
            "R-049",
            incident([child("A", 14, "pictured creator possessor")], self_only_no_sharing=True),
            {"typology": "experimental.other"},
            ("typology.experimental.other",),
        ),
        s(
            "nine_year_old_self_image_with_no_sexual_motive",
            "R-049 R-067",
            incident([child("A", 9, "pictured creator sender")], content_sexual_acts=False),
            {"typology": "experimental.other", "in_setting_handling_allowed": True},
            ("typology.experimental.other", "under_13_wider_concern"),
        ),
        s(
            "ten_year_olds_are_not_pre_adolescent_in_the_typology",
            "R-049",
            incident([child("A", 10, "pictured creator sender")], content_sexual_acts=False),
            {"typology": "experimental.attention_seeking"},
            ("typology.experimental.attention_seeking",),
        ),
        s(
            "shared_beyond_the_recipient_with_consent_unknown_cannot_be_placed",
            "R-040 R-123",
            incident(TEEN_PAIR, shared_beyond_intended_recipient=True),
            {"typology": None},
            ("typology.undetermined",),
        ),
        s(
            "kept_to_oneself_but_recorded_as_shared_is_flagged",
            "R-049 R-123",
            incident(TEEN, self_only_no_sharing=True, shared_online=True),
            {},
            ("self_only_but_shared",),
        ),
    ),
    *section(
        "Sharing images: a form of control",
        s(
            "coercion_by_a_partner_is_not_romantic",
            "R-013 R-099",
            incident(TEEN_PAIR, coercion=True, in_relationship=True),
            {
                "typology": "aggravated.youth.intent_to_harm",
                "triggers": ["coercion_blackmail_grooming_or_consent"],
            },
            ("coercion_blackmail_grooming_or_consent",),
            ("typology.experimental.romantic",),
        ),
    ),
    *section(
        "Understanding motivations and behaviours",
        s(
            "ai_image_of_a_peer_made_to_humiliate",
            "R-037 R-011 R-022",
            incident(
                [child("A", 14, "pictured"), child("B", 14, "creator sharer")],
                ai_generated_or_manipulated=True,
                shared_without_consent=True,
                intent_to_harm=True,
                shared_online=True,
            ),
            {
                "typology": "aggravated.youth.intent_to_harm",
                "referral_required": True,
                "immediate_referral": False,
            },
            (
                "ai_generated_treated_the_same",
                "abusive_or_aggravating_factors",
                "contain_online_spread",
            ),
        ),
    ),
    *section(
        "The police response",
        s(
            "profit_motive_requires_referral_but_not_immediate",
            "R-022 R-025 R-038",
            incident(TEEN_PAIR, profit_motive=True),
            {
                "immediate_referral": False,
                "triggers": [],
                "referral_required": True,
                "in_setting_handling_allowed": False,
            },
            ("abusive_or_aggravating_factors",),
        ),
    ),
    *section(
        "Police decision",
        s(
            "persistent_behaviour_requires_referral",
            "R-022 R-025",
            incident(TEEN_PAIR, persistent_behaviour=True),
            {"immediate_referral": False, "referral_required": True},
            ("abusive_or_aggravating_factors",),
        ),
    ),
    *section(
        "Informing parents or carers",
        s(
            "parents_at_risk_are_referred_to_social_services",
            "R-152 R-153 R-128 R-095",
            incident(
                [
                    child("A", 15, "pictured", informing_parents_would_put_at_risk=True),
                    child("B", 15, "recipient"),
                ]
            ),
            {
                "parents": {"A": "refer_to_social_services", "B": "inform"},
                "referral_required": True,
                "immediate_referral": False,
                "in_setting_handling_allowed": False,
            },
            ("parents_informing_risk", "parents_inform"),
        ),
        s(
            "parents_are_informed_by_default",
            "R-152 R-095",
            incident(TEEN_PAIR),
            {"parents": {"A": "inform", "B": "inform"}},
            ("parents_inform",),
            ("parents_informing_risk",),
        ),
    ),
    *section(
        "Social services contact and referrals",
        s(
            "child_with_a_social_worker_means_informing_social_services",
            "R-083 R-156 R-155",
            incident(
                [
                    child("A", 15, "pictured", has_social_worker=True),
                    child("B", 15, "recipient", has_social_worker=False),
                ]
            ),
            {"inform_social_services": True, "in_setting_handling_allowed": True},
            ("inform_social_services",),
        ),
    ),
    *section(
        "Initial review meeting",
        s(
            "child_with_aln_and_capacity_to_consent_unknown",
            "R-100 R-090",
            incident(
                [child("A", 14, "pictured", additional_learning_needs=True)],
                capacity_to_consent_concern=None,
            ),
            {
                "capacity_to_consent_must_be_answered": True,
                "missing_facts": ["capacity_to_consent_concern"],
                "in_setting_handling_allowed": False,
            },
            ("capacity_to_consent_must_be_answered", "missing_facts"),
        ),
        s(
            "child_with_aln_and_capacity_to_consent_answered_no",
            "R-100 R-104",
            incident(
                [child("A", 14, "pictured", additional_learning_needs=True)],
                capacity_to_consent_concern=False,
            ),
            {
                "capacity_to_consent_must_be_answered": True,
                "missing_facts": [],
                "in_setting_handling_allowed": True,
            },
            ("capacity_to_consent_must_be_answered", "in_setting_handling_allowed"),
        ),
        s(
            "under_13_pictured_with_sexual_acts",
            "R-102 R-066",
            incident([child("A", 11, "pictured creator sender")], content_sexual_acts=True),
            {"triggers": ["sexual_acts_under_13"], "immediate_referral": True},
            ("sexual_acts_under_13", "under_13_wider_concern"),
        ),
        s(
            "sexual_acts_unknown_with_a_pictured_child_under_13",
            "R-102 R-090",
            incident([child("A", 12, "pictured")], content_sexual_acts=None),
            {"missing_facts": ["content_sexual_acts"], "in_setting_handling_allowed": False},
            ("missing_facts",),
        ),
        s(
            "sexual_acts_unknown_when_every_pictured_child_is_13_or_over",
            "R-102 R-104",
            incident(TEEN, content_sexual_acts=None),
            {"missing_facts": [], "in_setting_handling_allowed": True},
            ("in_setting_handling_allowed",),
        ),
        s(
            "ages_do_not_matter_when_there_are_no_sexual_acts",
            "R-102 R-125",
            incident([child("A", None, "pictured")], content_sexual_acts=False),
            {"missing_facts": [], "in_setting_handling_allowed": True},
            ("in_setting_handling_allowed",),
        ),
        s(
            "unusual_content_for_the_developmental_stage",
            "R-101",
            incident(TEEN, content_unusual_for_developmental_stage=True),
            {"triggers": ["unusual_or_violent_content"], "in_setting_handling_allowed": False},
            ("unusual_or_violent_content",),
        ),
        s(
            "child_presenting_as_self_harming",
            "R-103",
            incident(TEEN, immediate_risk_of_harm=True),
            {"triggers": ["immediate_risk_of_harm"]},
            ("immediate_risk_of_harm",),
        ),
        s(
            "grooming_by_anyone_is_a_trigger_and_goes_to_ceop",
            "R-099 R-184",
            incident(TEEN, grooming=True),
            {"triggers": ["coercion_blackmail_grooming_or_consent"]},
            ("coercion_blackmail_grooming_or_consent", "report_to_nca_ceop"),
        ),
    ),
    *section(
        "Avoiding unnecessary criminalisation of children and young people",
        s(
            "immediate_risk_of_harm_unanswered_is_missing",
            "R-018 R-088",
            incident(TEEN, immediate_risk_of_harm=None),
            {"missing_facts": ["immediate_risk_of_harm"], "in_setting_handling_allowed": False},
            ("missing_facts",),
        ),
    ),
    *section(
        "Assessing the risks",
        s(
            "sexual_acts_with_the_age_of_a_pictured_child_unknown",
            "R-125 R-065 R-102",
            incident(
                [child("A", None, "pictured"), child("B", 15, "recipient")],
                content_sexual_acts=True,
            ),
            {"missing_facts": ["children[0].age"], "in_setting_handling_allowed": False},
            ("missing_facts",),
        ),
    ),
    *section(
        "How to report online content to the police",
        s(
            "device_with_a_referral_is_seized_and_nothing_deleted",
            "R-116 R-029",
            incident(TEEN, intent_to_harm=True, imagery_on_devices_suspected=True),
            {"device_action": "do_not_delete_seize_and_retain", "referral_required": True},
            ("device_do_not_delete_seize_and_retain",),
        ),
    ),
    *section(
        "Viewing and deleting nudes and semi-nudes",
        s(
            "device_in_an_incident_handled_in_the_setting",
            "R-164 R-167 R-029",
            incident(TEEN, imagery_on_devices_suspected=True),
            {
                "device_action": "request_deletion_with_deadline",
                "in_setting_handling_allowed": True,
            },
            ("device_request_deletion_with_deadline",),
        ),
        s(
            "device_while_facts_are_missing_is_not_yet_decidable",
            "R-164 R-112",
            incident(TEEN, coercion=None, imagery_on_devices_suspected=True),
            {"device_action": None, "in_setting_handling_allowed": False},
            ("device_action_undecided",),
        ),
        s(
            "no_device_in_question",
            "R-164",
            incident(TEEN, intent_to_harm=True, imagery_on_devices_suspected=False),
            {"device_action": None},
            (),
            ("device_do_not_delete_seize_and_retain", "device_action_undecided"),
        ),
    ),
    *section(
        "Recording incidents",
        s(
            "a_decision_not_to_refer_needs_a_reason_and_sign_off",
            "R-175 R-176",
            incident(TEEN),
            {"if_not_referred": ["record_reason", "leadership_signoff"]},
            ("decision_not_to_refer_needs_reason_and_signoff",),
        ),
    ),
    *section(
        "Reporting nudes and semi-nudes online",
        s(
            "shared_online_needs_containment",
            "R-124 R-146",
            incident(TEEN, shared_online=True, shared_without_consent=False),
            {"in_setting_handling_allowed": True},
            ("contain_online_spread",),
        ),
    ),
    *section(
        "Age considerations",
        s(
            "under_13_without_sexual_acts_can_be_handled_in_the_setting",
            "R-066 R-067",
            incident(
                [child("A", 8, "pictured"), child("B", 8, "creator sharer")],
                content_sexual_acts=False,
                shared_without_consent=True,
            ),
            {
                "in_setting_handling_allowed": True,
                "under_13_involved": True,
                "typology": "aggravated.youth.reckless_misuse",
            },
            ("under_13_wider_concern",),
        ),
    ),
]


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[sc.name for sc in SCENARIOS])
def test_scenario(scenario: Scenario) -> None:
    """Each scenario's requirements are listed in SCENARIOS (R-IDs per scenario)."""
    result = decide(scenario.data)
    for key, value in scenario.expected.items():
        assert result[key] == value, f"{scenario.name}: {key}"
    fired = set(codes(result)) | {w["code"] for w in result["warnings"]}
    assert scenario.fires <= fired, f"{scenario.name}: missing {scenario.fires - fired}"
    assert not (scenario.does_not_fire & fired), f"{scenario.name}: unexpected reasons"


def test_every_rule_fires_in_some_scenario() -> None:
    """Deleting any rule of the registry fails a scenario: each code is asserted to fire."""
    asserted = set().union(*(sc.fires for sc in SCENARIOS))
    trigger_tests = {
        "adult_involvement",
        "coercion_blackmail_grooming_or_consent",
        "unusual_or_violent_content",
        "sexual_acts_under_13",
        "immediate_risk_of_harm",
    }
    assert set(RULES) - asserted - trigger_tests == set()
    assert trigger_tests <= asserted


def test_r089_every_reason_names_its_section_and_requirements() -> None:
    """R-089: each reason carries the guidance section it rests on, in both languages."""
    for scenario in SCENARIOS:
        result = decide(scenario.data)
        for reason in [*result["reasons"], *result["warnings"]]:
            rule = RULES[reason["code"]]
            assert reason["section"] == rule.section
            assert reason["explanation"] and reason["explanation_cy"]
            assert reason["requirements"]


#: The contract's output fields that make up the decision itself: all but whether social
#: services are told, what a decision not to refer needs, and the reasons (which name the AI).
DECISION_FIELDS = [
    name
    for name in CONTRACT_OUTPUT_FIELDS
    if name not in ("inform_social_services", "if_not_referred", "reasons")
]


def test_r011_ai_generated_never_lowers_a_recommendation() -> None:
    """R-011, R-060: the same facts with and without AI give the same decision."""
    for scenario in SCENARIOS:
        plain = decide(dict(scenario.data, ai_generated_or_manipulated=False))
        ai = decide(dict(scenario.data, ai_generated_or_manipulated=True))
        for key in DECISION_FIELDS:
            assert plain[key] == ai[key], f"{scenario.name}: {key}"
