"""The guidance library: helplines, reporting services, advice and explanations, as data.

Every entry has a stable code, the exact heading of the guidance section it comes from, a
title and a body in English and Welsh written in this project's own words (short quoted
phrases only, never the guidance's paragraphs), any contact details the guidance itself gives
(telephone numbers, a text number, an email address: no web address is invented), and the
requirement IDs it serves.

The entries are data: one YAML file per topic in ``content/`` beside this module, in the order
of ``content/topics.yaml``, read and checked (both languages, real sections) by
:mod:`ymateb.rules.content.files` when this module is imported and again at start-up
(``GuidanceConfig.ready``). Advice that the decision engine already carries (parents' advice
by scenario, the non-victim-blaming question prompts, the support points by a child's role) is
named in an entry's ``points:`` and taken from ``ymateb.rules.content``, never copied here.

Plain data and functions: no Django.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any, Final, TypeVar

from ymateb.rules.content import (
    AI_REASSURANCE,
    PARENT_SCENARIOS,
    QUESTION_PROMPTS,
    SUPPORT_GROUPS,
    ContentItem,
    ParentScenario,
    SupportGroup,
    parent_advice,
    support_points_for_group,
)
from ymateb.rules.content.files import ContentError, mappings, pair, parse, string, strings

_Name = TypeVar("_Name", bound=str)

#: The folder of the content files.
CONTENT: Final[Traversable] = resources.files("ymateb.guidance").joinpath("content")


@dataclass(frozen=True, slots=True)
class Words:
    """The same words in English and Welsh. Called with a language code, the words in that
    language: `entry.title("cy")`."""

    en: str
    cy: str

    def __call__(self, language: str | None) -> str:
        return self.cy if _is_welsh(language) else self.en


@dataclass(frozen=True, slots=True)
class Link:
    """A way to reach a service, exactly as the guidance gives it (tel:, sms: or mailto:)."""

    label: Words
    url: str


@dataclass(frozen=True, slots=True)
class Entry:
    code: str
    #: The exact heading of the guidance section this entry comes from.
    section: str
    title: Words
    #: One or more paragraphs, separated by a blank line.
    body: Words
    links: tuple[Link, ...] = ()
    requirements: tuple[str, ...] = ()
    #: Points reused from the decision engine's content (``ymateb.rules.content``).
    points: tuple[ContentItem, ...] = ()
    #: When the contact details were last checked (helplines only).
    checked: date | None = None

    def paragraphs(self, language: str) -> list[str]:
        return [p.strip() for p in self.body(language).split("\n\n") if p.strip()]


@dataclass(frozen=True, slots=True)
class Group:
    code: str
    title: Words
    entries: tuple[Entry, ...]


@dataclass(frozen=True, slots=True)
class Topic:
    slug: str
    title: Words
    summary: Words
    groups: tuple[Group, ...]

    def entries(self) -> list[Entry]:
        return [entry for group in self.groups for entry in group.entries]


def _is_welsh(language: str | None) -> bool:
    return bool(language) and str(language).lower().startswith("cy")


def point_text(item: ContentItem, language: str) -> str:
    """A reused content item's text in the given language."""
    return item.text_cy if _is_welsh(language) else item.text


# --- reading the content files ----------------------------------------------------------------

#: What an entry's ``points:`` may name: the decision engine's own items.
_POINTS: Final[dict[str, tuple[ContentItem, ...]]] = {
    **{f"parents:{s}": tuple(parent_advice(s)) for s in PARENT_SCENARIOS},
    **{f"support:{g}": tuple(support_points_for_group(g)) for g in SUPPORT_GROUPS},
    "ai_reassurance": (AI_REASSURANCE,),
    "question_prompts": QUESTION_PROMPTS,
}


def _read(folder: Traversable, name: str) -> Any:
    return parse(folder.joinpath(name).read_text(encoding="utf-8"), f"guidance/content/{name}")


def _words(node: Mapping[str, Any], key: str) -> Words:
    """The text ``key`` of the node, in English and in Welsh."""
    return Words(*pair(node, key))


def _entry(node: Mapping[str, Any]) -> Entry:
    code = string(node, "code")
    unknown = [ref for ref in strings(node, "points") if ref not in _POINTS]
    checked = node.get("checked")
    if unknown or not isinstance(checked, date | None):
        raise ContentError(f"entry {code!r}: unknown points {unknown} or a `checked:` not a date")
    links = mappings(node, "links")
    return Entry(
        code,
        string(node, "section"),
        _words(node, "title"),
        _words(node, "body"),
        links=tuple(Link(_words(link, "label"), string(link, "url")) for link in links),
        requirements=strings(node, "requirements"),
        points=tuple(item for ref in strings(node, "points") for item in _POINTS[ref]),
        checked=checked,
    )


def _group(node: Mapping[str, Any]) -> Group:
    entries = tuple(_entry(entry) for entry in mappings(node, "entries"))
    return Group(string(node, "code"), _words(node, "title"), entries)


def load_topics(folder: Traversable | None = None) -> tuple[Topic, ...]:
    """Read and check every topic file, in the order of ``topics.yaml`` (from ``CONTENT``
    unless another folder is given)."""
    folder = folder or CONTENT
    topics = []
    for slug in strings(_read(folder, "topics.yaml"), "topics"):
        data = _read(folder, f"{slug}.yaml")
        if data.get("slug") != slug:
            raise ContentError(f"guidance/content/{slug}.yaml: its slug must be {slug!r}")
        groups = tuple(_group(group) for group in mappings(data, "groups"))
        topics.append(Topic(slug, _words(data, "title"), _words(data, "summary"), groups))
    codes = [entry.code for topic in topics for entry in topic.entries()]
    if len(codes) != len(set(codes)):
        raise ContentError("guidance/content: an entry code is used twice")
    return tuple(topics)


TOPICS: Final[tuple[Topic, ...]] = load_topics()

_BY_SLUG: Final[dict[str, Topic]] = {topic.slug: topic for topic in TOPICS}


def topic(slug: str) -> Topic | None:
    """The topic with this slug, or None."""
    return _BY_SLUG.get(slug)


def all_entries() -> list[Entry]:
    """Every entry of the library, each once, in page order."""
    return [entry for t in TOPICS for entry in t.entries()]


def _titles(prefix: str, names: tuple[_Name, ...]) -> dict[_Name, tuple[str, str]]:
    """The titles of the entries ``prefix + name``, which the library must have for each name."""
    by_code = {entry.code: entry for entry in all_entries()}
    missing = [prefix + name for name in names if prefix + name not in by_code]
    if missing:
        raise ContentError(f"guidance/content: no entry {', '.join(missing)}")
    return {
        name: (by_code[prefix + name].title.en, by_code[prefix + name].title.cy) for name in names
    }


#: The scenario names, in the guidance's order, for ``ymateb.rules.content.PARENT_SCENARIOS``.
PARENT_SCENARIO_NAMES: Final[dict[ParentScenario, tuple[str, str]]] = _titles(
    "parents_", PARENT_SCENARIOS
)

#: Names for ``ymateb.rules.content.SUPPORT_GROUPS``.
SUPPORT_GROUP_NAMES: Final[dict[SupportGroup, tuple[str, str]]] = _titles(
    "support_", SUPPORT_GROUPS
)
