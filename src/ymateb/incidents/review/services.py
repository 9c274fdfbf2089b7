"""The initial review meeting, the decision, and leadership sign-off ("Initial review meeting",
"Assessing adult-involved incidents", "Recording incidents").

A thin adapter turns the DSP's answers into the decision engine's facts, in exactly the form
of decision-contract.md; the engine's input, output and rules version are stored with every
Review, beside the DSP's own decision (R-129). Writes follow the pattern of services.py:
lock the incident, change the data, then `record_change` in the same transaction.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ymateb import rules
from ymateb.incidents import changes, workflow
from ymateb.incidents.changes import Refused
from ymateb.incidents.models import Incident, IncidentChild, IncidentEvent, Review
from ymateb.records.retention import retention_until
from ymateb.rules.facts import CHILD_FLAGS, INCIDENT_FLAGS
from ymateb.ui.language import is_welsh

#: The guidance's own words, shown whenever handling in the setting is not open.
DOUBT_RULE = gettext_lazy(
    "“If you have any doubts about whether to involve other agencies, you should make a "
    "report to the police.” (Initial review meeting)"
)

TRIGGER_LABELS: dict[str, Any] = {
    "adult_involvement": gettext_lazy("An adult is involved, or is suspected to be"),
    "coercion_blackmail_grooming_or_consent": gettext_lazy(
        "A child has been coerced, blackmailed or groomed, or there is a concern about their "
        "capacity to consent"
    ),
    "unusual_or_violent_content": gettext_lazy(
        "The imagery suggests sexual acts unusual for the child's developmental stage, or violence"
    ),
    "sexual_acts_under_13": gettext_lazy(
        "The imagery involves sexual acts and a child in it is under 13"
    ),
    "immediate_risk_of_harm": gettext_lazy("A child is at immediate risk of harm"),
}

#: What each engine fact asks, for the form's labels and the list of missing facts.
FACT_LABELS: dict[str, Any] = {
    "adult_involvement": gettext_lazy("Is an adult involved?"),
    "coercion": gettext_lazy("Was a child coerced or put under pressure?"),
    "blackmail": gettext_lazy("Was a child blackmailed or threatened?"),
    "grooming": gettext_lazy("Was a child groomed?"),
    "financial_demand": gettext_lazy("Was there a demand for money or bank details?"),
    "capacity_to_consent_concern": gettext_lazy(
        "Is there a concern about a child's capacity to consent?"
    ),
    "content_sexual_acts": gettext_lazy("Does the imagery involve sexual acts?"),
    "content_unusual_for_developmental_stage": gettext_lazy(
        "Are the sexual acts unusual for the child's developmental stage?"
    ),
    "content_violent": gettext_lazy("Is the content violent?"),
    "immediate_risk_of_harm": gettext_lazy("Is a child at immediate risk of harm?"),
    "intent_to_harm": gettext_lazy("Was it meant to shame, hurt or control someone?"),
    "profit_motive": gettext_lazy("Was anyone trying to make money, for example by selling it?"),
    "persistent_behaviour": gettext_lazy("Is this part of a pattern, not a single incident?"),
    "shared_without_consent": gettext_lazy(
        "Was it taken or shared without the pictured child's consent?"
    ),
    "shared_beyond_intended_recipient": gettext_lazy(
        "Was it shared beyond the person it was meant for?"
    ),
    "shared_online": gettext_lazy("Was it shared on social media or anywhere else online?"),
    "in_relationship": gettext_lazy("Were the children in a relationship?"),
    "self_only_no_sharing": gettext_lazy("Did the child keep the image to themselves?"),
    "ai_generated_or_manipulated": gettext_lazy("Was the image AI-generated or manipulated?"),
    "imagery_on_devices_suspected": gettext_lazy("Might the imagery be on a device?"),
    "has_social_worker": gettext_lazy("Has (or had) a social worker"),
    "additional_learning_needs": gettext_lazy("Has additional learning needs"),
    "informing_parents_would_put_at_risk": gettext_lazy(
        "Informing their parents or carers would put them at risk"
    ),
    "age": gettext_lazy("Age"),
}

ROLE_LABELS: dict[str, Any] = {
    "pictured": gettext_lazy("Pictured"),
    "creator": gettext_lazy("Created the image"),
    "sender": gettext_lazy("Sent it"),
    "recipient": gettext_lazy("Received it"),
    "sharer": gettext_lazy("Passed on someone else's image"),
    "possessor": gettext_lazy("Has it"),
}

TYPOLOGY_LABELS: dict[str, Any] = {
    "aggravated.adult.sexually_motivated": gettext_lazy(
        "Aggravated: adult involved, sexually motivated"
    ),
    "aggravated.adult.financially_motivated": gettext_lazy(
        "Aggravated: adult involved, financially motivated (sextortion)"
    ),
    "aggravated.youth.intent_to_harm": gettext_lazy("Aggravated, youth only: intent to harm"),
    "aggravated.youth.reckless_misuse": gettext_lazy("Aggravated, youth only: reckless misuse"),
    "experimental.romantic": gettext_lazy("Experimental: romantic"),
    "experimental.attention_seeking": gettext_lazy("Experimental: attention seeking"),
    "experimental.other": gettext_lazy("Experimental: other"),
}

PARENTS_LABELS: dict[str, Any] = {
    "inform": gettext_lazy("Inform their parents or carers"),
    "refer_to_social_services": gettext_lazy(
        "Do not inform their parents or carers: refer to children's social services"
    ),
}

DEVICE_LABELS: dict[str, Any] = {
    "do_not_delete_seize_and_retain": gettext_lazy(
        "Do not delete anything. Seize and retain the device in the state it was found."
    ),
    "request_deletion_with_deadline": gettext_lazy(
        "Ask for the imagery to be deleted, with a deadline, and record the confirmation."
    ),
}


# --- the adapter: the DSP's answers → the engine's facts -------------------------------------


def child_key(child: IncidentChild, name: str) -> str:
    """The form field of one child's answer, e.g. ``child_A_age``."""
    return f"child_{child.ref}_{name}"


