"""Property-based tests (hypothesis) of the engine's conservative guarantees.

- Adding a fact that can only raise concern never turns ``immediate_referral`` or
  ``referral_required`` from true to false, never drops a trigger, and never makes handling in
  the setting allowed (R-097, R-112).
- Any trigger means ``in_setting_handling_allowed`` is false (R-097, R-104).
- An unknown fact that could turn a trigger on means it is false (R-090, R-112).
- Every output validates against the output schema; ``null`` and absent mean the same.
- No input crashes the command: exit status 0 or 2 only, and nothing on stdout with 2.
"""

from __future__ import annotations

import io
import json
import os
import sys
import tempfile
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.rules.support import decide, facts_named_by_rule
from ymateb.rules import assess, facts_from_dict, validate_output
from ymateb.rules.cli import main
from ymateb.rules.facts import ADULT_SIGN_CODES, CHILD_FLAGS, INCIDENT_FLAGS, ROLES

TRIGGER_ENABLING = (
    "coercion",
    "blackmail",
    "grooming",
    "capacity_to_consent_concern",
    "content_unusual_for_developmental_stage",
    "content_violent",
    "immediate_risk_of_harm",
)
#: Flags whose ``True`` can only add to the concern.
CONCERN_FLAGS = tuple(
    f for f in INCIDENT_FLAGS if f not in ("in_relationship", "self_only_no_sharing")
)
ADULT_ORDER = ["none", "unknown", "suspected", "confirmed"]

maybe_bool = st.one_of(st.none(), st.booleans())


@st.composite
def children(draw: st.DrawFn) -> list[dict[str, Any]]:
    refs = draw(st.lists(st.sampled_from("ABCDE"), min_size=1, max_size=4, unique=True))
    result = []
    for ref in refs:
        child: dict[str, Any] = {"ref": ref}
        if draw(st.booleans()):
            child["age"] = draw(st.one_of(st.none(), st.integers(0, 17)))
        if draw(st.booleans()):
            child["roles"] = draw(
                st.one_of(st.none(), st.lists(st.sampled_from(ROLES), unique=True, max_size=3))
            )
        for flag in CHILD_FLAGS:
            if draw(st.booleans()):
                child[flag] = draw(maybe_bool)
        result.append(child)
    return result


@st.composite
def incidents(draw: st.DrawFn) -> dict[str, Any]:
    data: dict[str, Any] = {"children": draw(children())}
    if draw(st.booleans()):
        data["adult_involvement"] = draw(st.sampled_from([*ADULT_ORDER, None]))
    if draw(st.booleans()):
        data["adult_signs"] = draw(
            st.one_of(
                st.none(), st.lists(st.sampled_from(ADULT_SIGN_CODES), unique=True, max_size=3)
            )
        )
    for flag in INCIDENT_FLAGS:
        if draw(st.integers(0, 3)):
            data[flag] = draw(maybe_bool)
    return data


@st.composite
def concern_raising_change(draw: st.DrawFn, data: dict[str, Any]) -> dict[str, Any]:
    """A copy of ``data`` with one more fact that can only raise concern."""
    changed: dict[str, Any] = json.loads(json.dumps(data))
    kind = draw(st.sampled_from(["flag", "sign", "adult", "child_flag", "younger"]))
    if kind == "flag":
        changed[draw(st.sampled_from(CONCERN_FLAGS))] = True
    elif kind == "sign":
        signs = changed.get("adult_signs") or []
        sign = draw(st.sampled_from(ADULT_SIGN_CODES))
        changed["adult_signs"] = sorted({*signs, sign})
    elif kind == "adult":
        current = changed.get("adult_involvement") or "unknown"
        higher = ADULT_ORDER[ADULT_ORDER.index(current) :]
        changed["adult_involvement"] = draw(st.sampled_from(higher))
    elif kind == "child_flag":
        i = draw(st.integers(0, len(changed["children"]) - 1))
        flag = draw(st.sampled_from(["has_social_worker", "informing_parents_would_put_at_risk"]))
        changed["children"][i][flag] = True
    else:
        i = draw(st.integers(0, len(changed["children"]) - 1))
        age = changed["children"][i].get("age")
        if age is not None:
            changed["children"][i]["age"] = draw(st.integers(0, age))
    return changed


@given(st.data())
@settings(max_examples=400)
def test_r097_adding_a_concern_never_lowers_the_recommendation(data: st.DataObject) -> None:
    """R-097, R-112: concern-raising facts only ever add triggers and referral."""
    before_input = data.draw(incidents())
    after_input = data.draw(concern_raising_change(before_input))
    before, after = decide(before_input), decide(after_input)
    if before["immediate_referral"]:
        assert after["immediate_referral"]
    if before["referral_required"]:
        assert after["referral_required"]
    assert set(before["triggers"]) <= set(after["triggers"])
    if not before["in_setting_handling_allowed"]:
        assert not after["in_setting_handling_allowed"]


