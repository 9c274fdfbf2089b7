"""Checklists, questions and advice the web app shows beside the decision.

Every item has a stable code, the exact heading of the guidance section it comes from, English
and Welsh text in this project's own words (short quoted phrases only), and the requirement IDs
it serves. The texts are data, in the YAML files beside this module (``support.yaml``,
``parents.yaml``, ``adult_signs.yaml``, ``questions.yaml``), read and checked by
:mod:`ymateb.rules.content.files` when the package is imported. Plain data and functions: no
Django.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Final, Literal, TypeVar, cast, get_args

from ymateb.rules.content.files import ContentError, mapping, mappings, pair, read, string, strings
from ymateb.rules.facts import ADULT_SIGN_CODES, ROLES

_K = TypeVar("_K", bound=str)


@dataclass(frozen=True, slots=True)
class ContentItem:
    code: str
    section: str
    text: str
    text_cy: str
    requirements: tuple[str, ...]


def _item(node: Mapping[str, Any]) -> ContentItem:
    text, text_cy = pair(node, "text")
    return ContentItem(
        string(node, "code"), string(node, "section"), text, text_cy, strings(node, "requirements")
    )


def _items(node: Mapping[str, Any], key: str) -> tuple[ContentItem, ...]:
    return tuple(_item(item) for item in mappings(node, key))


def _by_key(
    node: Mapping[str, Any], keys: tuple[_K, ...], where: str
) -> dict[_K, tuple[ContentItem, ...]]:
    """The items listed under each of ``keys``, which must be exactly the file's keys."""
    if tuple(node) != keys:
        raise ContentError(f"{where}: the lists must be {', '.join(keys)}, in that order")
    return {key: _items(node, key) for key in keys}


_SUPPORT_FILE: Final = read(__name__, "support.yaml")
_PARENTS_FILE: Final = read(__name__, "parents.yaml")
_SIGNS_FILE: Final = read(__name__, "adult_signs.yaml")
_QUESTIONS_FILE: Final = read(__name__, "questions.yaml")


# --- support points by the child's role ------------------------------------------------------

SupportGroup = Literal[
    "everyone", "image_shared", "sent_image", "shared_another", "created_another"
]

SUPPORT_GROUPS: Final[tuple[SupportGroup, ...]] = get_args(SupportGroup)

_SUPPORT: Final[dict[SupportGroup, tuple[ContentItem, ...]]] = _by_key(
    mapping(_SUPPORT_FILE, "groups"), SUPPORT_GROUPS, "support.yaml: groups"
)

#: Added to the points for a child whose image was shared, when it was AI-generated.
AI_REASSURANCE: Final = _item(mapping(_SUPPORT_FILE, "ai_reassurance"))


def _check_roles(roles: Iterable[str]) -> set[str]:
    given = set(roles)
    unknown = sorted(given - set(ROLES))
    if unknown:
        raise ValueError(f"unknown role(s): {', '.join(unknown)}")
    return given


def support_groups(roles: Iterable[str]) -> list[SupportGroup]:
    """Which of the guidance's support lists apply to a child with these roles.

    ``pictured``: their image was shared. ``recipient`` or ``possessor``: they were sent one.
    ``sharer`` (or ``sender`` of an image that is not of them): they shared another's.
    ``creator`` of an image that is not of them (including with AI): they created and shared
    another's.
    """
    given = _check_roles(roles)
    groups: list[SupportGroup] = ["everyone"]
    pictured = "pictured" in given
    if pictured:
        groups.append("image_shared")
    if given & {"recipient", "possessor"}:
        groups.append("sent_image")
    creator_of_another = "creator" in given and not pictured
    if "sharer" in given or ("sender" in given and not pictured and not creator_of_another):
        groups.append("shared_another")
    if creator_of_another:
        groups.append("created_another")
    return groups


def support_points(roles: Iterable[str], *, ai_generated: bool | None = None) -> list[ContentItem]:
    """The support conversation points for one child, by role (no duplicates, stable order)."""
    given = _check_roles(roles)
    points: list[ContentItem] = []
    seen: set[str] = set()
    for group in support_groups(given):
        for point in _SUPPORT[group]:
            if point.code not in seen:
                seen.add(point.code)
                points.append(point)
        if group == "image_shared" and ai_generated is True:
            points.append(AI_REASSURANCE)
            seen.add(AI_REASSURANCE.code)
    return points


def support_points_for_group(group: SupportGroup) -> list[ContentItem]:
    return list(_SUPPORT[group])


# --- advice for parents and carers -------------------------------------------------------------

ParentScenario = Literal["all", "lost_control", "was_sent", "created_or_shared"]

