"""Ymateb's decision engine: the rules of the Welsh Government guidance on responding to
incidents of sharing nudes and semi-nudes, as a pure-Python package (no Django).

The web app builds :class:`IncidentFacts` (or a contract-shaped dict) and calls :func:`assess`;
``ymateb assess`` runs the same engine from the command line (:mod:`ymateb.rules.cli`).
"""

from ymateb.rules.content import (
    ADULT_SIGNS,
    IMMEDIATE_REFERRAL_QUESTIONS,
    QUESTION_PROMPTS,
    RISK_ASSESSMENT_QUESTIONS,
    AdultSign,
    ContentItem,
    Question,
    adult_signs,
    parent_advice,
    parent_advice_for_roles,
    parent_scenarios_for_roles,
    support_groups,
    support_points,
)
from ymateb.rules.continuum import (
    CONTINUUM_LEVELS,
    INDICATORS,
    ContinuumCheck,
    ContinuumPlacement,
    continuum_checks,
    indicators_for,
    place_on_continuum,
)
from ymateb.rules.decision import RULES_VERSION, Decision, Reason
from ymateb.rules.engine import assess
from ymateb.rules.facts import ChildFacts, IncidentFacts
from ymateb.rules.registry import RULES, Rule
from ymateb.rules.validation import (
    InputError,
    facts_from_dict,
    facts_from_json,
    input_schema,
    output_schema,
    validate_output,
)


def assess_dict(data: object) -> dict[str, object]:
    """Validate a contract-shaped input dict and return the contract-shaped decision dict.

    Raises :class:`InputError` (naming the field) for an input the engine cannot accept.
    """
    return assess(facts_from_dict(data)).to_dict()


__all__ = [
    "ADULT_SIGNS",
    "CONTINUUM_LEVELS",
    "IMMEDIATE_REFERRAL_QUESTIONS",
    "INDICATORS",
    "QUESTION_PROMPTS",
    "RISK_ASSESSMENT_QUESTIONS",
    "RULES",
    "RULES_VERSION",
    "AdultSign",
    "ChildFacts",
    "ContentItem",
    "ContinuumCheck",
    "ContinuumPlacement",
    "Decision",
    "IncidentFacts",
    "InputError",
    "Question",
    "Reason",
    "Rule",
    "adult_signs",
    "assess",
    "assess_dict",
    "continuum_checks",
    "facts_from_dict",
    "facts_from_json",
    "indicators_for",
    "input_schema",
    "output_schema",
    "parent_advice",
    "parent_advice_for_roles",
    "parent_scenarios_for_roles",
    "place_on_continuum",
    "support_groups",
    "support_points",
    "validate_output",
]
