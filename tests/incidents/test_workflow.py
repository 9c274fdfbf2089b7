"""The incident workflow on its own (no database): one table of permissions, one definition of
the states, every transition × role × source state, and closing as out of scope only before
a decision (R-001, R-003, R-176)."""

from __future__ import annotations

import itertools

import pytest

from ymateb.incidents import permissions, workflow
from ymateb.incidents.permissions import ROLE_PERMISSIONS, Permission
from ymateb.incidents.workflow import EDGES, Fact, IllegalTransition, State, Transition

# Each kind of person, as the workflow sees them: their roles in the incident's setting. An
# installation admin, local-authority oversight, a DSP of another setting and an anonymous
# visitor hold none there.
PEOPLE: dict[str, frozenset[str]] = {
    "staff": frozenset({"staff"}),
    "dsp": frozenset({"dsp"}),
    "deputy_dsp": frozenset({"deputy_dsp"}),
    "leadership": frozenset({"leadership"}),
    "oversight": frozenset(),
    "admin": frozenset(),
    "other_setting_dsp": frozenset(),
    "anonymous": frozenset(),
}

OPEN = {s.value for s in State} - {"closed"}
DSPS = {"dsp", "deputy_dsp"}
LEAD = {"leadership"}

# Written out by hand from the guidance and PRODUCT.md, so that a change to the table or to
# the edges shows up here as a deliberate change: transition → (from which states, which
# kinds of people in the setting).
JOURNEY: dict[str, tuple[set[str], set[str]]] = {
    "start_review": ({"reported"}, DSPS),
    "refer": (OPEN - {"referred"}, DSPS),
    "send_for_sign_off": ({"initial_review"}, DSPS),
    "sign_off": ({"awaiting_sign_off"}, LEAD),
    "return_to_review": ({"awaiting_sign_off"}, LEAD),
    "start_actions": ({"referred", "signed_off"}, DSPS),
    "review": ({"actions"}, DSPS),
    "resume_actions": ({"review"}, DSPS),
    "close": ({"actions", "review", "referred", "signed_off"}, DSPS),
    "close_out_of_scope": ({"initial_review"}, DSPS),
}


def allowed_by_the_table(edge: workflow.Edge, state: State, person: str) -> bool:
    """What the one table says: the state is a source of the edge and one of the person's
    roles grants the permission the edge names."""
    granted = (
        set().union(*(ROLE_PERMISSIONS[r] for r in PEOPLE[person])) if PEOPLE[person] else set()
    )
    return state in edge.sources and edge.permission in granted


def outcome(transition: Transition, state: State, person: str, facts: set[str] | None) -> str:
    try:
        target = workflow.check(transition, state, PEOPLE[person], "A reason.", facts)
    except IllegalTransition as exc:
        return f"refused:{exc.why}"
    return f"allowed:{target}"


def test_r001_every_transition_by_every_person_from_every_state_follows_the_one_table() -> None:
    """R-001: 10 transitions × 8 kinds of person × 8 states, allowed exactly when the one
    table of permissions grants the permission the edge names, from the edge's states."""
    wrong = []
    cases = 0
    for edge, state, person in itertools.product(EDGES, State, PEOPLE):
        cases += 1
        got = outcome(edge.transition, state, person, facts=set())
        expected = allowed_by_the_table(edge, state, person)
        # And the same, written by hand.
        sources, people = JOURNEY[edge.transition.value]
        assert expected == (state.value in sources and person in people), (edge, state, person)
        if expected != got.startswith("allowed:"):
            wrong.append((edge.transition.value, state.value, person, got))
        if expected:
            assert got == f"allowed:{edge.target}"
        elif state not in edge.sources:
            assert got == "refused:not_from_this_state"
        else:
            assert got == "refused:role_not_allowed"
        # `available` agrees with `check`.
        assert (edge.transition in workflow.available(state, PEOPLE[person], set())) == expected
    assert cases == len(Transition) * len(State) * len(PEOPLE) == 640
    assert wrong == []


