"""What the initial review stored from the decision engine, read back the one way.

Every Review keeps the engine's input and output as JSON beside the DSP's own decision
(R-129). Later stages read them here: the latest review, its facts and conclusions, and the
few parts of them the action plan uses. A stored value that is not a JSON object (an old or
damaged row) reads as empty, never as an error on the page.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from ymateb.incidents.models import Incident, Review
from ymateb.rules.facts import ROLES


def latest_review(incident: Incident) -> Review | None:
    """The newest review of the incident (the one whose decision stands)."""
    return incident.reviews.select_related("created_by").order_by("-created_at").first()


def read_json(text: str | None) -> dict[str, Any]:
    """A stored JSON object, or {} for anything else."""
    try:
        value = json.loads(text or "{}")
    except (TypeError, ValueError):
        return {}
    return value if isinstance(value, dict) else {}


def engine_input_of(review: Review) -> dict[str, Any]:
    return read_json(review.engine_input)


def engine_output_of(review: Review) -> dict[str, Any]:
    return read_json(review.engine_output)


def latest_engine_output(incident: Incident) -> dict[str, Any] | None:
    """The engine's output stored with the newest review; None before any review."""
    review = latest_review(incident)
    return engine_output_of(review) if review else None


def has_trigger(incident: Incident, trigger: str) -> bool:
    """Whether the newest review found this immediate-referral trigger."""
    triggers = (latest_engine_output(incident) or {}).get("triggers") or []
    return isinstance(triggers, list) and trigger in triggers


@dataclass(frozen=True)
class EngineView:
    """The parts of the latest review's engine input and output the action plan uses."""

    parents: dict[str, str] = field(default_factory=dict)
    shared_online: bool = False
    device_action: str | None = None
    ai_generated: bool | None = None
    roles_by_ref: dict[str, list[str]] = field(default_factory=dict)


def engine_view(incident: Incident) -> EngineView:
    review = latest_review(incident)
    if review is None:
        return EngineView()
    given = engine_input_of(review)
    output = engine_output_of(review)
    parents = output.get("parents") or {}
    reasons = {r.get("code") for r in output.get("reasons") or [] if isinstance(r, dict)}
    roles_by_ref = {
        str(c.get("ref")): [r for r in (c.get("roles") or []) if r in ROLES]
        for c in given.get("children") or []
        if isinstance(c, dict)
    }
    ai = given.get("ai_generated_or_manipulated")
    return EngineView(
        parents={str(k): str(v) for k, v in parents.items()} if isinstance(parents, dict) else {},
        shared_online=given.get("shared_online") is True or "contain_online_spread" in reasons,
        device_action=output.get("device_action"),
        ai_generated=ai if isinstance(ai, bool) else None,
        roles_by_ref=roles_by_ref,
    )
