"""The risk step ("Assessing the risks", "Defining an incident", "Assessing behaviour in
youth-only incidents"): the seven questions, a conversation with each child in their own
words, and where each child's behaviour in this incident sits on Hackett's continuum.

Writes are one transaction each (row, chronology line, version, audit row). Nothing here is
ever overwritten: a change is a new row, so the history stays (R-069, R-168, R-169).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar, Unpack, cast

from django.utils import timezone
from django.utils.translation import gettext as _

from ymateb.incidents import access, changes
from ymateb.incidents.changes import Who
from ymateb.incidents.engine_record import (
    engine_input_of,
    latest_engine_output,
    latest_review,
    read_json,
)
from ymateb.incidents.models import (
    ContinuumPlacement,
    Incident,
    IncidentChild,
    IncidentEvent,
    Interview,
    Review,
    RiskAssessment,
)
from ymateb.rules import (
    CONTINUUM_LEVELS,
    RISK_ASSESSMENT_QUESTIONS,
    RULES,
    ChildFacts,
    IncidentFacts,
    InputError,
    continuum_checks,
    facts_from_dict,
    place_on_continuum,
)
from ymateb.ui.language import is_welsh

QUESTION_CODES: tuple[str, ...] = tuple(q.code for q in RISK_ASSESSMENT_QUESTIONS)
LEVEL_CODES: tuple[str, ...] = tuple(level.code for level in CONTINUUM_LEVELS)

_AboutChild = TypeVar("_AboutChild", Interview, ContinuumPlacement)
#: Places on the continuum at which handling in the setting should be looked at again.
CONCERNING_LEVELS = frozenset({"problematic", "abusive", "violent"})


# --- reading what the initial review decided ----------------------------------------------


@dataclass(frozen=True)
class Typology:
    """The typology of the newest review, explained in plain words ("Defining an incident")."""

    code: str | None
    text: str
    section: str
    from_review: bool


def typology_for(incident: Incident) -> Typology:
    output = latest_engine_output(incident)
    if output is None:
        return Typology(
            None,
            _(
                "No initial review has been recorded yet. The typology comes from the facts "
                "recorded at the initial review."
            ),
            "",
            False,
        )
    code = output.get("typology")
    rule = RULES.get(f"typology.{code}") if isinstance(code, str) else None
    if rule is None:
        rule = RULES["typology.undetermined"]
        code = None
    return Typology(
        code, rule.explanation_cy if is_welsh() else rule.explanation, rule.section, True
    )


def facts_for(incident: Incident) -> IncidentFacts:
    """The facts given to the engine at the newest review; "not known" for everything when
    there is no review yet."""
    review = latest_review(incident)
    data = engine_input_of(review) if review else None
    if data:
        try:
            return facts_from_dict(data)
        except (InputError, ValueError):
            pass
    children = list(incident.children.all()) or [IncidentChild(ref="A")]
    return IncidentFacts(children=tuple(ChildFacts(ref=c.ref, age=c.age) for c in children))


def handling_in_setting(incident: Incident) -> bool:
    """True while the incident is being handled in the setting (no referral)."""
    if incident.referrals.exists():
        return False
    if incident.state in {"awaiting_sign_off", "signed_off"} or incident.sign_offs.exists():
        return True
    review = latest_review(incident)
    return review is not None and review.decision == Review.Decision.HANDLE_IN_SETTING


@dataclass(frozen=True)
class Check:
    text: str
    section: str
    warning: bool
    suggest_referral: bool


def checks_for(incident: Incident, level: str) -> list[Check]:
    """What a place on the continuum asks of the DSP (rules.continuum_checks), and a prompt to
    refer when behaviour problematic or worse is being handled in the setting."""
    in_setting = handling_in_setting(incident)
    checks = [
        Check(
            c.text_cy if is_welsh() else c.text,
            c.section,
            c.inconsistent,
            c.code == "violent_but_handled_in_setting",
        )
        for c in continuum_checks(level, facts_for(incident), handling_in_setting=in_setting)  # type: ignore[arg-type]
    ]
    if in_setting and level in CONCERNING_LEVELS and not any(c.suggest_referral for c in checks):
        checks.append(
            Check(
                _(
                    "Behaviour in this incident has been placed as %(level)s while the incident "
                    "is being handled in the setting. Consider whether it should be referred to "
                    "the police or children's social services."
                )
                % {"level": level_label(level).lower()},
                "Distinguishing between normal and abnormal sexual behaviour",
                True,
                True,
            )
        )
    return checks


def level_label(code: str) -> str:
    for level in CONTINUUM_LEVELS:
        if level.code == code:
            return level.label_cy if is_welsh() else level.label
    return code


def child_of(incident: Incident, child_id: Any) -> IncidentChild:
    """A child of this incident, or IncidentNotFound (404) for any other id."""
    child = IncidentChild.objects.filter(incident=incident, pk=child_id).first()
    if child is None:
        raise access.IncidentNotFound
    return child


# --- writes -----------------------------------------------------------------------------------


def risk_assessment_record(*, answers: dict[str, str], **who: Unpack[Who]) -> RiskAssessment:
    """Save the seven answers of "Assessing the risks" as a new version (R-121 to R-128)."""
    by = who["by"]
    unknown = sorted(set(answers) - set(QUESTION_CODES))
    if unknown:
        raise ValueError(f"unknown risk assessment question(s): {', '.join(unknown)}")
    kept = {code: answers.get(code, "") for code in QUESTION_CODES}
    with changes.locked_change(
        IncidentEvent.Kind.RISK_ASSESSED, audit_action="create", **who
    ) as change:
        assessment = RiskAssessment.objects.create(
            incident=change.incident,
            answers=json.dumps(kept, ensure_ascii=False),
            created_by=by,
        )
        change.params.update(
            risk_assessment_id=assessment.pk,
            answered=sum(1 for v in kept.values() if v.strip()),
        )
    return assessment


def answers_of(assessment: RiskAssessment | None) -> dict[str, str]:
    if assessment is None:
        return {}
    data = read_json(assessment.answers)
    return {str(k): str(v) for k, v in data.items()}


def interview_record(
    *,
    child_id: Any,
    held_at: datetime | None = None,
    held_by: str = "",
    statement: str = "",
    not_appropriate_reason: str = "",
    **who: Unpack[Who],
) -> Interview:
    """A conversation with one child, the statement kept exactly as typed (R-080, R-169), or
    the reason a conversation is not appropriate. Locked once saved: there is no edit."""
    held = bool(statement.strip())
    if held == bool(not_appropriate_reason.strip()):
        raise ValueError("give either the child's own words or why no interview was held")
    if held and (held_at is None or not held_by.strip()):
        raise ValueError("a conversation needs when and by whom")
    if held_at is not None and held_at > timezone.now():
        raise ValueError("a conversation cannot be recorded in the future")
    return _create_about_child(
        Interview,
        IncidentEvent.Kind.INTERVIEW,
        child_id,
        who,
        lambda interview: {
            "interview_id": str(interview.pk),
            "interview": "held" if held else "not_appropriate",
        },
        held_at=held_at if held else None,
        held_by=held_by if held else "",
        statement=statement if held else "",
        not_appropriate_reason="" if held else not_appropriate_reason,
    )


def continuum_record(
    *, child_id: Any, indicators: list[str], note: str = "", **who: Unpack[Who]
) -> ContinuumPlacement:
    """Place one child's behaviour in this incident on Hackett's continuum from the ticked
    descriptors. Every placement is a new row: earlier ones stay as history (R-069)."""
    placement = place_on_continuum(indicators)  # ValueError for an unknown code
    if placement.level is None:
        raise ValueError("tick at least one description of the behaviour")
    ticked = [code for code in dict.fromkeys(indicators)]
    return _create_about_child(
        ContinuumPlacement,
        IncidentEvent.Kind.CONTINUUM,
        child_id,
        who,
        lambda _row: {"level": placement.level},
        level=placement.level,
        indicators=ticked,
        typology_note=note,
    )


def _create_about_child(
    model: type[_AboutChild],
    kind: str,
    child_id: Any,
    who: Who,
    params: Callable[[_AboutChild], dict[str, Any]],
    **fields: Any,
) -> _AboutChild:
    """A new row about one child of the incident (an interview, a continuum placement),
    created by the person changing it in one locked change audited as a creation. The
    chronology line names the child, and says what `params` gives for the new row."""
    with changes.locked_change(kind, audit_action="create", **who) as change:
        child = child_of(change.incident, child_id)
        row = model._default_manager.create(
            incident=change.incident, child=child, created_by=who["by"], **fields
        )
        change.params.update(child=child.ref, **params(row))
    return row


# --- the overview -------------------------------------------------------------------------


@dataclass(frozen=True)
class ChildRisk:
    child: IncidentChild
    interview_status: str  # "done", "not_appropriate" or "to_do"
    interview: Interview | None
    placement: ContinuumPlacement | None


def interview_status(interviews: list[Interview]) -> str:
    if any(i.statement.strip() for i in interviews):
        return "done"
    return "not_appropriate" if interviews else "to_do"


def children_risk(incident: Incident) -> list[ChildRisk]:
    """One row per child. Three queries whatever the number of children (prefetched)."""
    from django.db.models import Prefetch

    children = incident.children.prefetch_related(
        Prefetch(
            "interviews",
            queryset=Interview.objects.order_by("-created_at"),
            to_attr="newest_interviews",
        ),
        Prefetch(
            "continuum_placements",
            queryset=ContinuumPlacement.objects.order_by("-created_at", "-pk"),
            to_attr="newest_placements",
        ),
    )
    rows = []
    for child in children:
        # The prefetches above fill these with Interview and ContinuumPlacement rows; the
        # type checker's plugin names their common abstract base (Recorded) instead.
        interviews = cast(list[Interview], list(child.newest_interviews))
        placements = cast(list[ContinuumPlacement], child.newest_placements)
        placement = placements[0] if placements else None
        latest = interviews[0] if interviews else None
        rows.append(ChildRisk(child, interview_status(interviews), latest, placement))
    return rows
