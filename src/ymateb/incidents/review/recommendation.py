"""What the review page shows beside the DSP's answers: the decision engine's
recommendation in words, with the guidance section of each reason ("Initial review meeting",
"Assessing adult-involved incidents")."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ymateb import rules
from ymateb.incidents.models import Review
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
