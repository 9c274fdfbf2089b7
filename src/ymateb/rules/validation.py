"""Reading and checking the engine's JSON input against its published JSON Schema.

The schemas live beside this module (``schemas/input.schema.json`` and
``schemas/output.schema.json``, draft 2020-12) and are what the command validates against.
Only what a schema cannot express (unique child refs, duplicate JSON keys) is checked in code.
Every error names the field as a JSON path, e.g. ``children[1].age``.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Iterable, Mapping
from functools import cache
from importlib import resources
from typing import Any, cast

from ymateb.rules.facts import INCIDENT_FLAGS, ChildFacts, IncidentFacts, Role

# jsonschema ships no type information; load it as a plain module (typed ``Any`` below).
_jsonschema: Any = importlib.import_module("jsonschema")

_MAX_SHOWN = 60


class InputError(ValueError):
    """An input the engine cannot accept. ``path`` names the field (empty for the document)."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}" if path else message)
        self.path = path
        self.message = message


@cache
def _load_schema(name: str) -> dict[str, Any]:
    text = resources.files("ymateb.rules").joinpath("schemas", name).read_text(encoding="utf-8")
    schema = json.loads(text)
    if not isinstance(schema, dict):  # pragma: no cover - packaging error
        raise RuntimeError(f"schema {name} is not a JSON object")
    return schema


def input_schema() -> dict[str, Any]:
    """The input JSON Schema (a fresh copy)."""
    return cast(dict[str, Any], json.loads(json.dumps(_load_schema("input.schema.json"))))


def output_schema() -> dict[str, Any]:
    """The output JSON Schema (a fresh copy)."""
    return cast(dict[str, Any], json.loads(json.dumps(_load_schema("output.schema.json"))))


@cache
def _validator(name: str) -> Any:
    schema = _load_schema(name)
    validator_class = _jsonschema.Draft202012Validator
    validator_class.check_schema(schema)
    return validator_class(schema)


# --- JSON text --------------------------------------------------------------------------------


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise InputError(_key(key), "the field appears more than once in the same object")
        result[key] = value
    return result


def parse_json_text(text: str) -> Any:
    """Parse strict JSON: no NaN or Infinity, no duplicate keys. Raises :class:`InputError`."""
    try:
        return json.loads(
            text, object_pairs_hook=_no_duplicate_keys, parse_constant=_reject_constant
        )
    except InputError:
        raise
    except json.JSONDecodeError as error:
        raise InputError(
            "", f"invalid JSON at line {error.lineno} column {error.colno}: {error.msg}"
        ) from None
    except RecursionError:
        raise InputError("", "invalid input: JSON nested too deeply") from None
    except ValueError as error:  # e.g. NaN, or an integer with too many digits
        raise InputError("", f"invalid JSON: {error}") from None


# --- schema errors as one-line messages ----------------------------------------------------------


def _key(name: str) -> str:
    if name and name.replace("_", "a").isalnum() and name.isascii():
        return name
    return json.dumps(name, ensure_ascii=False)


def format_path(parts: Iterable[str | int]) -> str:
    """``["children", 1, "age"]`` -> ``children[1].age``."""
    text = ""
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            key = _key(part)
            if key.startswith('"'):
                text += f"[{key}]"
            else:
                text += f".{key}" if text else key
    return text


def _shown(value: Any) -> str:
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (ValueError, TypeError):  # pragma: no cover - JSON input is always serialisable
        text = repr(value)
    return text if len(text) <= _MAX_SHOWN else text[: _MAX_SHOWN - 3] + "..."


def _message(error: Any) -> InputError:
    path = format_path(error.absolute_path)
    keyword = error.validator
    schema = error.schema if isinstance(error.schema, Mapping) else {}
    if keyword == "additionalProperties":
        allowed = set(schema.get("properties", {}))
        extras = sorted(key for key in error.instance if key not in allowed)
        field = f"{path}.{_key(extras[0])}" if path else _key(extras[0])
        return InputError(field, "unknown field")
    if keyword == "required":
        absent = [key for key in error.validator_value if key not in error.instance]
        field = f"{path}.{_key(absent[0])}" if path else _key(absent[0])
        return InputError(field, "required field missing")
    expected = schema.get("x-expected", "a valid value")
    return InputError(path or "input", f"expected {expected}, got {_shown(error.instance)}")


def _sort_key(error: Any) -> tuple[tuple[tuple[int, int | str], ...], str]:
    parts = tuple((0, p) if isinstance(p, int) else (1, p) for p in error.absolute_path)
    return parts, str(error.validator)


def validate_input(data: Any) -> None:
    """Check parsed JSON against the input schema and the rules it cannot express."""
    errors = sorted(_validator("input.schema.json").iter_errors(data), key=_sort_key)
    if errors:
        raise _message(errors[0])
    seen: dict[str, int] = {}
    for index, child in enumerate(data["children"]):
        ref = child["ref"]
        if ref in seen:
            raise InputError(
                f"children[{index}].ref",
                f"duplicate ref {_shown(ref)}, already used by children[{seen[ref]}]",
            )
        seen[ref] = index


def facts_from_dict(data: Any) -> IncidentFacts:
    """Validate parsed JSON input and build the facts. Raises :class:`InputError`."""
    validate_input(data)
    children = tuple(_child(child) for child in data["children"])
    signs = data.get("adult_signs")
    flags = {name: data.get(name) for name in INCIDENT_FLAGS}
    return IncidentFacts(
        children=children,
        adult_involvement=data.get("adult_involvement"),
        adult_signs=None if signs is None else tuple(signs),
        **flags,
    )


def facts_from_json(text: str) -> IncidentFacts:
    """Parse, validate and build the facts from JSON text. Raises :class:`InputError`."""
    return facts_from_dict(parse_json_text(text))


def _child(data: Mapping[str, Any]) -> ChildFacts:
    age = data.get("age")
    roles = data.get("roles")
    return ChildFacts(
        ref=data["ref"],
        age=None if age is None else int(age),
        roles=None if roles is None else tuple(cast(list[Role], roles)),
        has_social_worker=data.get("has_social_worker"),
        additional_learning_needs=data.get("additional_learning_needs"),
        informing_parents_would_put_at_risk=data.get("informing_parents_would_put_at_risk"),
    )


def validate_output(data: Any) -> None:
    """Check a decision (as JSON data) against the output schema. Raises ``ValueError``."""
    errors = sorted(_validator("output.schema.json").iter_errors(data), key=_sort_key)
    if errors:
        first = errors[0]
        raise ValueError(f"{format_path(first.absolute_path) or 'output'}: {first.message}")
