"""Forms of the initial review meeting and the sign-off ("Initial review meeting",
"Recording incidents"). Every text field refuses image data (YmatebForm)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ymateb import rules
from ymateb.incidents.engine_record import engine_input_of
from ymateb.incidents.models import IncidentChild, Review
from ymateb.incidents.pages import VersionedForm
from ymateb.incidents.review import facts as engine_facts
from ymateb.incidents.review import recommendation as shown
from ymateb.incidents.review import services as sr
from ymateb.incidents.review.facts import child_key
from ymateb.rules.facts import CHILD_FLAGS, INCIDENT_FLAGS, ROLES
from ymateb.ui import fields
from ymateb.ui.dates import read_date, read_time
from ymateb.ui.forms import clean_all_text

TRISTATE = (
    ("yes", gettext_lazy("Yes")),
    ("no", gettext_lazy("No")),
    ("unknown", gettext_lazy("Not known")),
)

ADULT_CHOICES = (
    ("none", gettext_lazy("No")),
    ("suspected", gettext_lazy("Suspected")),
    ("confirmed", gettext_lazy("Yes, confirmed")),
    ("unknown", gettext_lazy("Not known")),
)

#: The facts asked under each of the five immediate-referral questions (the codes of
#: ymateb/rules/content/questions.yaml).
QUESTION_FACTS: dict[str, tuple[str, ...]] = {
    "adult_involvement": ("financial_demand",),
    "coercion_blackmail_grooming_or_consent": (
        "coercion",
        "blackmail",
        "grooming",
        "capacity_to_consent_concern",
    ),
    "unusual_or_violent_content": ("content_unusual_for_developmental_stage", "content_violent"),
    "sexual_acts_under_13": ("content_sexual_acts",),
    "immediate_risk_of_harm": ("immediate_risk_of_harm",),
}
MAX_TEXT = 10000


def long_text(label: Any, *, required: bool = False, message: Any = None) -> forms.CharField:
    errors = {"max_length": gettext_lazy("Keep this to 10,000 characters or fewer")}
    if message:
        errors["required"] = message
    return forms.CharField(
        label=label, required=required, max_length=MAX_TEXT, widget=forms.Textarea,
        error_messages=errors,
    )  # fmt: skip


def _tristate(label: Any) -> forms.ChoiceField:
    return fields.select(label, TRISTATE)


class ReviewForm(VersionedForm):
    """The initial review meeting: who, when, the five questions, the facts, the decision."""

    held, held_time = fields.moment(gettext_lazy("Date of the meeting"), gettext_lazy("Time"))
    attendees = fields.long_text(
        gettext_lazy("Who attended"),
        2000,
        gettext_lazy("Who attended must be 2,000 characters or fewer"),
        missing=gettext_lazy("Enter who attended the meeting"),
    )
    adult_involvement = fields.select(shown.FACT_LABELS["adult_involvement"], ADULT_CHOICES)
    adult_signs = forms.MultipleChoiceField(
        label=gettext_lazy("Signs of adult involvement"),
        required=False,
        choices=[(s.code, s.label) for s in rules.ADULT_SIGNS],
    )
    image_creator = fields.select(gettext_lazy("Who created the image?"))
    where_shared = long_text(gettext_lazy("How widely, and where, was it shared?"))
    other_settings = long_text(gettext_lazy("Other settings or people to contact"))
    parents_notes = long_text(gettext_lazy("Parents and carers"))
    decision = fields.select(
        gettext_lazy("Your decision"),
        Review.Decision.choices,
        missing=gettext_lazy("Choose your decision, or 'Not decided yet'"),
    )
    decision_reason = long_text(gettext_lazy("Reason for the decision"))
    differs_reason = long_text(gettext_lazy("Why your decision differs from the recommendation"))
    confident = forms.BooleanField(
        required=False,
        label=gettext_lazy(
            "I am confident I have enough information to assess the risks, and that they can "
            "be managed within the setting's pastoral support and disciplinary framework"
        ),
    )

    def __init__(
        self, *args: Any, children: Sequence[IncidentChild], check_only: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.children = list(children)
        self.check_only = check_only
        for name in INCIDENT_FLAGS:
            if name not in self.fields:
                self.fields[name] = _tristate(shown.FACT_LABELS[name])
        creator_choices: list[tuple[str, Any]] = [
            (f"child:{c.ref}", _("Child %(ref)s") % {"ref": c.ref}) for c in self.children
        ]
        creator_choices += [("adult", _("An adult")), ("unknown", _("Not known"))]
        self.fields["image_creator"].choices = creator_choices  # type: ignore[attr-defined]
        for child in self.children:
            self.fields[child_key(child, "age")] = forms.IntegerField(
                label=_("Age"),
                required=False,
                min_value=0,
                max_value=17,
                error_messages={
                    "invalid": _("Child %(ref)s: age must be a whole number, like 14")
                    % {"ref": child.ref},
                    "min_value": _("Child %(ref)s: age must be 0 or more") % {"ref": child.ref},
                    "max_value": _(
                        "Child %(ref)s: a person aged 18 or over is not a child under this "
                        "guidance. Record them as an adult involved."
                    )
                    % {"ref": child.ref},
                },
            )
            self.fields[child_key(child, "roles")] = forms.MultipleChoiceField(
                label=_("Roles"),
                required=False,
                choices=[(r, shown.ROLE_LABELS[r]) for r in ROLES],
            )
            for name in CHILD_FLAGS:
                self.fields[child_key(child, name)] = _tristate(shown.FACT_LABELS[name])
        clean_all_text(self)  # the fields added here get the no-images check too
        self.error_anchors = {name: f"id_{name}" for name in self.fields}
        self.error_anchors["held"] = "id_held_day"
        self.facts: dict[str, Any] | None = None
        self.output: dict[str, Any] | None = None

    def child_rows(self) -> list[dict[str, Any]]:
        """Field names per child, for the template."""
        return [
            {
                "child": c,
                "age": child_key(c, "age"),
                "roles": child_key(c, "roles"),
                "flags": [(child_key(c, n), shown.FACT_LABELS[n]) for n in CHILD_FLAGS],
            }
            for c in self.children
        ]

    def engine(self) -> tuple[dict[str, Any], dict[str, Any]]:
        """The engine's facts and output for this form: what was posted (valid answers only),
        or, for a form not yet posted, its initial answers."""
        if self.facts is None or self.output is None:
            if self.is_bound:
                self.is_valid()
            if not self.is_bound or self.facts is None or self.output is None:
                self.facts = engine_facts.facts_from_review(self.initial, self.children)
                self.output = engine_facts.assess(self.facts)
        return self.facts, self.output

    def assess(self) -> tuple[dict[str, Any], dict[str, Any]]:
        """The engine's facts and output from whatever answers are valid so far."""
        cleaned = getattr(self, "cleaned_data", None) or {}
        facts = engine_facts.facts_from_review(cleaned, self.children)
        return facts, engine_facts.assess(facts)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        day = read_date(self, "held", required=True)
        at = read_time(self, "held_time")
        if not str(self.data.get("held_time", "")).strip():
            self.add_error("held_time", _("Enter the time the meeting was held, like 14:30"))
        if day is not None and at is not None:
            held_at = timezone.make_aware(datetime.combine(day, at))
            if held_at > timezone.now():
                self.add_error("held_time", _("The meeting time must be now or in the past"))
            cleaned["held_at"] = held_at
        self.cleaned_data = cleaned
        self.facts, self.output = self.assess()
        decision = cleaned.get("decision")
        reason = (cleaned.get("decision_reason") or "").strip()
        if decision == Review.Decision.HANDLE_IN_SETTING:
            if not self.output["in_setting_handling_allowed"]:
                self.add_error("decision", shown.why_not_in_setting(self.output, self.children))
            else:
                if not reason:
                    self.add_error(
                        "decision_reason",
                        _(
                            "Record the reason for not referring to the police or social "
                            "services (Recording incidents)"
                        ),
                    )
                if not cleaned.get("confident"):
                    self.add_error(
                        "confident",
                        _("Confirm you are confident the risks can be managed within the setting"),
                    )
        if decision and shown.decision_differs(decision, self.output):
            if not (cleaned.get("differs_reason") or "").strip():
                self.add_error(
                    "differs_reason",
                    _(
                        "Say why you are referring although the recommendation allows "
                        "handling it in the setting"
                    ),
                )
        return cleaned

    def review_input(self) -> sr.ReviewInput:
        c = self.cleaned_data
        facts, _output = self.engine()
        children: dict[str, tuple[int | None, list[str]]] = {
            child.ref: (
                c.get(child_key(child, "age")),
                [r for r in ROLES if r in (c.get(child_key(child, "roles")) or [])],
            )
            for child in self.children
        }
        return sr.ReviewInput(
            held_at=c["held_at"],
            attendees=c["attendees"],
            facts=facts,
            image_creator=c.get("image_creator") or "",
            where_shared=c.get("where_shared") or "",
            other_settings=c.get("other_settings") or "",
            parents_notes=c.get("parents_notes") or "",
            decision=c["decision"],
            decision_reason=c.get("decision_reason") or "",
            differs_reason=c.get("differs_reason") or "",
            confident=bool(c.get("confident")),
            children=children,
        )


