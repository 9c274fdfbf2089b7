"""Starting and recording the initial review meeting and the DSP's decision ("Initial review
meeting"). The engine's input, output and rules version are stored with every Review, beside
the DSP's own decision (R-129); the write locks the incident, changes the data and calls
`record_change` in the same transaction.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Unpack

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from ymateb import rules
from ymateb.incidents import changes, workflow
from ymateb.incidents.changes import Refused, Who
from ymateb.incidents.models import Incident, IncidentEvent, Review
from ymateb.incidents.review.facts import assess
from ymateb.incidents.review.recommendation import decision_differs, why_not_in_setting
from ymateb.records.retention import retention_until

# --- writes ----------------------------------------------------------------------------------


class ReviewRefused(Refused):
    """A review or decision the rules do not allow; `message` says why, in words."""


@dataclass(frozen=True)
class ReviewInput:
    held_at: datetime
    attendees: str
    facts: dict[str, Any]
    image_creator: str = ""
    where_shared: str = ""
    other_settings: str = ""
    parents_notes: str = ""
    decision: str = Review.Decision.UNDECIDED
    decision_reason: str = ""
    differs_reason: str = ""
    confident: bool = False
    #: child ref -> (age, roles) as answered, to keep the incident's children up to date.
    children: dict[str, tuple[int | None, list[str]]] = field(default_factory=dict)


def review_start(**who: Unpack[Who]) -> Incident:
    """The DSP starts the initial review meeting (reported → initial review)."""
    return changes.incident_transition(
        **who,
        transition=workflow.Transition.START_REVIEW,
    )


def _update_children(incident: Incident, answers: dict[str, tuple[int | None, list[str]]]) -> int:
    changed = 0
    kids = list(incident.children.all())
    for child in kids:
        if child.ref not in answers:
            continue
        age, roles = answers[child.ref]
        fields = []
        if age is not None and age != child.age:
            child.age = age
            fields.append("age")
        if roles and roles != list(child.roles or []):
            child.roles = roles
            fields.append("roles")
        if fields:
            child.save(update_fields=fields)
            changed += 1
    if changed:
        # Never keep the record for less time than before (records.retention).
        from datetime import date

        births = []
        for child in kids:
            try:
                dob = date.fromisoformat(child.date_of_birth) if child.date_of_birth else None
            except ValueError:
                dob = None
            births.append((dob, child.age))
        until = retention_until(
            births, incident.reported_at.date(), settings.YMATEB_RETENTION_YEARS
        )
        if incident.retention_until is None or until > incident.retention_until:
            incident.retention_until = until
            incident.save(update_fields=["retention_until"])
    return changed


def review_save(*, data: ReviewInput, **who: Unpack[Who]) -> tuple[Review, Incident]:
    """Record the initial review meeting (a new Review; old ones are never edited).

    The engine runs here again on the facts given, so what is stored is exactly what the
    engine said. A decision to handle the incident in the setting is refused unless the
    engine allows it, and needs a reason (R-104, R-175); a decision that differs from the
    recommendation needs its own reason (R-129). A decision to refer moves the incident to
    "referred" in the same transaction.
    """
    by = who["by"]
    incident_id = who["incident_id"]
    request = who.get("request")
    expected_version = who.get("expected_version")
    output = assess(data.facts)
    with transaction.atomic():
        incident = changes.incident_for_change(
            user=by, incident_id=incident_id, expected_version=expected_version
        )
        state = incident.state
        if state == workflow.State.REPORTED:
            raise ReviewRefused(_("Start the initial review before recording it."))
        if state == workflow.State.AWAITING_SIGN_OFF and data.decision != Review.Decision.REFER:
            raise ReviewRefused(
                _(
                    "The decision is waiting for leadership sign-off. It can be returned to "
                    "you, or you can still decide to refer."
                )
            )
        children = list(incident.children.all())
        if data.decision == Review.Decision.HANDLE_IN_SETTING:
            if not output["in_setting_handling_allowed"]:
                raise ReviewRefused(why_not_in_setting(output, children))
            if not data.decision_reason.strip():
                raise ReviewRefused(_("Record the reason for not referring (Recording incidents)."))
            if not data.confident:
                raise ReviewRefused(
                    _("Confirm you are confident the risks can be managed in the setting.")
                )
        differs = decision_differs(data.decision, output)
        if differs and not data.differs_reason.strip():
            raise ReviewRefused(_("Say why your decision differs from the recommendation."))
        review = Review.objects.create(
            incident=incident,
            held_at=data.held_at,
            attendees=data.attendees,
            image_creator=data.image_creator,
            where_shared=data.where_shared,
            other_settings=data.other_settings,
            parents_notes=data.parents_notes,
            engine_input=json.dumps(data.facts, ensure_ascii=False, sort_keys=False),
            engine_output=json.dumps(output, ensure_ascii=False, sort_keys=False),
            rules_version=str(output.get("rules_version", rules.RULES_VERSION)),
            recommended_referral=bool(output["referral_required"]),
            typology=output.get("typology") or "",
            decision=data.decision,
            decision_reason=data.decision_reason,
            differs_reason=data.differs_reason if differs else "",
            created_by=by,
        )
        children_changed = _update_children(incident, data.children)
        changes.record_change(
            incident=incident,
            by=by,
            kind=IncidentEvent.Kind.REVIEW_SAVED,
            request=request,
            audit_action="create",
            params={
                "review_id": str(review.pk),
                "decision": data.decision,
                "recommended_referral": review.recommended_referral,
                "in_setting_handling_allowed": bool(output["in_setting_handling_allowed"]),
                "triggers": list(output.get("triggers", [])),
                "missing_facts": len(output.get("missing_facts", [])),
                "typology": review.typology,
                "rules_version": review.rules_version,
                "differs": differs,
                "confident": data.confident,
                "children_updated": children_changed,
            },
        )
        if data.decision == Review.Decision.REFER and state != workflow.State.REFERRED:
            reason = data.decision_reason.strip() or (
                "Immediate referral: " + ", ".join(output.get("triggers", []))
                if output.get("triggers")
                else _("Referral decided at the initial review meeting")
            )
            incident = changes.incident_transition(
                by=by,
                incident_id=incident.pk,
                transition=workflow.Transition.REFER,
                reason=reason,
                request=request,
                expected_version=incident.version,
            )
    return review, incident
