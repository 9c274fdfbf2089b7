"""Hackett's continuum of children and young people's sexual behaviours.

"Distinguishing between normal and abnormal sexual behaviour" lists descriptors in five groups
(the seed text lost their headings; in order they are normal, inappropriate, problematic,
abusive and violent). The levels and their descriptors, in English and Welsh, are data:
``continuum.yaml`` in :mod:`ymateb.rules.content`, read and checked when this module is
imported. Each descriptor is an indicator code. Given the indicators the DSP ticks for one
child in one incident, :func:`place_on_continuum` returns the highest level they indicate and
the indicators that placed it. The place describes behaviour in this incident, never the
child (R-069).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Final, Literal, cast, get_args

from ymateb.rules.content.files import ContentError, mappings, pair, read, string, strings
from ymateb.rules.facts import IncidentFacts

Level = Literal["normal", "inappropriate", "problematic", "abusive", "violent"]

SECTION: Final = "Distinguishing between normal and abnormal sexual behaviour"

LEVELS: Final[tuple[Level, ...]] = get_args(Level)


@dataclass(frozen=True, slots=True)
class ContinuumLevel:
    code: Level
    label: str
    label_cy: str
    section: str
    requirements: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Indicator:
    code: str
    level: Level
    label: str
    label_cy: str
    section: str


_FILE: Final = read("ymateb.rules.content", "continuum.yaml")
if _FILE.get("section") != SECTION:
    raise ContentError(f"continuum.yaml: `section:` must be {SECTION!r}")


def _level(node: Mapping[str, Any]) -> ContinuumLevel:
    label, label_cy = pair(node, "label")
    return ContinuumLevel(
        cast(Level, string(node, "code")), label, label_cy, SECTION, strings(node, "requirements")
    )


def _indicators(node: Mapping[str, Any]) -> Iterator[Indicator]:
    level = cast(Level, string(node, "code"))
    for indicator in mappings(node, "indicators"):
        label, label_cy = pair(indicator, "label")
        yield Indicator(string(indicator, "code"), level, label, label_cy, SECTION)


CONTINUUM_LEVELS: Final[tuple[ContinuumLevel, ...]] = tuple(
    _level(level) for level in mappings(_FILE, "levels")
)
if tuple(level.code for level in CONTINUUM_LEVELS) != LEVELS:
    raise ContentError(f"continuum.yaml: the levels must be {', '.join(LEVELS)}, in that order")

INDICATORS: Final[dict[str, Indicator]] = {
    indicator.code: indicator
    for level in mappings(_FILE, "levels")
    for indicator in _indicators(level)
}


def indicators_for(level: Level) -> list[Indicator]:
    """The descriptors of one level, in the guidance's order (hint text for the option)."""
    return [indicator for indicator in INDICATORS.values() if indicator.level == level]


@dataclass(frozen=True, slots=True)
class ContinuumPlacement:
    #: The highest level any ticked indicator belongs to; ``None`` when nothing was ticked.
    level: Level | None
    #: The ticked indicators of that level, in the guidance's order.
    indicators: tuple[str, ...]


def place_on_continuum(indicators: Iterable[str]) -> ContinuumPlacement:
    """Place behaviour on Hackett's continuum from ticked indicator codes.

    Raises ``ValueError`` for an unknown code.
    """
    ticked = set(indicators)
    unknown = sorted(ticked - set(INDICATORS))
    if unknown:
        raise ValueError(f"unknown continuum indicator(s): {', '.join(unknown)}")
    if not ticked:
        return ContinuumPlacement(None, ())
    level = max((INDICATORS[code].level for code in ticked), key=LEVELS.index)
    placed = tuple(
        code for code in INDICATORS if code in ticked and INDICATORS[code].level == level
    )
    return ContinuumPlacement(level, placed)


@dataclass(frozen=True, slots=True)
class ContinuumCheck:
    """What a chosen continuum place asks of the DSP, or where it disagrees with the facts."""

    code: str
    level: Level
    #: Engine facts that must be answered because of this place (still unknown).
    facts_to_answer: tuple[str, ...]
    #: True when the place does not sit well with the recorded facts or chosen handling.
    inconsistent: bool
    text: str
    text_cy: str
    section: str
    requirements: tuple[str, ...]


def continuum_checks(
    level: Level, facts: IncidentFacts, *, handling_in_setting: bool = False
) -> list[ContinuumCheck]:
    """The consistency checks between a child's continuum place and the engine's facts.

    The continuum is not an engine input (the contract has no such field); these are prompts
    and warnings for the DSP (R-072, R-073, R-074).
    """
    checks: list[ContinuumCheck] = []
    if level == "problematic":
        open_facts = tuple(
            name
            for name in ("content_unusual_for_developmental_stage", "capacity_to_consent_concern")
            if getattr(facts, name) is None
        )
        if open_facts:
            checks.append(
                ContinuumCheck(
                    "problematic_answer_content_and_consent",
                    level,
                    open_facts,
                    False,
                    "Behaviour placed as problematic: answer whether the content is unusual for "
                    "the child's developmental stage and whether there is a concern about "
                    "capacity to consent.",
                    "Ymddygiad wedi'i osod yn broblemus: atebwch a yw'r cynnwys yn anarferol i "
                    "gyfnod datblygiad y plentyn ac a oes pryder am y gallu i gydsynio.",
                    SECTION,
                    ("R-072",),
                )
            )
    if level == "abusive" and (
        facts.coercion is False
        and facts.intent_to_harm is False
        and facts.capacity_to_consent_concern is False
    ):
        checks.append(
            ContinuumCheck(
                "abusive_but_no_coercion_intent_or_consent_concern",
                level,
                (),
                True,
                "Behaviour placed as abusive, yet coercion, intent to harm and a concern about "
                "capacity to consent are all recorded as no. The abusive descriptors match "
                "those facts: check them again.",
                "Ymddygiad wedi'i osod yn gamdriniol, ond mae gorfodaeth, bwriad i niweidio a "
                "phryder am y gallu i gydsynio i gyd wedi'u cofnodi fel na. Mae'r disgrifyddion "
                "camdriniol yn cyfateb i'r ffeithiau hynny: gwiriwch nhw eto.",
                SECTION,
                ("R-073",),
            )
        )
    if level == "violent":
        open_facts = tuple(
            name for name in ("intent_to_harm", "content_violent") if getattr(facts, name) is None
        )
        if open_facts:
            checks.append(
                ContinuumCheck(
                    "violent_answer_intent_and_violence",
                    level,
                    open_facts,
                    False,
                    "Behaviour placed as violent: answer whether there was intent to harm and "
                    "whether the content is violent.",
                    "Ymddygiad wedi'i osod yn dreisgar: atebwch a oedd bwriad i niweidio ac a "
                    "yw'r cynnwys yn dreisgar.",
                    SECTION,
                    ("R-074",),
                )
            )
        if handling_in_setting:
            checks.append(
                ContinuumCheck(
                    "violent_but_handled_in_setting",
                    level,
                    (),
                    True,
                    "Behaviour placed as violent, but the incident is being handled in the "
                    "setting. Reconsider a referral.",
                    "Ymddygiad wedi'i osod yn dreisgar, ond mae'r digwyddiad yn cael ei drin yn "
                    "y lleoliad. Ailystyriwch atgyfeirio.",
                    SECTION,
                    ("R-074",),
                )
            )
    return checks
