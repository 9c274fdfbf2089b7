"""Forms of the risk step. Every text field refuses image data (YmatebForm)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ymateb.incidents.pages import VersionedForm
from ymateb.rules import INDICATORS, RISK_ASSESSMENT_QUESTIONS
from ymateb.ui import fields
from ymateb.ui.dates import MomentWords, read_moment
from ymateb.ui.language import is_welsh

ANSWER_MAX = 5000


class RiskAssessmentForm(VersionedForm):
    """The seven questions of "Assessing the risks" (R-121 to R-128), one field each, named by
    the question's code."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for number, question in enumerate(RISK_ASSESSMENT_QUESTIONS, start=1):
            self.fields[question.code] = fields.long_text(
                question.question_cy if is_welsh() else question.question,
                ANSWER_MAX,
                _("Each answer must be 5,000 characters or fewer"),
                missing=_("Answer question %(number)s. If you do not know yet, write that down")
                % {"number": number},
            )
        self.question_codes = [q.code for q in RISK_ASSESSMENT_QUESTIONS]

    def answers(self) -> dict[str, str]:
        return {code: self.cleaned_data[code] for code in self.question_codes}


HELD = MomentWords(
    no_date=_("Enter the date of the conversation"),
    no_time=_("Enter the time of the conversation, like 14:30"),
    too_early=_("The conversation must be on or after the day the concern was reported (%(date)s)"),
)


class InterviewForm(VersionedForm):
    """A conversation with one child (R-080): the statement in the child's own words, kept
    exactly as typed (R-169), or why a conversation is not appropriate."""

    HELD = "held"
    NOT_APPROPRIATE = "not_appropriate"

    error_anchors = {"conversation": "id_conversation", "held": "id_held_day"}

    conversation = fields.radios(
        None,
        [
            (HELD, _("Yes, I had a conversation with the child")),
            (NOT_APPROPRIATE, _("No, a conversation is not appropriate")),
        ],
    )
    held, held_time = fields.moment(_("When was the conversation?"), _("Time"))
    held_by = fields.text(
        _("Who held the conversation, and who else was there"),
        500,
        _("This must be 500 characters or fewer"),
    )
    statement = fields.long_text(
        _("The child's own words"),
        20000,
        _("The child's words must be 20,000 characters or fewer"),
        strip=False,
    )
    reason = fields.long_text(
        _("Why is a conversation not appropriate?"),
        5000,
        _("The reason must be 5,000 characters or fewer"),
    )

    def __init__(self, *args: Any, reported_on: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.reported_on = reported_on

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        choice = cleaned.get("conversation") or ""
        statement = cleaned.get("statement") or ""
        reason = cleaned.get("reason") or ""
        if not choice:  # no radio ticked: go by what was typed
            if statement.strip() and not reason.strip():
                choice = self.HELD
            elif reason.strip() and not statement.strip():
                choice = self.NOT_APPROPRIATE
        cleaned["conversation"] = choice
        if not choice:
            self.add_error(
                "conversation",
                _(
                    "Write down what the child said, or say why a conversation with them is "
                    "not appropriate"
                ),
            )
            return cleaned
        if choice == self.HELD:
            cleaned["reason"] = ""
            if not statement.strip():
                self.add_error("statement", _("Write down what the child said, in their own words"))
            if not (cleaned.get("held_by") or "").strip():
                self.add_error("held_by", _("Enter who held the conversation"))
            cleaned["held_at"] = read_moment(self, "held", floor=self.reported_on, words=HELD)
        else:
            cleaned["statement"] = ""
            cleaned["held_at"] = None
            cleaned["held_by"] = ""
            if not reason.strip():
                self.add_error("reason", _("Say why a conversation is not appropriate"))
        return cleaned


class ContinuumForm(VersionedForm):
    """Hackett's continuum for one child in this incident (R-069 to R-074)."""

    error_anchors = {"indicators": "id_indicators_normal"}

    indicators = forms.MultipleChoiceField(
        choices=[(code, indicator.label) for code, indicator in INDICATORS.items()],
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Tick at least one description of the behaviour in this incident"),
            "invalid_choice": _("Tick only descriptions from the list"),
        },
    )
    note = fields.long_text(
        _("Note (optional)"), 5000, _("The note must be 5,000 characters or fewer")
    )
