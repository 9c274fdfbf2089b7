"""The guidance beside an action of the plan, and the warning shown with every device.

The texts are data, ``content/actions.yaml`` beside this module: for each kind of action its
blocks (a heading, the guidance section, the points), and a heading for each scenario of the
parents' advice, whose points are the decision engine's own (``ymateb.rules.content``). They
are read and checked (both languages, real sections) when this module is imported and again
at start-up (``GuidanceConfig.ready``). The page's language picks English or Welsh.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib.resources.abc import Traversable
from typing import Any, Final

from ymateb.guidance import library
from ymateb.rules.content import PARENT_SCENARIOS, parent_advice, parent_scenarios_for_roles
from ymateb.rules.content.files import ContentError, mapping, mappings, pair, parse, string
from ymateb.ui.language import in_language

#: The kind of action (``Action.Kind``) whose points are also the device register's warning.
DEVICE: Final = "device"


@dataclass(frozen=True, slots=True)
class Block:
    heading: tuple[str, str]
    section: str
    items: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class ActionContent:
    #: A heading (English, Welsh) for each of ``ymateb.rules.content.PARENT_SCENARIOS``.
    parent_headings: dict[str, tuple[str, str]]
    #: The blocks for each kind of action; a kind not named here has none.
    kinds: dict[str, tuple[Block, ...]]


def _block(node: Mapping[str, Any]) -> Block:
    items = tuple(pair(item) for item in mappings(node, "items"))
    return Block(pair(node, "heading"), string(node, "section"), items)


def load_content(folder: Traversable | None = None) -> ActionContent:
    """Read and check ``actions.yaml`` (in ``library.CONTENT`` unless another folder is given)."""
    name = "actions.yaml"
    data = parse(
        (folder or library.CONTENT).joinpath(name).read_text(encoding="utf-8"),
        f"guidance/content/{name}",
    )
    headings = mapping(data, "parent_scenarios")
    if tuple(headings) != PARENT_SCENARIOS:
        raise ContentError(
            f"guidance/content/{name}: `parent_scenarios:` must be exactly the "
            f"scenarios {', '.join(PARENT_SCENARIOS)}, in that order"
        )
    kinds = mapping(data, "kinds")
    if DEVICE not in kinds:
        raise ContentError(f"guidance/content/{name}: no blocks for the kind {DEVICE!r}")
    return ActionContent(
        {scenario: pair(headings, scenario) for scenario in PARENT_SCENARIOS},
        {kind: tuple(_block(block) for block in mappings(kinds, kind)) for kind in kinds},
    )


_CONTENT: Final = load_content()


def action_guidance(kind: str, roles: Iterable[str]) -> list[dict[str, Any]]:
    """Blocks of guidance for the page of an action of this kind, about a child with these
    roles: heading, guidance section, points."""
    if kind == "inform_parents":
        return [
            {
                "heading": in_language(*_CONTENT.parent_headings[scenario]),
                "section": parent_advice(scenario)[0].section,
                "items": [in_language(i.text, i.text_cy) for i in parent_advice(scenario)],
            }
            for scenario in parent_scenarios_for_roles(roles)
        ]
    return [
        {
            "heading": in_language(*block.heading),
            "section": block.section,
            "items": [in_language(*item) for item in block.items],
        }
        for block in _CONTENT.kinds.get(kind, ())
    ]


def device_warning() -> list[str]:
    """What to do, and not do, with a device: the points of the device action's guidance."""
    return [in_language(*item) for block in _CONTENT.kinds[DEVICE] for item in block.items]
