"""The rule registry: every conclusion the engine can reach, with the guidance it rests on.

Each rule has a stable ``code`` (part of the public output), the exact heading of the guidance
section it rests on, a plain-English explanation and a Welsh one (both in this project's own
words), and the requirement IDs of ``requirements.md`` it implements. The engine never invents
a reason that is not in this registry, and a meta-test checks that every rule here fires in at
least one scenario test.

The rules themselves are data: ``rules.yaml`` in :mod:`ymateb.rules.content`, read and checked
(both languages, a real section, a known conclusion) when this module is imported.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final, Literal, cast, get_args

from ymateb.rules.content.files import ContentError, mappings, pair, read, string, strings

Conclusion = Literal[
    "adult_involvement_effective",
    "triggers",
    "referral_required",
    "typology",
    "in_setting_handling_allowed",
    "missing_facts",
    "capacity_to_consent_must_be_answered",
    "inform_social_services",
    "parents",
    "device_action",
    "if_not_referred",
    "notes",
    "warnings",
]


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    conclusion: Conclusion
    section: str
    explanation: str
    explanation_cy: str
    requirements: tuple[str, ...]


def _rule(node: Mapping[str, Any]) -> Rule:
    conclusion = string(node, "conclusion")
    if conclusion not in get_args(Conclusion):
        raise ContentError(f"rules.yaml: {node.get('code')!r}: unknown conclusion {conclusion!r}")
    explanation, explanation_cy = pair(node, "explanation")
    return Rule(
        string(node, "code"),
        cast(Conclusion, conclusion),
        string(node, "section"),
        explanation,
        explanation_cy,
        strings(node, "requirements"),
    )


_RULES: Final[tuple[Rule, ...]] = tuple(
    _rule(rule) for rule in mappings(read("ymateb.rules.content", "rules.yaml"), "rules")
)

RULES: Final[dict[str, Rule]] = {rule.code: rule for rule in _RULES}

TRIGGER_CODES: Final[tuple[str, ...]] = (
    "adult_involvement",
    "coercion_blackmail_grooming_or_consent",
    "unusual_or_violent_content",
    "sexual_acts_under_13",
    "immediate_risk_of_harm",
)

TYPOLOGIES: Final[tuple[str, ...]] = (
    "aggravated.adult.sexually_motivated",
    "aggravated.adult.financially_motivated",
    "aggravated.youth.intent_to_harm",
    "aggravated.youth.reckless_misuse",
    "experimental.romantic",
    "experimental.attention_seeking",
    "experimental.other",
)

if len(RULES) != len(_RULES):
    raise ContentError("rules.yaml: rule codes must be unique")
