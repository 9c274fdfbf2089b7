"""The adapter from the DSP's answers at the initial review to the decision engine's facts,
in exactly the form of decision-contract.md."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ymateb import rules
from ymateb.incidents.models import IncidentChild
from ymateb.rules.facts import CHILD_FLAGS, INCIDENT_FLAGS

# --- the adapter: the DSP's answers → the engine's facts -------------------------------------


def child_key(child: IncidentChild, name: str) -> str:
    """The form field of one child's answer, e.g. ``child_A_age``."""
    return f"child_{child.ref}_{name}"


def _tri(value: Any) -> bool | None:
    if value in (True, "yes"):
        return True
    if value in (False, "no"):
        return False
    return None


def facts_from_review(
    cleaned: Mapping[str, Any], children: Sequence[IncidentChild]
) -> dict[str, Any]:
    """The engine input, in exactly the contract's form, from a review form's cleaned data.

    Yes/no answers are ``"yes"``/``"no"``; anything else ("not known", unanswered, or a value
    the form refused) is ``None``: not known yet. Roles left unticked are not known either.
    """
    kids: list[dict[str, Any]] = []
    for child in children:
        age = cleaned.get(child_key(child, "age"))
        roles = [
            r for r in rules.facts.ROLES if r in (cleaned.get(child_key(child, "roles")) or [])
        ]
        entry: dict[str, Any] = {"ref": child.ref, "age": age if isinstance(age, int) else None}
        entry["roles"] = roles or None
        for name in CHILD_FLAGS:
            entry[name] = _tri(cleaned.get(child_key(child, name)))
        kids.append(entry)
    facts: dict[str, Any] = {"children": kids}
    adult = cleaned.get("adult_involvement") or None
    facts["adult_involvement"] = adult if adult in rules.facts.ADULT_INVOLVEMENT_VALUES else None
    chosen = set(cleaned.get("adult_signs") or [])
    facts["adult_signs"] = [code for code in rules.facts.ADULT_SIGN_CODES if code in chosen]
    for name in INCIDENT_FLAGS:
        facts[name] = _tri(cleaned.get(name))
    return facts


def assess(facts: dict[str, Any]) -> dict[str, Any]:
    """The engine's decision for the facts (contract form)."""
    return rules.assess_dict(facts)
