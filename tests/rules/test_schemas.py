"""The published JSON Schemas: valid draft 2020-12, and exactly the contract's fields."""

from __future__ import annotations

import importlib
from typing import Any

import pytest

from tests.rules.support import (
    CONTRACT_CHILD_FIELDS,
    CONTRACT_INPUT_FIELDS,
    CONTRACT_OUTPUT_FIELDS,
    TYPOLOGIES,
    decide,
    incident,
)
from ymateb.rules import input_schema, output_schema, registry, validate_output
from ymateb.rules.facts import ADULT_SIGN_CODES, CHILD_FLAGS, INCIDENT_FLAGS, ROLES

jsonschema: Any = importlib.import_module("jsonschema")


@pytest.mark.parametrize("schema", [input_schema(), output_schema()], ids=["input", "output"])
def test_schemas_are_valid_draft_2020_12(schema: dict[str, Any]) -> None:
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


def test_input_schema_has_exactly_the_contract_fields() -> None:
    schema = input_schema()
    assert list(schema["properties"]) == CONTRACT_INPUT_FIELDS
    assert [*INCIDENT_FLAGS] == CONTRACT_INPUT_FIELDS[3:]
    assert schema["additionalProperties"] is False
    child = schema["$defs"]["child"]
    assert list(child["properties"]) == CONTRACT_CHILD_FIELDS
    assert [*CHILD_FLAGS] == CONTRACT_CHILD_FIELDS[3:]
    assert child["properties"]["roles"]["items"]["enum"] == list(ROLES)
    assert schema["properties"]["adult_signs"]["items"]["enum"] == list(ADULT_SIGN_CODES)


def test_output_schema_requires_the_contract_fields() -> None:
    schema = output_schema()
    assert set(CONTRACT_OUTPUT_FIELDS) <= set(schema["required"])
    assert schema["properties"]["typology"]["enum"] == [*TYPOLOGIES, None]
    assert list(registry.TYPOLOGIES) == TYPOLOGIES


def test_output_validation_rejects_a_broken_decision() -> None:
    result = decide(incident())
    validate_output(result)
    broken = dict(result, typology="experimental.unknown")
    with pytest.raises(ValueError, match="typology"):
        validate_output(broken)
    with pytest.raises(ValueError):
        validate_output({k: v for k, v in result.items() if k != "reasons"})
