"""The decision engine: facts in, decision and reasons out (decision-contract.md).

Pure functions over immutable dataclasses. The engine is conservative: an unknown fact never
allows handling in the setting, and no reassuring fact ever cancels a trigger.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Final

from ymateb.rules.decision import (
    IF_NOT_REFERRED,
    RULES_VERSION,
    Decision,
    DeviceAction,
    EffectiveAdultInvolvement,
    ParentsAction,
    Reason,
)
from ymateb.rules.facts import (
    AGGRAVATING_FACTS,
    CHILD_FLAGS,
    INCIDENT_FLAGS,
    ChildFacts,
    IncidentFacts,
    Role,
)
from ymateb.rules.registry import RULES, TRIGGER_CODES

#: Incident facts whose unknown value can turn a trigger on (in the order they are listed).
_TRIGGER_ENABLING_FLAGS: Final[tuple[str, ...]] = (
    "coercion",
    "blackmail",
    "grooming",
    "capacity_to_consent_concern",
)
_CONTENT_FLAGS: Final[tuple[str, ...]] = (
    "content_unusual_for_developmental_stage",
    "content_violent",
    "immediate_risk_of_harm",
)
#: Youth-only facts that put an incident in "aggravated, youth only: intent to harm".
_YOUTH_INTENT_FACTS: Final[tuple[str, ...]] = (
    "intent_to_harm",
    "blackmail",
    "financial_demand",
    "coercion",
    "grooming",
    "profit_motive",
)
_MONEY_SIGN: Final = "asked_for_money_or_bank_details"
_SHARING_ROLES: Final[tuple[Role, ...]] = ("sender", "sharer", "recipient")


def _reason(code: str, facts: Iterable[str] = ()) -> Reason:
    return Reason(**asdict(RULES[code]), facts=tuple(facts))


def _flag(facts: IncidentFacts, name: str) -> bool | None:
    value: bool | None = getattr(facts, name)
    return value


def _child_flag(child: ChildFacts, name: str) -> bool | None:
    value: bool | None = getattr(child, name)
    return value


def _true(facts: IncidentFacts, names: Iterable[str]) -> list[str]:
    return [name for name in names if _flag(facts, name) is True]


def _unknown(facts: IncidentFacts, names: Iterable[str]) -> list[str]:
    return [name for name in names if _flag(facts, name) is None]


def effective_adult_involvement(facts: IncidentFacts) -> EffectiveAdultInvolvement:
    """Adult involvement as the rules use it: ``unknown`` with any sign counts as suspected."""
    value = facts.adult_involvement
    if value in ("suspected", "confirmed", "none"):
        return value
    return "suspected" if facts.signs else "unknown"


def children_in_image(facts: IncidentFacts) -> list[int]:
    """Indexes of the children who are, or may be, in the image.

    The children with role ``pictured``; every child when none is marked pictured. A child whose
    roles are not known yet may be pictured, so is included too (conservative).
    """
    indexes = [
        i
        for i, child in enumerate(facts.children)
        if child.has_role("pictured") or child.roles is None
    ]
    if not any(child.has_role("pictured") for child in facts.children):
        return list(range(len(facts.children)))
    return indexes


def _child_path(index: int, name: str) -> str:
    return f"children[{index}].{name}"


@dataclass(frozen=True, slots=True)
class _SexualActsUnder13:
    holds: bool
    facts: tuple[str, ...]
    missing: tuple[str, ...]


def _sexual_acts_under_13(facts: IncidentFacts) -> _SexualActsUnder13:
    in_image = children_in_image(facts)
    under_13 = [i for i in in_image if (age := facts.children[i].age) is not None and age < 13]
    unknown_age = [i for i in in_image if facts.children[i].age is None]
    sexual = facts.content_sexual_acts
    if sexual is True and under_13:
        paths = ["content_sexual_acts", *(_child_path(i, "age") for i in under_13)]
        return _SexualActsUnder13(True, tuple(paths), ())
    missing: list[str] = []
    if sexual is None and (under_13 or unknown_age):
        missing.append("content_sexual_acts")
    if sexual is not False and not under_13:
        missing.extend(_child_path(i, "age") for i in unknown_age)
    return _SexualActsUnder13(False, (), tuple(missing))


def _typology(facts: IncidentFacts, adult: EffectiveAdultInvolvement) -> tuple[str | None, Reason]:
    if adult in ("suspected", "confirmed"):
        money = facts.financial_demand is True or _MONEY_SIGN in facts.signs
        money_facts = [
            *(["financial_demand"] if facts.financial_demand is True else []),
            *(["adult_signs"] if _MONEY_SIGN in facts.signs else []),
        ]
        if money:
            value = "aggravated.adult.financially_motivated"
            return value, _reason(f"typology.{value}", ["adult_involvement", *money_facts])
        value = "aggravated.adult.sexually_motivated"
        return value, _reason(f"typology.{value}", ["adult_involvement"])
    if adult == "unknown":
        return None, _reason("typology.undetermined", ["adult_involvement"])
    intent = _true(facts, _YOUTH_INTENT_FACTS)
    if intent:
        value = "aggravated.youth.intent_to_harm"
        return value, _reason(f"typology.{value}", intent)
    if facts.shared_without_consent is True:
        value = "aggravated.youth.reckless_misuse"
        return value, _reason(f"typology.{value}", ["shared_without_consent"])
    if facts.shared_beyond_intended_recipient is True and facts.shared_without_consent is None:
        return None, _reason(
            "typology.undetermined", ["shared_beyond_intended_recipient", "shared_without_consent"]
        )
    if facts.in_relationship is True and facts.shared_beyond_intended_recipient is not True:
        value = "experimental.romantic"
        return value, _reason(f"typology.{value}", ["in_relationship"])
    ages = [child.age for child in facts.children]
    pre_adolescent = all(age is not None and age <= 9 for age in ages)
    if facts.self_only_no_sharing is True or (
        pre_adolescent and facts.content_sexual_acts is not True
    ):
        value = "experimental.other"
        basis = (
            ["self_only_no_sharing"]
            if facts.self_only_no_sharing is True
            else [_child_path(i, "age") for i in range(len(facts.children))]
        )
        return value, _reason(f"typology.{value}", basis)
    value = "experimental.attention_seeking"
    return value, _reason(f"typology.{value}")


def _warnings(facts: IncidentFacts) -> list[Reason]:
    warnings: list[Reason] = []
    if facts.adult_involvement == "none" and facts.signs:
        warnings.append(
            _reason(
                "signs_recorded_but_adult_involvement_none", ["adult_involvement", "adult_signs"]
            )
        )
    contradictions: list[str] = []
    if "pressured_or_coerced" in facts.signs and facts.coercion is False:
        contradictions.append("coercion")
    if "threatened_or_blackmailed" in facts.signs and facts.blackmail is False:
        contradictions.append("blackmail")
    if _MONEY_SIGN in facts.signs and facts.financial_demand is False:
        contradictions.append("financial_demand")
    if contradictions:
        warnings.append(_reason("sign_contradicts_recorded_fact", ["adult_signs", *contradictions]))
    if facts.self_only_no_sharing is True:
        shared = _true(
            facts, ("shared_beyond_intended_recipient", "shared_online", "shared_without_consent")
        )
        shared.extend(
            _child_path(i, "roles")
            for i, child in enumerate(facts.children)
            if any(child.has_role(role) for role in _SHARING_ROLES)
        )
        if shared:
            warnings.append(_reason("self_only_but_shared", ["self_only_no_sharing", *shared]))
    return warnings


def assess(facts: IncidentFacts) -> Decision:
    """Turn the facts of an incident into a decision, with a reason for every conclusion."""
    reasons: list[Reason] = []

    # --- adult involvement ("Assessing adult-involved incidents") --------------------------
    adult = effective_adult_involvement(facts)
    if adult == "suspected" and facts.adult_involvement in (None, "unknown"):
        reasons.append(
            _reason("adult_signs_count_as_suspected", ["adult_involvement", "adult_signs"])
        )

    # --- the five immediate-referral criteria ("Initial review meeting") -------------------
    trigger_facts: dict[str, list[str]] = {}
    if adult in ("suspected", "confirmed"):
        trigger_facts["adult_involvement"] = [
            "adult_involvement",
            *(["adult_signs"] if facts.signs else []),
        ]
    coercion = _true(facts, _TRIGGER_ENABLING_FLAGS)
    if coercion:
        trigger_facts["coercion_blackmail_grooming_or_consent"] = coercion
    content = _true(facts, ("content_unusual_for_developmental_stage", "content_violent"))
    if content:
        trigger_facts["unusual_or_violent_content"] = content
    under_13 = _sexual_acts_under_13(facts)
    if under_13.holds:
        trigger_facts["sexual_acts_under_13"] = list(under_13.facts)
    if facts.immediate_risk_of_harm is True:
        trigger_facts["immediate_risk_of_harm"] = ["immediate_risk_of_harm"]
    triggers = tuple(code for code in TRIGGER_CODES if code in trigger_facts)
    reasons.extend(_reason(code, trigger_facts[code]) for code in triggers)
    immediate_referral = bool(triggers)

    # --- referral required ("The police response", "Informing parents or carers") ----------
    factors = _true(facts, AGGRAVATING_FACTS)
    if factors:
        reasons.append(_reason("abusive_or_aggravating_factors", factors))
    at_risk = [
        i
        for i, child in enumerate(facts.children)
        if child.informing_parents_would_put_at_risk is True
    ]
    if at_risk:
        reasons.append(
            _reason(
                "parents_informing_risk",
                [_child_path(i, "informing_parents_would_put_at_risk") for i in at_risk],
            )
        )
    referral_required = immediate_referral or bool(factors) or bool(at_risk)

    # --- missing facts and handling in the setting ------------------------------------------
    missing: list[str] = []
    if adult == "unknown":
        missing.append("adult_involvement")
    missing.extend(_unknown(facts, _TRIGGER_ENABLING_FLAGS))
    if "content_sexual_acts" in under_13.missing:
        missing.append("content_sexual_acts")
    missing.extend(_unknown(facts, _CONTENT_FLAGS))
    missing.extend(path for path in under_13.missing if path != "content_sexual_acts")
    if missing:
        reasons.append(_reason("missing_facts", missing))
    aln = [i for i, child in enumerate(facts.children) if child.additional_learning_needs is True]
    if aln:
        reasons.append(
            _reason(
                "capacity_to_consent_must_be_answered",
                [
                    *(_child_path(i, "additional_learning_needs") for i in aln),
                    "capacity_to_consent_concern",
                ],
            )
        )
    in_setting = not referral_required and not triggers and not missing
    if in_setting:
        reasons.append(_reason("in_setting_handling_allowed"))

    # --- typology ("Defining an incident") ----------------------------------------------------
    typology, typology_reason = _typology(facts, adult)
    reasons.append(typology_reason)

    # --- social services, parents ------------------------------------------------------------
    social_worker = [i for i, child in enumerate(facts.children) if child.has_social_worker is True]
    if social_worker:
        reasons.append(
            _reason(
                "inform_social_services",
                [_child_path(i, "has_social_worker") for i in social_worker],
            )
        )
    parents: list[tuple[str, ParentsAction]] = [
        (
            child.ref,
            "refer_to_social_services"
            if child.informing_parents_would_put_at_risk is True
            else "inform",
        )
        for child in facts.children
    ]
    informed = [i for i, (_, action) in enumerate(parents) if action == "inform"]
    if informed:
        reasons.append(_reason("parents_inform", [_child_path(i, "ref") for i in informed]))

    # --- devices ("How to report online content to the police", "Viewing and deleting") -----
    device_action: DeviceAction | None = None
    if facts.imagery_on_devices_suspected is True:
        if referral_required:
            device_action = "do_not_delete_seize_and_retain"
            reasons.append(
                _reason("device_do_not_delete_seize_and_retain", ["imagery_on_devices_suspected"])
            )
        elif in_setting:
            device_action = "request_deletion_with_deadline"
            reasons.append(
                _reason("device_request_deletion_with_deadline", ["imagery_on_devices_suspected"])
            )
        else:
            reasons.append(_reason("device_action_undecided", ["imagery_on_devices_suspected"]))

    # --- recording ("Recording incidents") -----------------------------------------------------
    reasons.append(_reason("decision_not_to_refer_needs_reason_and_signoff"))

    # --- notes ----------------------------------------------------------------------------------
    if facts.ai_generated_or_manipulated is True:
        reasons.append(_reason("ai_generated_treated_the_same", ["ai_generated_or_manipulated"]))
    if facts.shared_without_consent is True and facts.intent_to_harm is True:
        reasons.append(
            _reason("non_consensual_sharing_offence", ["shared_without_consent", "intent_to_harm"])
        )
    young = [
        i for i, child in enumerate(facts.children) if child.age is not None and child.age < 13
    ]
    if young:
        reasons.append(_reason("under_13_wider_concern", [_child_path(i, "age") for i in young]))
    ceop_facts = [
        *(["adult_involvement"] if adult in ("suspected", "confirmed") else []),
        *(["grooming"] if facts.grooming is True else []),
    ]
    if ceop_facts:
        reasons.append(_reason("report_to_nca_ceop", ceop_facts))
    if facts.shared_online is True:
        reasons.append(_reason("contain_online_spread", ["shared_online"]))

    return Decision(
        immediate_referral=immediate_referral,
        triggers=triggers,
        referral_required=referral_required,
        typology=typology,
        in_setting_handling_allowed=in_setting,
        missing_facts=tuple(missing),
        inform_social_services=bool(social_worker),
        parents=tuple(parents),
        device_action=device_action,
        if_not_referred=IF_NOT_REFERRED,
        reasons=tuple(reasons),
        rules_version=RULES_VERSION,
        adult_involvement_effective=adult,
        capacity_to_consent_must_be_answered=bool(aln),
        facts_to_confirm=tuple(_facts_to_confirm(facts, missing)),
        under_13_involved=bool(young),
        report_to_nca_ceop_recommended=bool(ceop_facts),
        warnings=tuple(_warnings(facts)),
    )


def _facts_to_confirm(facts: IncidentFacts, missing: list[str]) -> list[str]:
    """Every fact still unknown that is not already a blocking missing fact."""
    blocking = set(missing)
    open_facts: list[str] = []
    if facts.adult_involvement in (None, "unknown") and "adult_involvement" not in blocking:
        open_facts.append("adult_involvement")
    open_facts.extend(name for name in _unknown(facts, INCIDENT_FLAGS) if name not in blocking)
    for i, child in enumerate(facts.children):
        if child.age is None and _child_path(i, "age") not in blocking:
            open_facts.append(_child_path(i, "age"))
        if child.roles is None:
            open_facts.append(_child_path(i, "roles"))
        open_facts.extend(
            _child_path(i, name) for name in CHILD_FLAGS if _child_flag(child, name) is None
        )
    return open_facts
