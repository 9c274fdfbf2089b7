"""Shared helpers for the decision-engine tests: no database, no Django."""

from __future__ import annotations

import copy
import os
from pathlib import Path
from typing import Any

from ymateb.rules import assess_dict, validate_output

#: Every fact that can turn an immediate-referral trigger on, recorded as known and negative.
ALL_TRIGGER_FACTS_KNOWN: dict[str, Any] = {
    "adult_involvement": "none",
    "adult_signs": [],
    "coercion": False,
    "blackmail": False,
    "grooming": False,
    "capacity_to_consent_concern": False,
    "content_sexual_acts": False,
    "content_unusual_for_developmental_stage": False,
    "content_violent": False,
    "immediate_risk_of_harm": False,
}


#: The contract's fields as decision-contract.md lists them, written out here rather than read
#: from the code, so that a test of the code against them can fail.
CONTRACT_INPUT_FIELDS = [
    "children",
    "adult_involvement",
    "adult_signs",
    "coercion",
    "blackmail",
    "grooming",
    "financial_demand",
    "capacity_to_consent_concern",
    "content_sexual_acts",
    "content_unusual_for_developmental_stage",
    "content_violent",
    "immediate_risk_of_harm",
    "intent_to_harm",
    "profit_motive",
    "persistent_behaviour",
    "shared_without_consent",
    "shared_beyond_intended_recipient",
    "shared_online",
    "in_relationship",
    "self_only_no_sharing",
    "ai_generated_or_manipulated",
    "imagery_on_devices_suspected",
]
CONTRACT_OUTPUT_FIELDS = [
    "immediate_referral",
    "triggers",
    "referral_required",
    "typology",
    "in_setting_handling_allowed",
    "missing_facts",
    "inform_social_services",
    "parents",
    "device_action",
    "if_not_referred",
    "reasons",
]


def guidance_text() -> str | None:
    """The text of the guidance, where this machine has it (YMATEB_GUIDANCE_TEXT to name it)."""
    candidates = [
        os.environ.get("YMATEB_GUIDANCE_TEXT", ""),
        str(Path(__file__).resolve().parents[2] / "docs" / "guidance" / "sharing-nudes-wales.txt"),
        "/work/shared/guidance/sharing-nudes-wales.txt",
    ]
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return Path(candidate).read_text(encoding="utf-8")
    return None


def incident(children: list[dict[str, Any]] | None = None, **facts: Any) -> dict[str, Any]:
    """A contract input where every trigger-enabling fact is known and negative, plus overrides."""
    data: dict[str, Any] = {
        "children": copy.deepcopy(children)
        if children is not None
        else [{"ref": "A", "age": 15, "roles": ["pictured", "creator", "sender"]}],
    }
    data.update(copy.deepcopy(ALL_TRIGGER_FACTS_KNOWN))
    data.update(facts)
    return data


def decide(data: dict[str, Any]) -> dict[str, Any]:
    """Run the engine on a contract input and check the output against the output schema."""
    result = assess_dict(data)
    validate_output(result)
    return result


def codes(result: dict[str, Any]) -> list[str]:
    return [reason["code"] for reason in result["reasons"]]


def answered(children: list[dict[str, Any]], **facts: Any) -> dict[str, Any]:
    """A contract input with every incident fact answered: no adult, no signs, every yes/no
    fact "no", then `facts` for what the case says otherwise."""
    from ymateb.rules.facts import INCIDENT_FLAGS

    data: dict[str, Any] = {"adult_involvement": "none", "adult_signs": []}
    data.update({name: False for name in INCIDENT_FLAGS})
    data.update(copy.deepcopy(facts))
    data["children"] = copy.deepcopy(children)
    return data


def imported_modules(path: Path) -> list[str]:
    """Every module a Python file imports: `import`, `from … import` and `import_module("…")`."""
    import ast

    names: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            names.append(node.module or "")
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "import_module":
            names += [str(a.value) for a in node.args if isinstance(a, ast.Constant)]
    return names
