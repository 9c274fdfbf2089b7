"""The facts of an incident as the DSP knows them (decision-contract.md, "Input").

Every fact is optional: ``None`` means "not known yet". The dataclasses are immutable so a
decision can always be traced back to the exact facts it was made from.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal, get_args

Role = Literal["pictured", "creator", "sender", "recipient", "sharer", "possessor"]
AdultInvolvement = Literal["none", "suspected", "confirmed", "unknown"]

# The values of each Literal, in its order: one list, read by the type checker and at run time.
ROLES: Final[tuple[Role, ...]] = get_args(Role)
ADULT_INVOLVEMENT_VALUES: Final[tuple[AdultInvolvement, ...]] = get_args(AdultInvolvement)

#: The adult-involvement sign codes of "Assessing adult-involved incidents", in checklist order.
ADULT_SIGN_CODES: Final[tuple[str, ...]] = (
    "unknown_account_posing_as_peer",
    "hacked_peer_account",
    "quickly_sexually_explicit",
    "offender_shared_images_first",
    "moved_to_private_or_e2ee",
    "pressured_or_coerced",
    "offered_money_or_gifts",
    "threatened_or_blackmailed",
    "told_they_were_hacked",
    "asked_for_money_or_bank_details",
)

#: What the incident's circumstances aggravate ("Aggravated incidents").
AGGRAVATING_FACTS: Final[tuple[str, ...]] = (
    "intent_to_harm",
    "profit_motive",
    "persistent_behaviour",
)

#: How the image was made and shared.
SHARING_FACTS: Final[tuple[str, ...]] = (
    "shared_without_consent",
    "shared_beyond_intended_recipient",
    "shared_online",
    "in_relationship",
    "self_only_no_sharing",
    "ai_generated_or_manipulated",
    "imagery_on_devices_suspected",
)

#: The incident-level yes/no facts of the contract, in the contract's order.
INCIDENT_FLAGS: Final[tuple[str, ...]] = (
    "coercion",
    "blackmail",
    "grooming",
    "financial_demand",
    "capacity_to_consent_concern",
    "content_sexual_acts",
    "content_unusual_for_developmental_stage",
    "content_violent",
    "immediate_risk_of_harm",
    *AGGRAVATING_FACTS,
    *SHARING_FACTS,
)

#: The per-child yes/no facts of the contract.
CHILD_FLAGS: Final[tuple[str, ...]] = (
    "has_social_worker",
    "additional_learning_needs",
    "informing_parents_would_put_at_risk",
)


@dataclass(frozen=True, slots=True)
class ChildFacts:
    """One child or young person involved in the incident."""

    ref: str
    age: int | None = None
    #: ``None`` means the child's roles are not known yet (which may include ``pictured``).
    roles: tuple[Role, ...] | None = None
    has_social_worker: bool | None = None
    additional_learning_needs: bool | None = None
    informing_parents_would_put_at_risk: bool | None = None

    def has_role(self, role: Role) -> bool:
        return self.roles is not None and role in self.roles


@dataclass(frozen=True, slots=True)
class IncidentFacts:
    """Everything the engine needs to know about one incident."""

    children: tuple[ChildFacts, ...]
    adult_involvement: AdultInvolvement | None = None
    #: ``None`` (not recorded) is treated like an empty checklist.
    adult_signs: tuple[str, ...] | None = None
    coercion: bool | None = None
    blackmail: bool | None = None
    grooming: bool | None = None
    financial_demand: bool | None = None
    capacity_to_consent_concern: bool | None = None
    content_sexual_acts: bool | None = None
    content_unusual_for_developmental_stage: bool | None = None
    content_violent: bool | None = None
    immediate_risk_of_harm: bool | None = None
    intent_to_harm: bool | None = None
    profit_motive: bool | None = None
    persistent_behaviour: bool | None = None
    shared_without_consent: bool | None = None
    shared_beyond_intended_recipient: bool | None = None
    shared_online: bool | None = None
    in_relationship: bool | None = None
    self_only_no_sharing: bool | None = None
    ai_generated_or_manipulated: bool | None = None
    imagery_on_devices_suspected: bool | None = None

    def __post_init__(self) -> None:
        if not self.children:
            raise ValueError("an incident needs at least one child")
        refs = [child.ref for child in self.children]
        if len(set(refs)) != len(refs):
            raise ValueError("child refs must be unique within an incident")
        for code in self.adult_signs or ():
            if code not in ADULT_SIGN_CODES:
                raise ValueError(f"unknown adult sign code {code!r}")
        if self.adult_involvement is not None and (
            self.adult_involvement not in ADULT_INVOLVEMENT_VALUES
        ):
            raise ValueError(f"unknown adult_involvement {self.adult_involvement!r}")
        for child in self.children:
            if child.age is not None and not 0 <= child.age <= 17:
                raise ValueError(f"child {child.ref!r}: age must be from 0 to 17")
            for role in child.roles or ():
                if role not in ROLES:
                    raise ValueError(f"child {child.ref!r}: unknown role {role!r}")

    @property
    def signs(self) -> tuple[str, ...]:
        return self.adult_signs or ()
