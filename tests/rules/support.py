"""Shared helpers for the decision-engine tests: no database, no Django."""

from __future__ import annotations

import copy
import json
import os
import re
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


#: The engine's own description of its contract, read by the tests as the expected lists, so
#: that a test compares the code with it rather than with a copy of the code's own lists.
CONTRACT_DOC = Path(__file__).resolve().parents[2] / "docs" / "decision-engine.md"


def _doc_names(text: str) -> list[str]:
    """The `code`-quoted names of a stretch of the document, in order."""
    return re.findall(r"`([a-z_.\[\]0-9]+)`", text)


def _doc_paragraph(opening: str) -> str:
    """The paragraph of the contract document that starts with `opening`."""
    text = CONTRACT_DOC.read_text(encoding="utf-8")
    return text[text.index(opening) :].split("\n\n", 1)[0]


def documented_rules() -> dict[str, dict[str, str]]:
    """The document's table of rules ("How each rule traces to the guidance"), by code: each
    row's Output, Guidance section, When and Requirements cells."""
    rows: dict[str, dict[str, str]] = {}
    text = CONTRACT_DOC.read_text(encoding="utf-8")
    section = text.split("## How each rule traces to the guidance", 1)[1].split("\n## ", 1)[0]
    for line in section.splitlines():
        if line.startswith("| `"):
            code, output, section, when, requirements = (
                cell.strip() for cell in line.strip("|").split(" | ")
            )
            rows[code.strip("`")] = {
                "output": output,
                "section": section,
                "when": when,
                "requirements": requirements,
            }
    return rows


#: The contract's fields in its order, as the document lists them ("The input fields"; the
#: output's as its example output gives them, less the extra fields it names).
CONTRACT_INPUT_FIELDS = _doc_names(_doc_paragraph("The contract's input fields"))
CONTRACT_CHILD_FIELDS = _doc_names(_doc_paragraph("Each child's fields"))


def _documented_output_fields() -> list[str]:
    text = CONTRACT_DOC.read_text(encoding="utf-8")
    example = text[text.index("Output of `ymateb assess example.json`") :]
    output = json.loads(example.split("```json\n", 1)[1].split("```", 1)[0])
    extra = _doc_names(_doc_paragraph("- **Extra output fields**").split(";", 1)[0])
    return [name for name in output if name not in extra]


CONTRACT_OUTPUT_FIELDS = _documented_output_fields()

#: The typologies in the document's order (its rows for `typology`, less the undetermined one).
TYPOLOGIES = [
    code.removeprefix("typology.")
    for code, row in documented_rules().items()
    if row["output"] == "typology" and code != "typology.undetermined"
]


def facts_named_by_rule(code: str) -> list[str]:
    """The contract's input facts that the document's "When" cell of that rule names."""
    return [
        name
        for name in _doc_names(documented_rules()[code]["when"])
        if name in CONTRACT_INPUT_FIELDS
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


def child(ref: str, age: int | None, roles: str, **flags: Any) -> dict[str, Any]:
    """One child of a contract input: its ref, age (None: not given), roles (space-separated)
    and any per-child facts."""
    return {"ref": ref, **({} if age is None else {"age": age}), "roles": roles.split(), **flags}


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
