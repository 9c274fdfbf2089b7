"""The published JSON Schemas: valid draft 2020-12, and exactly the contract's fields."""

from __future__ import annotations

import importlib
from typing import Any

import pytest

from tests.rules.support import decide, incident
from ymateb.rules import input_schema, output_schema, validate_output
from ymateb.rules.facts import ADULT_SIGN_CODES, CHILD_FLAGS, INCIDENT_FLAGS, ROLES

jsonschema: Any = importlib.import_module("jsonschema")

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
    assert list(child["properties"]) == ["ref", "age", "roles", *CHILD_FLAGS]
    assert child["properties"]["roles"]["items"]["enum"] == list(ROLES)
    assert schema["properties"]["adult_signs"]["items"]["enum"] == list(ADULT_SIGN_CODES)


def test_output_schema_requires_the_contract_fields() -> None:
    schema = output_schema()
    assert set(CONTRACT_OUTPUT_FIELDS) <= set(schema["required"])
    assert schema["properties"]["typology"]["enum"] == [
        "aggravated.adult.sexually_motivated",
        "aggravated.adult.financially_motivated",
        "aggravated.youth.intent_to_harm",
        "aggravated.youth.reckless_misuse",
        "experimental.romantic",
        "experimental.attention_seeking",
        "experimental.other",
        None,
    ]


def test_output_validation_rejects_a_broken_decision() -> None:
    result = decide(incident())
    validate_output(result)
    broken = dict(result, typology="experimental.unknown")
    with pytest.raises(ValueError, match="typology"):
        validate_output(broken)
    with pytest.raises(ValueError):
        validate_output({k: v for k, v in result.items() if k != "reasons"})