def _tri(value: Any) -> bool | None:
    if value in (True, "yes"):
        return True
    if value in (False, "no"):
        return False
    return None


def facts_from_review(
    cleaned: Mapping[str, Any], children: Sequence[IncidentChild]
) -> dict[str, Any]:
    """The engine input, in exactly the contract's form, from a review form's cleaned data.

    Yes/no answers are ``"yes"``/``"no"``; anything else ("not known", unanswered, or a value
    the form refused) is ``None``: not known yet. Roles left unticked are not known either.
    """
    kids: list[dict[str, Any]] = []
    for child in children:
        age = cleaned.get(child_key(child, "age"))
        roles = [
            r for r in rules.facts.ROLES if r in (cleaned.get(child_key(child, "roles")) or [])
        ]
        entry: dict[str, Any] = {"ref": child.ref, "age": age if isinstance(age, int) else None}
        entry["roles"] = roles or None
        for name in CHILD_FLAGS:
            entry[name] = _tri(cleaned.get(child_key(child, name)))
        kids.append(entry)
    facts: dict[str, Any] = {"children": kids}
    adult = cleaned.get("adult_involvement") or None
    facts["adult_involvement"] = adult if adult in rules.facts.ADULT_INVOLVEMENT_VALUES else None
    chosen = set(cleaned.get("adult_signs") or [])
    facts["adult_signs"] = [code for code in rules.facts.ADULT_SIGN_CODES if code in chosen]
    for name in INCIDENT_FLAGS:
        facts[name] = _tri(cleaned.get(name))
    return facts


def assess(facts: dict[str, Any]) -> dict[str, Any]:
    """The engine's decision for the facts (contract form)."""
    return rules.assess_dict(facts)


# --- what the recommendation panel shows -------------------------------------------------------


@dataclass(frozen=True)
class ShownReason:
    code: str
    section: str
    text: str


@dataclass(frozen=True)
class Recommendation:
    """The engine's output as the panel shows it, in the current language."""

    output: dict[str, Any]
    headline: str
    tone: str  # "refer", "in_setting" or "open"
    triggers: list[str]
    missing: list[str]
    typology: str | None
    parents: list[tuple[str, str]]
    device_action: str | None
    reasons: list[ShownReason]
    rules_version: str
    inform_social_services: bool
    nca_ceop: bool
    extra: list[str] = field(default_factory=list)

    @property
    def referral_required(self) -> bool:
        return bool(self.output.get("referral_required"))

    @property
    def in_setting_allowed(self) -> bool:
        return bool(self.output.get("in_setting_handling_allowed"))


def fact_label(path: str, children: Sequence[Any]) -> str:
    """A missing fact (``coercion``, ``children[1].age``) in words."""
    if path.startswith("children["):
        index_text, _sep, name = path[len("children[") :].partition("].")
        try:
            ref = children[int(index_text)].ref
        except (ValueError, IndexError):
            ref = index_text
        label = FACT_LABELS.get(name, name)
        return _("Child %(ref)s: %(fact)s") % {"ref": ref, "fact": label}
    return str(FACT_LABELS.get(path, path))


