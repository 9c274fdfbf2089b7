"""The guidance's content files (src/ymateb/guidance/content/*.yaml): every text in English and
Welsh, every section a heading of the guidance, every file used; a broken file is refused with
a message naming the entry, and stops start-up (GuidanceConfig.ready)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from django.apps import apps
from django.utils import translation

from ymateb.guidance import actions, library
from ymateb.incidents.models import Action
from ymateb.rules.content import files
from ymateb.rules.content.files import ContentError

CONTENT = Path(str(library.CONTENT))


def _names() -> list[str]:
    return sorted(p.name for p in CONTENT.glob("*.yaml"))


@pytest.mark.parametrize("name", _names())
def test_every_file_passes_the_check(name: str) -> None:
    """Every text has both languages and every section is a listed guidance heading."""
    assert files.read_path(CONTENT / name)


def test_every_file_is_used() -> None:
    """topics.yaml names every topic file, and there is no other file."""
    topics = files.read_path(CONTENT / "topics.yaml")["topics"]
    assert [t.slug for t in library.TOPICS] == topics
    assert set(_names()) == {"topics.yaml", "actions.yaml", *(f"{t}.yaml" for t in topics)}


def test_the_action_guidance_names_real_kinds_of_action() -> None:
    kinds = files.read_path(CONTENT / "actions.yaml")["kinds"]
    assert set(kinds) <= set(Action.Kind.values)
    assert actions.DEVICE in Action.Kind.values


def test_the_action_guidance_follows_the_language() -> None:
    with translation.override("en"):
        english = actions.action_guidance("deletion", [])
        warning = actions.device_warning()
    with translation.override("cy"):
        welsh = actions.action_guidance("deletion", [])
        rhybudd = actions.device_warning()
    assert english[0]["heading"] == "Asking for the image to be deleted"
    assert welsh[0]["heading"] == "Gofyn i'r ddelwedd gael ei dileu"
    assert english[0]["section"] == welsh[0]["section"]
    assert warning[0] == "Do not delete anything from the device."
    assert rhybudd[0] == "Peidiwch â dileu unrhyw beth o'r ddyfais."
    assert actions.action_guidance("support", ["pictured"]) == []


def test_parents_action_shows_the_engines_advice_under_its_own_headings() -> None:
    with translation.override("en"):
        blocks = actions.action_guidance("inform_parents", ["pictured"])
    assert [b["heading"] for b in blocks] == [
        "For every parent or carer",
        "If their child's image was shared",
    ]
    assert blocks[0]["section"] == "Supporting parents and carers"


# --- a broken file is refused, naming the entry --------------------------------------------------


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    shutil.copytree(CONTENT, folder)
    return folder


def _break(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_copy_reads_as_the_library(copy: Path) -> None:
    assert library.load_topics(copy) == library.TOPICS
    assert actions.load_content(copy) == actions.load_content()


def test_a_missing_welsh_title_is_refused_naming_the_entry(copy: Path) -> None:
    _break(copy / "helplines.yaml", "          cy: Llinell Gymorth NSPCC Cymru\n", "")
    with pytest.raises(ContentError) as refused:
        library.load_topics(copy)
    message = str(refused.value)
    assert message.startswith("guidance/content/helplines.yaml: ")
    assert "(entry 'nspcc_cymru'): the Welsh text (cy:) is missing or empty" in message


def test_an_unknown_section_is_refused_naming_the_entry(copy: Path) -> None:
    _break(copy / "words.yaml", "section: Alternative definitions", "section: Other words")
    with pytest.raises(ContentError, match=r"'indecent_images'\): section 'Other words' is not"):
        library.load_topics(copy)


def test_an_empty_english_point_of_an_action_is_refused(copy: Path) -> None:
    _break(copy / "actions.yaml", "en: The device", 'en: ""')
    with pytest.raises(ContentError, match=r"kinds\.device\[0\]\.heading: the English text"):
        actions.load_content(copy)


def test_points_must_name_the_engines_items(copy: Path) -> None:
    _break(copy / "parents-and-carers.yaml", "points: [parents:all]", "points: [parents:some]")
    with pytest.raises(ContentError, match="entry 'parents_all': unknown points"):
        library.load_topics(copy)


def test_start_up_stops_on_a_broken_file(copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _break(copy / "the-law.yaml", "  cy: Y gyfraith mewn geiriau syml\n", "")
    monkeypatch.setattr(library, "CONTENT", copy)
    with pytest.raises(ContentError, match="the-law.yaml: title \\(entry 'the-law'\\)"):
        apps.get_app_config("guidance").ready()