@given(incidents())
@settings(max_examples=400)
def test_r104_contract_invariants(data: dict[str, Any]) -> None:
    """R-097, R-104, R-090, R-112: the contract's invariants hold for any input."""
    result = decide(data)
    assert result["immediate_referral"] == bool(result["triggers"])
    if result["immediate_referral"]:
        assert result["referral_required"]
    if result["triggers"] or result["referral_required"] or result["missing_facts"]:
        assert result["in_setting_handling_allowed"] is False
    if result["in_setting_handling_allowed"]:
        assert not result["triggers"] and not result["missing_facts"]
    # Any unknown trigger-enabling fact means no handling in the setting.
    unknown = [f for f in TRIGGER_ENABLING if data.get(f) is None]
    if unknown or result["adult_involvement_effective"] == "unknown":
        assert result["in_setting_handling_allowed"] is False
        assert set(unknown) <= set(result["missing_facts"])
    # Adult signs with unknown involvement count as suspected.
    if data.get("adult_involvement") in (None, "unknown") and data.get("adult_signs"):
        assert "adult_involvement" in result["triggers"]
    # Typology follows adult involvement.
    typology = result["typology"]
    adult = result["adult_involvement_effective"] in ("suspected", "confirmed")
    assert (typology or "").startswith("aggravated.adult.") == adult
    # Devices.
    device = data.get("imagery_on_devices_suspected")
    if device is True and result["referral_required"]:
        assert result["device_action"] == "do_not_delete_seize_and_retain"
    elif device is True and result["in_setting_handling_allowed"]:
        assert result["device_action"] == "request_deletion_with_deadline"
    else:
        assert result["device_action"] is None
    # Parents and social services.
    for child in data["children"]:
        expected = (
            "refer_to_social_services"
            if child.get("informing_parents_would_put_at_risk") is True
            else "inform"
        )
        assert result["parents"][child["ref"]] == expected
    assert result["inform_social_services"] == any(
        c.get("has_social_worker") is True for c in data["children"]
    )
    assert result["if_not_referred"] == ["record_reason", "leadership_signoff"]


@given(incidents())
@settings(max_examples=200)
def test_null_and_absent_mean_the_same(data: dict[str, Any]) -> None:
    """decision-contract.md: null or absent means 'not known yet'."""
    without_nulls = {k: v for k, v in data.items() if v is not None}
    without_nulls["children"] = [
        {k: v for k, v in child.items() if v is not None} for child in data["children"]
    ]
    assert decide(data) == decide(without_nulls)


@given(incidents())
@settings(max_examples=200)
def test_dataclass_and_dict_paths_agree(data: dict[str, Any]) -> None:
    """The web app's dataclass API and the contract's JSON give the same decision."""
    decision = assess(facts_from_dict(data))
    validate_output(decision.to_dict())
    assert decision.to_dict() == decide(data)


def _run(argv: list[str], stdin: str) -> tuple[int, str, str]:
    saved = sys.stdin, sys.stdout, sys.stderr
    out, err = io.StringIO(), io.StringIO()
    sys.stdin, sys.stdout, sys.stderr = io.StringIO(stdin), out, err
    try:
        status = main(argv)
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved
    return status, out.getvalue(), err.getvalue()


json_values = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-(10**20), 10**20),
        st.floats(allow_nan=False),
        st.text(max_size=8),
    ),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=12,
)


@st.composite
def damaged_incidents(draw: st.DrawFn) -> Any:
    """A valid incident with one value replaced by arbitrary JSON, or arbitrary JSON."""
    data = draw(incidents())
    choice = draw(st.integers(0, 3))
    if choice == 0:
        return draw(json_values)
    if choice == 1:
        key = draw(st.sampled_from([*INCIDENT_FLAGS, "adult_involvement", "adult_signs", "x"]))
        data[key] = draw(json_values)
    elif choice == 2:
        child = data["children"][0]
        key = draw(st.sampled_from(["ref", "age", "roles", *CHILD_FLAGS, "colour"]))
        child[key] = draw(json_values)
    else:
        data["children"] = draw(json_values)
    return data


@given(st.one_of(damaged_incidents(), incidents()))
@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
def test_no_input_crashes_the_command(value: Any) -> None:
    """Exit status 0 with a schema-valid decision, or 2 with a message and empty stdout."""
    status, out, err = _run(["-"], json.dumps(value))
    assert status in (0, 2)
    if status == 0:
        validate_output(json.loads(out))
        assert err == ""
    else:
        assert out == ""
        assert err.strip() and "\n" not in err.strip()


@given(st.text(max_size=40))
@settings(max_examples=200)
def test_no_text_crashes_the_command(text: str) -> None:
    """Any text at all on stdin: exit 0 or 2, never a traceback."""
    status, out, err = _run(["-"], text)
    assert status in (0, 2)
    if status == 2:
        assert out == ""


@given(st.lists(st.one_of(damaged_incidents(), incidents()), max_size=4))
@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
def test_no_batch_crashes_the_command(values: list[Any]) -> None:
    """Batch mode: 0 with one decision per line, or 2 with nothing on stdout."""
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as f:
        f.write("".join(json.dumps(v) + "\n" for v in values))
    try:
        status, out, err = _run(["--batch", f.name], "")
    finally:
        os.unlink(f.name)
    assert status in (0, 2)
    if status == 0:
        lines = out.splitlines()
        assert len(lines) == len(values)
        for line in lines:
            validate_output(json.loads(line))
    else:
        assert out == ""
        assert err.startswith("line ")


#: What makes a youth-only incident aggravated, as the contract document's rows for the
#: typologies "intent to harm" and "reckless misuse" name it.
YOUTH_AGGRAVATING = (
    *facts_named_by_rule("typology.aggravated.youth.intent_to_harm"),
    *facts_named_by_rule("typology.aggravated.youth.reckless_misuse"),
)


@given(incidents())
@settings(max_examples=300)
def test_r041_r046_aggravated_or_experimental(data: dict[str, Any]) -> None:
    """R-041, R-046: aggravated when an adult, intent to harm or reckless misuse is present;
    experimental only when none of them is."""
    result = decide(data)
    typology = result["typology"]
    if typology is None:
        return
    adult = result["adult_involvement_effective"] in ("suspected", "confirmed")
    aggravating = adult or any(data.get(f) is True for f in YOUTH_AGGRAVATING)
    assert typology.startswith("aggravated.") == aggravating
