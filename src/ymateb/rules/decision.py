"""What the decision engine concludes: a Decision with its Reasons (decision-contract.md,
"Output"). Plain frozen dataclasses; `Decision.to_dict()` is the contract's JSON."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Final, Literal

from ymateb.rules.registry import Rule

#: The guidance edition these rules implement. Bump it whenever a rule changes.
RULES_VERSION: Final = "wales-2025.1"

EffectiveAdultInvolvement = Literal["none", "suspected", "confirmed", "unknown"]
ParentsAction = Literal["inform", "refer_to_social_services"]
DeviceAction = Literal["do_not_delete_seize_and_retain", "request_deletion_with_deadline"]

IF_NOT_REFERRED: Final[tuple[str, ...]] = ("record_reason", "leadership_signoff")


@dataclass(frozen=True, slots=True)
class Reason(Rule):
    """Why the engine reached one conclusion: the rule it applied, and the input facts it
    rests on (as JSON paths, e.g. ``blackmail`` or ``children[0].age``)."""

    facts: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "section": self.section,
            "explanation": self.explanation,
            "explanation_cy": self.explanation_cy,
            "requirements": list(self.requirements),
            "conclusion": self.conclusion,
            "facts": list(self.facts),
        }


@dataclass(frozen=True, slots=True)
class Decision:
    """The engine's recommendation for one incident (decision-contract.md, "Output")."""

    immediate_referral: bool
    triggers: tuple[str, ...]
    referral_required: bool
    typology: str | None
    in_setting_handling_allowed: bool
    missing_facts: tuple[str, ...]
    inform_social_services: bool
    #: Child ref -> action, in the order the children were given.
    parents: tuple[tuple[str, ParentsAction], ...]
    device_action: DeviceAction | None
    if_not_referred: tuple[str, ...]
    reasons: tuple[Reason, ...]
    rules_version: str = RULES_VERSION
    adult_involvement_effective: EffectiveAdultInvolvement = "unknown"
    capacity_to_consent_must_be_answered: bool = False
    #: Unknown facts that do not block handling in the setting but may still change an outcome.
    facts_to_confirm: tuple[str, ...] = ()
    under_13_involved: bool = False
    report_to_nca_ceop_recommended: bool = False
    warnings: tuple[Reason, ...] = field(default=())

    @property
    def parents_by_ref(self) -> dict[str, ParentsAction]:
        return dict(self.parents)

    def reason_codes(self) -> tuple[str, ...]:
        return tuple(reason.code for reason in self.reasons)

    def to_dict(self) -> dict[str, Any]:
        """The decision as the contract's JSON object, keys in a stable order."""
        return {
            "immediate_referral": self.immediate_referral,
            "triggers": list(self.triggers),
            "referral_required": self.referral_required,
            "typology": self.typology,
            "in_setting_handling_allowed": self.in_setting_handling_allowed,
            "missing_facts": list(self.missing_facts),
            "inform_social_services": self.inform_social_services,
            "parents": dict(self.parents),
            "device_action": self.device_action,
            "if_not_referred": list(self.if_not_referred),
            "reasons": [reason.to_dict() for reason in self.reasons],
            "rules_version": self.rules_version,
            "adult_involvement_effective": self.adult_involvement_effective,
            "capacity_to_consent_must_be_answered": self.capacity_to_consent_must_be_answered,
            "facts_to_confirm": list(self.facts_to_confirm),
            "under_13_involved": self.under_13_involved,
            "report_to_nca_ceop_recommended": self.report_to_nca_ceop_recommended,
            "warnings": [warning.to_dict() for warning in self.warnings],
        }