def recommendation(output: dict[str, Any], children: Sequence[Any]) -> Recommendation:
    welsh = is_welsh()
    triggers = [str(TRIGGER_LABELS.get(t, t)) for t in output.get("triggers", [])]
    missing = [fact_label(p, children) for p in output.get("missing_facts", [])]
    if output.get("immediate_referral"):
        headline, tone = _("Refer now to the police or children's social services"), "refer"
    elif output.get("referral_required"):
        headline, tone = _("Refer to the police or children's social services"), "refer"
    elif output.get("in_setting_handling_allowed"):
        headline = _(
            "No reason to refer has been found: the setting may handle this itself, with a "
            "recorded reason and leadership sign-off"
        )
        tone = "in_setting"
    else:
        headline = _(
            "Not decided yet: find out what is not known, or refer. The incident cannot be "
            "handled in the setting while facts are missing"
        )
        tone = "open"
    typology = output.get("typology")
    parents = [
        (str(ref), str(PARENTS_LABELS.get(action, action)))
        for ref, action in (output.get("parents") or {}).items()
    ]
    device = output.get("device_action")
    reasons = [
        ShownReason(
            code=str(r.get("code", "")),
            section=str(r.get("section", "")),
            text=str(
                r.get("explanation_cy")
                if welsh and r.get("explanation_cy")
                else r.get("explanation", "")
            ),
        )
        for r in output.get("reasons", [])
    ]
    return Recommendation(
        output=output,
        headline=headline,
        tone=tone,
        triggers=triggers,
        missing=missing,
        typology=str(TYPOLOGY_LABELS.get(typology, typology)) if typology else None,
        parents=parents,
        device_action=str(DEVICE_LABELS.get(device, device)) if device else None,
        reasons=reasons,
        rules_version=str(output.get("rules_version", rules.RULES_VERSION)),
        inform_social_services=bool(output.get("inform_social_services")),
        nca_ceop=bool(output.get("report_to_nca_ceop_recommended")),
    )


def why_not_in_setting(output: dict[str, Any], children: Sequence[Any]) -> str:
    """Why handling in the setting is refused: the triggers, the factors or the missing facts,
    and the guidance's rule for doubt."""
    parts: list[str] = []
    triggers = [str(TRIGGER_LABELS.get(t, t)) for t in output.get("triggers", [])]
    if triggers:
        parts.append(
            _("An immediate referral is needed: %(triggers)s.") % {"triggers": "; ".join(triggers)}
        )
    elif output.get("referral_required"):
        parts.append(
            _(
                "Referral is required: there are abusive or aggravating factors, or informing "
                "a child's parents or carers would put them at risk."
            )
        )
    missing = [fact_label(p, children) for p in output.get("missing_facts", [])]
    if missing:
        parts.append(_("Not known yet: %(facts)s.") % {"facts": "; ".join(missing)})
    parts.append(str(DOUBT_RULE))
    return _("You cannot handle this in the setting.") + " " + " ".join(parts)


def decision_differs(decision: str, output: dict[str, Any]) -> bool:
    """A decision differs from the recommendation when the DSP refers although the engine
    found handling in the setting open. (Handling in the setting against the engine is
    refused outright; referring while facts are missing follows the guidance's rule for
    doubt, so it does not differ.)"""
    return decision == Review.Decision.REFER and bool(output.get("in_setting_handling_allowed"))


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


def review_start(
    *, by: Any, incident_id: Any, request: HttpRequest | None, expected_version: int | None
) -> Incident:
    """The DSP starts the initial review meeting (reported → initial review)."""
    return changes.incident_transition(
        by=by,
        incident_id=incident_id,
        transition=workflow.Transition.START_REVIEW,
        request=request,
        expected_version=expected_version,
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


def review_save(
    *,
    by: Any,
    incident_id: Any,
    data: ReviewInput,
    expected_version: int | None,
    request: HttpRequest | None = None,
) -> tuple[Review, Incident]:
    """Record the initial review meeting (a new Review; old ones are never edited).

    The engine runs here again on the facts given, so what is stored is exactly what the
    engine said. A decision to handle the incident in the setting is refused unless the
    engine allows it, and needs a reason (R-104, R-175); a decision that differs from the
    recommendation needs its own reason (R-129). A decision to refer moves the incident to
    "referred" in the same transaction.
    """
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