def test_every_transition_has_one_edge_and_names_a_permission_from_the_table() -> None:
    assert sorted(e.transition for e in EDGES) == sorted(Transition)
    assert set(JOURNEY) == {t.value for t in Transition}
    for edge in EDGES:
        assert isinstance(edge.permission, Permission)
        assert permissions.roles_with(edge.permission), edge  # someone can take every step


def test_the_workflow_holds_no_roles_of_its_own() -> None:
    """The permission check lives in one table: the workflow module names no role."""
    import inspect

    source = inspect.getsource(workflow)
    for role in ("dsp", "deputy_dsp", "leadership", "staff"):
        assert f'"{role}"' not in source
    assert not hasattr(workflow, "_DSP") and not hasattr(workflow, "_LEAD")


def test_r003_r176_out_of_scope_closure_is_refused_once_a_decision_is_recorded() -> None:
    """R-003, R-176: a concern found at the review to be outside this guidance closes with its
    reason; once a decision (refer, handle in the setting) is recorded it never closes that
    way, whoever asks: only through referral or the head's sign-off. A concern nobody has
    reviewed yet ("reported") cannot be closed that way."""
    with pytest.raises(IllegalTransition):
        workflow.check("close_out_of_scope", State.REPORTED, {"dsp"}, "Text only.", set())
    for state in (State.INITIAL_REVIEW,):
        assert (
            workflow.check("close_out_of_scope", state, {"dsp"}, "Text only.", set())
            == State.CLOSED
        )
        for roles in PEOPLE.values():
            with pytest.raises(IllegalTransition):
                workflow.check(
                    "close_out_of_scope", state, roles, "Text only.", {Fact.DECISION_RECORDED}
                )
        with pytest.raises(IllegalTransition) as exc:
            workflow.check("close_out_of_scope", state, {"dsp"}, "x", {"decision_recorded"})
        assert exc.value.why == "decision_recorded"
        # Not knowing the facts is not knowing there was no decision: refused.
        with pytest.raises(IllegalTransition) as exc:
            workflow.check("close_out_of_scope", state, {"dsp"}, "Text only.")
        assert exc.value.why == "facts_unknown"
        # A reason is still needed.
        with pytest.raises(IllegalTransition) as exc:
            workflow.check("close_out_of_scope", state, {"dsp"}, "  ", set())
        assert exc.value.why == "reason_required"
        assert Transition.CLOSE_OUT_OF_SCOPE not in workflow.available(
            state, {"dsp"}, {Fact.DECISION_RECORDED}
        )
        assert Transition.CLOSE_OUT_OF_SCOPE not in workflow.available(state, {"dsp"})
        assert Transition.CLOSE_OUT_OF_SCOPE in workflow.available(state, {"dsp"}, set())
    # The facts matter only to the step with a condition on them.
    assert (
        workflow.check("refer", State.INITIAL_REVIEW, {"dsp"}, "New fact.", {"decision_recorded"})
        == State.REFERRED
    )


def test_the_pin_reveal_permission_comes_from_the_same_table() -> None:
    assert permissions.roles_with(Permission.REVEAL_DEVICE_PIN) == {"dsp", "deputy_dsp"}
    assert not permissions.grants({"leadership", "staff"}, Permission.REVEAL_DEVICE_PIN)


def test_the_table_names_exactly_the_setting_roles() -> None:
    """The table's role names are tenancy's roles, no more and no fewer."""
    from ymateb.tenancy.models import Role

    assert set(ROLE_PERMISSIONS) == set(Role.values)


def test_the_states_are_defined_once_and_the_models_choices_derive_from_them() -> None:
    from ymateb.incidents.models import STATE_LABELS, Incident, IncidentState

    assert [c[0] for c in IncidentState.choices] == [s.value for s in State]
    assert set(STATE_LABELS) == set(State)
    field = Incident._meta.get_field("state")
    assert [c[0] for c in field.choices] == [s.value for s in State]
    assert field.default == State.REPORTED
    from django.utils import translation

    with translation.override("en"):
        assert str(IncidentState("awaiting_sign_off").label) == "Awaiting sign-off"


def test_the_access_layer_reads_the_one_table() -> None:
    from ymateb.incidents import access

    assert access.ROLE_PERMISSIONS is ROLE_PERMISSIONS
    assert access.Permission is Permission