def initial_from(review: Review | None, children: Sequence[IncidentChild]) -> dict[str, Any]:
    """What the form starts with: the newest review's answers, or the children as recorded."""
    initial: dict[str, Any] = {"decision": Review.Decision.UNDECIDED}
    if review is None:
        for child in children:
            initial[child_key(child, "age")] = child.age
            initial[child_key(child, "roles")] = list(child.roles or [])
        return initial
    facts = engine_input_of(review)
    held = timezone.localtime(review.held_at)
    initial.update(
        {
            "held_day": str(held.day),
            "held_month": str(held.month),
            "held_year": str(held.year),
            "held_time": held.strftime("%H:%M"),
            "attendees": review.attendees,
            "image_creator": review.image_creator,
            "where_shared": review.where_shared,
            "other_settings": review.other_settings,
            "parents_notes": review.parents_notes,
            "decision": review.decision,
            "decision_reason": review.decision_reason,
            "differs_reason": review.differs_reason,
        }
    )

    def word(value: Any) -> str:
        return {True: "yes", False: "no"}.get(value, "") if value is not None else "unknown"

    initial["adult_involvement"] = facts.get("adult_involvement") or "unknown"
    initial["adult_signs"] = list(facts.get("adult_signs") or [])
    for name in INCIDENT_FLAGS:
        initial[name] = word(facts.get(name))
    by_ref = {c.get("ref"): c for c in facts.get("children", []) if isinstance(c, dict)}
    for child in children:
        answered = by_ref.get(child.ref, {})
        initial[child_key(child, "age")] = answered.get("age", child.age)
        initial[child_key(child, "roles")] = list(answered.get("roles") or child.roles or [])
        for name in CHILD_FLAGS:
            initial[child_key(child, name)] = word(answered.get(name))
    return initial
