"""The incident's journey as a state machine. Plain Python: no Django, no database.

reported → initial review → referred, or handled in the setting (awaiting sign-off →
signed off) → actions → review → closed. Escalation to a referral is possible from every
open state ("Initial review meeting": escalate whenever a new fact calls for it). A concern
found to be outside this guidance (adult pornography, text-only messages) can be closed
from the first two states with a reason ("What this advice covers").
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


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


@dataclass(frozen=True)
class Edge:
    transition: Transition
    sources: frozenset[State]
    target: State
    roles: frozenset[str]
    reason_required: bool


_DSP = frozenset({"dsp", "deputy_dsp"})
_LEAD = frozenset({"leadership"})

EDGES: tuple[Edge, ...] = (
    Edge(Transition.START_REVIEW, frozenset({State.REPORTED}), State.INITIAL_REVIEW, _DSP, False),
    Edge(Transition.REFER, OPEN_STATES - {State.REFERRED}, State.REFERRED, _DSP, True),
    Edge(
        Transition.SEND_FOR_SIGN_OFF,
        frozenset({State.INITIAL_REVIEW}),
        State.AWAITING_SIGN_OFF,
        _DSP,
        True,
    ),
    Edge(Transition.SIGN_OFF, frozenset({State.AWAITING_SIGN_OFF}), State.SIGNED_OFF, _LEAD, False),
    Edge(
        Transition.RETURN_TO_REVIEW,
        frozenset({State.AWAITING_SIGN_OFF}),
        State.INITIAL_REVIEW,
        _LEAD | _DSP,
        True,
    ),
    Edge(
        Transition.START_ACTIONS,
        frozenset({State.REFERRED, State.SIGNED_OFF}),
        State.ACTIONS,
        _DSP,
        False,
    ),
    Edge(
        Transition.START_REVIEW_OF_DECISION, frozenset({State.ACTIONS}), State.REVIEW, _DSP, False
    ),
    Edge(Transition.RESUME_ACTIONS, frozenset({State.REVIEW}), State.ACTIONS, _DSP, False),
    Edge(
        Transition.CLOSE,
        frozenset({State.ACTIONS, State.REVIEW, State.REFERRED, State.SIGNED_OFF}),
        State.CLOSED,
        _DSP,
        True,
    ),
    Edge(
        Transition.CLOSE_OUT_OF_SCOPE,
        frozenset({State.REPORTED, State.INITIAL_REVIEW}),
        State.CLOSED,
        _DSP,
        True,
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
    transition: Transition | str, state: State | str, roles: set[str], reason: str = ""
) -> State:
    """The state after the transition, or IllegalTransition saying why not."""
    edge = edge_for(transition)
    current = State(state)
    if current not in edge.sources:
        raise IllegalTransition(str(transition), current, "not_from_this_state")
    if not (roles & edge.roles):
        raise IllegalTransition(str(transition), current, "role_not_allowed")
    if edge.reason_required and not reason.strip():
        raise IllegalTransition(str(transition), current, "reason_required")
    return edge.target


def available(state: State | str, roles: set[str]) -> list[Transition]:
    current = State(state)
    return [e.transition for e in EDGES if current in e.sources and roles & e.roles]