PARENT_SCENARIOS: Final[tuple[ParentScenario, ...]] = get_args(ParentScenario)

_PARENT_ADVICE: Final[dict[ParentScenario, tuple[ContentItem, ...]]] = _by_key(
    mapping(_PARENTS_FILE, "scenarios"), PARENT_SCENARIOS, "parents.yaml: scenarios"
)


def parent_advice(scenario: ParentScenario) -> list[ContentItem]:
    """The advice for one scenario (``all`` is the advice for every parent)."""
    return list(_PARENT_ADVICE[scenario])


def parent_scenarios_for_roles(roles: Iterable[str]) -> list[ParentScenario]:
    """The scenarios that apply to the parents of a child with these roles (``all`` first)."""
    given = _check_roles(roles)
    scenarios: list[ParentScenario] = ["all"]
    if "pictured" in given:
        scenarios.append("lost_control")
    if given & {"recipient", "possessor"}:
        scenarios.append("was_sent")
    not_pictured = "pictured" not in given
    if "sharer" in given or (not_pictured and given & {"creator", "sender"}):
        scenarios.append("created_or_shared")
    return scenarios


def parent_advice_for_roles(roles: Iterable[str]) -> list[ContentItem]:
    """All the advice for the parents of a child with these roles, scenario by scenario."""
    return [item for s in parent_scenarios_for_roles(roles) for item in _PARENT_ADVICE[s]]


# --- signs of adult involvement ----------------------------------------------------------------

SignKind = Literal["sexually_motivated", "financially_motivated"]


@dataclass(frozen=True, slots=True)
class AdultSign:
    code: str
    label: str
    label_cy: str
    section: str
    #: The lists the sign appears in ("Sexually motivated incidents", "Financially motivated").
    kinds: tuple[SignKind, ...]
    #: An engine fact the DSP is asked to answer when this sign is ticked.
    asks: str | None
    requirements: tuple[str, ...]


def _sign(node: Mapping[str, Any]) -> AdultSign:
    label, label_cy = pair(node, "label")
    kinds = strings(node, "kinds")
    if not kinds or not set(kinds) <= set(get_args(SignKind)):
        raise ContentError(f"adult_signs.yaml: {node.get('code')!r}: unknown kinds {kinds}")
    asks = node.get("asks")
    if asks is not None and not isinstance(asks, str):
        raise ContentError(f"adult_signs.yaml: {node.get('code')!r}: `asks:` must be a fact")
    return AdultSign(
        string(node, "code"),
        label,
        label_cy,
        string(node, "section"),
        cast(tuple[SignKind, ...], kinds),
        asks,
        strings(node, "requirements"),
    )


ADULT_SIGNS: Final[tuple[AdultSign, ...]] = tuple(
    _sign(sign) for sign in mappings(_SIGNS_FILE, "signs")
)

if tuple(sign.code for sign in ADULT_SIGNS) != ADULT_SIGN_CODES:
    raise ContentError("adult_signs.yaml must list the contract's sign codes in order")


def adult_signs(kind: SignKind | None = None) -> list[AdultSign]:
    """The checklist of signs, all of them or those of one kind, each shown once."""
    return [sign for sign in ADULT_SIGNS if kind is None or kind in sign.kinds]


# --- questions for the initial review and the risk assessment ----------------------------------


@dataclass(frozen=True, slots=True)
class Question:
    code: str
    question: str
    question_cy: str
    #: The guidance's prompts that go with the question.
    prompts: tuple[str, ...]
    prompts_cy: tuple[str, ...]
    #: The engine facts the answer sets (``children[].x`` means every child's ``x``).
    facts: tuple[str, ...]
    section: str
    requirements: tuple[str, ...]


def _question(node: Mapping[str, Any]) -> Question:
    question, question_cy = pair(node, "question")
    prompts = [pair(prompt) for prompt in mappings(node, "prompts")]
    return Question(
        string(node, "code"),
        question,
        question_cy,
        tuple(en for en, _ in prompts),
        tuple(cy for _, cy in prompts),
        strings(node, "facts"),
        string(node, "section"),
        strings(node, "requirements"),
    )


IMMEDIATE_REFERRAL_QUESTIONS: Final[tuple[Question, ...]] = tuple(
    _question(q) for q in mappings(_QUESTIONS_FILE, "immediate_referral")
)

RISK_ASSESSMENT_QUESTIONS: Final[tuple[Question, ...]] = tuple(
    _question(q) for q in mappings(_QUESTIONS_FILE, "risk_assessment")
)

#: Prompts for talking with children without blaming them ("Supporting the children...").
QUESTION_PROMPTS: Final[tuple[ContentItem, ...]] = _items(_SUPPORT_FILE, "question_prompts")
