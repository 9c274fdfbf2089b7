"""The incident's journey as a state machine. Plain Python: no Django, no database.

reported → initial review → referred, or handled in the setting (awaiting sign-off →
signed off) → actions → review → closed. Escalation to a referral is possible from every
open state ("Initial review meeting": escalate whenever a new fact calls for it). A concern
found at the initial review to be outside this guidance (adult pornography, text-only
messages) can be closed with a reason ("What this advice covers"), but never once the
review has recorded a decision (refer, or handle in the setting): from then on the
incident closes only through referral or the head's sign-off.

The states are defined here once (the model's choices derive from `State`), and each step
names the one permission it needs from the one table of roles and permissions
(ymateb.incidents.permissions).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from ymateb.incidents.permissions import Permission, grants


class State(StrEnum):
    REPORTED = "reported"
    INITIAL_REVIEW = "initial_review"
    REFERRED = "referred"
    AWAITING_SIGN_OFF = "awaiting_sign_off"
    SIGNED_OFF = "signed_off"
    ACTIONS = "actions"
    REVIEW = "review"
    CLOSED = "closed"


class Transition(StrEnum):
    START_REVIEW = "start_review"
    REFER = "refer"
    SEND_FOR_SIGN_OFF = "send_for_sign_off"
    SIGN_OFF = "sign_off"
    RETURN_TO_REVIEW = "return_to_review"
    START_ACTIONS = "start_actions"
    START_REVIEW_OF_DECISION = "review"
    RESUME_ACTIONS = "resume_actions"
    CLOSE = "close"
    CLOSE_OUT_OF_SCOPE = "close_out_of_scope"


OPEN_STATES = frozenset(State) - {State.CLOSED}


class Fact(StrEnum):
    """What the workflow must know about the record, beyond its state, for some steps.
    The service layer reads these from the database and passes the ones that hold."""

    #: A review of the incident recorded a decision: refer, or handle in the setting.
    DECISION_RECORDED = "decision_recorded"


@dataclass(frozen=True)
class Edge:
    transition: Transition
    sources: frozenset[State]
    target: State
    #: The one permission (ymateb.incidents.permissions) a person needs to take the step.
    permission: Permission
    reason_required: bool
    #: Facts that, when they hold, refuse the step. The step is refused too when the caller
    #: does not say which facts hold (fail closed).
    refused_if: frozenset[Fact] = frozenset()


_CHANGE = Permission.CHANGE_INCIDENT
_SIGN_OFF = Permission.SIGN_OFF_DECISION

EDGES: tuple[Edge, ...] = (
    Edge(
        Transition.START_REVIEW, frozenset({State.REPORTED}), State.INITIAL_REVIEW, _CHANGE, False
    ),
    Edge(Transition.REFER, OPEN_STATES - {State.REFERRED}, State.REFERRED, _CHANGE, True),
    Edge(
        Transition.SEND_FOR_SIGN_OFF,
        frozenset({State.INITIAL_REVIEW}),
        State.AWAITING_SIGN_OFF,
        _CHANGE,
        True,
    ),
    Edge(
        Transition.SIGN_OFF,
        frozenset({State.AWAITING_SIGN_OFF}),
        State.SIGNED_OFF,
        _SIGN_OFF,
        False,
    ),
    # Leadership returns the decision to the DSP instead of signing it off.
    Edge(
        Transition.RETURN_TO_REVIEW,
        frozenset({State.AWAITING_SIGN_OFF}),
        State.INITIAL_REVIEW,
        _SIGN_OFF,
        True,
    ),
    Edge(
        Transition.START_ACTIONS,
        frozenset({State.REFERRED, State.SIGNED_OFF}),
        State.ACTIONS,
        _CHANGE,
        False,
    ),
    Edge(
        Transition.START_REVIEW_OF_DECISION,
        frozenset({State.ACTIONS}),
        State.REVIEW,
        _CHANGE,
        False,
    ),
    Edge(Transition.RESUME_ACTIONS, frozenset({State.REVIEW}), State.ACTIONS, _CHANGE, False),
    Edge(
        Transition.CLOSE,
        frozenset({State.ACTIONS, State.REVIEW, State.REFERRED, State.SIGNED_OFF}),
        State.CLOSED,
        _CHANGE,
        True,
    ),
    # "What this advice covers": a concern found at the initial review to be outside the
    # guidance closes with its reason, but only before a decision is recorded; after one,
    # closing needs a referral or the head's sign-off. Not from "reported": a concern is
    # judged out of scope at the review, never before anyone has reviewed it.
    Edge(
        Transition.CLOSE_OUT_OF_SCOPE,
        frozenset({State.INITIAL_REVIEW}),
        State.CLOSED,
        _CHANGE,
        True,
        refused_if=frozenset({Fact.DECISION_RECORDED}),
    ),
)


class IllegalTransition(Exception):
    """A transition that the journey does not allow from where the incident is."""

    def __init__(self, transition: str, state: str, why: str) -> None:
        super().__init__(f"{transition} from {state}: {why}")
        self.transition = transition
        self.state = state
        self.why = why


def edge_for(transition: Transition | str) -> Edge:
    for edge in EDGES:
        if edge.transition == transition:
            return edge
    raise IllegalTransition(str(transition), "", "unknown transition")


def check(
    transition: Transition | str,
    state: State | str,
    roles: Iterable[str],
    reason: str = "",
    facts: Iterable[Fact | str] | None = None,
) -> State:
    """The state after the transition, or IllegalTransition saying why not.

    `roles` are the person's roles in the incident's setting; `facts` the facts (`Fact`)
    that hold for the record, or None when the caller has not looked. A step with a
    condition on the facts is refused when they are not given."""
    edge = edge_for(transition)
    current = State(state)
    if current not in edge.sources:
        raise IllegalTransition(str(transition), current, "not_from_this_state")
    if not grants(roles, edge.permission):
        raise IllegalTransition(str(transition), current, "role_not_allowed")
    if edge.refused_if:
        if facts is None:
            raise IllegalTransition(str(transition), current, "facts_unknown")
        blocking = sorted(edge.refused_if & {Fact(f) for f in facts})
        if blocking:
            raise IllegalTransition(str(transition), current, str(blocking[0]))
    if edge.reason_required and not reason.strip():
        raise IllegalTransition(str(transition), current, "reason_required")
    return edge.target


def available(
    state: State | str, roles: Iterable[str], facts: Iterable[Fact | str] | None = None
) -> list[Transition]:
    """The steps the roles may take from the state, given the facts that hold (a step with
    a condition on the facts is left out when they are not given)."""
    current = State(state)
    roles = set(roles)
    holding = None if facts is None else {Fact(f) for f in facts}
    return [
        e.transition
        for e in EDGES
        if current in e.sources
        and grants(roles, e.permission)
        and not (e.refused_if and (holding is None or e.refused_if & holding))
    ]
