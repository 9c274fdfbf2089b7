"""The rules' content files (src/ymateb/rules/content/*.yaml): every text in English and
Welsh, every section a heading of the guidance, and a broken file refused with a message that
names the entry, on import as well as by the checker."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest

from tests.rules.support import guidance_text
from ymateb.rules import RULES
from ymateb.rules.content import files
from ymateb.rules.content.files import ContentError
from ymateb.rules.continuum import CONTINUUM_LEVELS, INDICATORS

CONTENT = resources.files("ymateb.rules.content")
SRC = Path(__file__).resolve().parents[2] / "src"


def _content_files() -> list[str]:
    return sorted(p.name for p in CONTENT.iterdir() if p.name.endswith(".yaml"))


def test_the_content_files_are_all_there() -> None:
    expected = {"adult_signs", "continuum", "parents", "questions", "rules", "sections", "support"}
    assert {name.removesuffix(".yaml") for name in _content_files()} == expected


@pytest.mark.parametrize("name", _content_files())
def test_every_file_passes_the_check(name: str) -> None:
    """Every text has both languages and every section is a listed heading."""
    assert files.read("ymateb.rules.content", name)


def test_r089_every_listed_section_is_an_exact_heading_of_the_guidance() -> None:
    text = guidance_text()
    if text is None:
        pytest.skip("guidance text not available (set YMATEB_GUIDANCE_TEXT)")
    headings = {line.strip() for line in text.splitlines()}
    assert sorted(files.SECTIONS - headings) == []


def test_the_continuum_names_listed_sections_too() -> None:
    """continuum.yaml names one section for every level and descriptor: a listed one."""
    sections = {level.section for level in CONTINUUM_LEVELS}
    sections |= {indicator.section for indicator in INDICATORS.values()}
    assert sections <= files.SECTIONS


def test_the_engine_reads_its_rules_from_the_file() -> None:
    data = files.read("ymateb.rules.content", "rules.yaml")
    assert [rule["code"] for rule in data["rules"]] == list(RULES)


# --- a broken file is refused, naming the entry --------------------------------------------------

GOOD_ITEM = """\
items:
  - code: listen_first
    section: Supporting parents and carers
    text:
      en: Listen to them.
      cy: Gwrandewch arnynt.
    requirements: [R-185]
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "broken.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_good_fixture_reads(tmp_path: Path) -> None:
    data = files.read_path(_write(tmp_path, GOOD_ITEM))
    assert files.pair(data["items"][0], "text") == ("Listen to them.", "Gwrandewch arnynt.")


def test_a_missing_welsh_text_is_refused_naming_the_entry(tmp_path: Path) -> None:
    path = _write(tmp_path, GOOD_ITEM.replace("      cy: Gwrandewch arnynt.\n", ""))
    with pytest.raises(ContentError) as refused:
        files.read_path(path)
    message = str(refused.value)
    assert str(path) in message
    assert "items[0].text (entry 'listen_first')" in message
    assert "the Welsh text (cy:) is missing or empty" in message


def test_an_empty_english_text_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, GOOD_ITEM.replace("en: Listen to them.", 'en: "  "'))
    with pytest.raises(ContentError, match=r"'listen_first'\): the English text \(en:\)"):
        files.read_path(path)


def test_a_section_that_is_not_a_heading_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, GOOD_ITEM.replace("Supporting parents", "Helping parents"))
    with pytest.raises(ContentError) as refused:
        files.read_path(path)
    assert "items[0] (entry 'listen_first'): section 'Helping parents and carers'" in str(
        refused.value
    )
    assert "not a heading of the guidance" in str(refused.value)


def test_every_problem_is_named_at_once(tmp_path: Path) -> None:
    text = GOOD_ITEM + GOOD_ITEM.replace("items:\n", "").replace("listen_first", "second")
    text = text.replace("cy: Gwrandewch arnynt.", "cy: ''")
    with pytest.raises(ContentError) as refused:
        files.read_path(_write(tmp_path, text))
    assert "'listen_first'" in str(refused.value) and "'second'" in str(refused.value)


def test_a_file_that_is_not_yaml_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ContentError, match="broken.yaml: not valid YAML"):
        files.read_path(_write(tmp_path, "items: [\n  - code: x\n"))


def test_a_paragraph_list_is_joined_by_a_blank_line() -> None:
    text = {"en": ["One.", "Two."], "cy": ["Un.", "Dau."]}
    assert files.pair({"body": text}, "body") == ("One.\n\nTwo.", "Un.\n\nDau.")


def test_a_missing_field_names_the_entry() -> None:
    with pytest.raises(ContentError, match="entry 'listen_first': `section:` must be a text"):
        files.string({"code": "listen_first"}, "section")


def test_importing_the_engine_with_a_broken_file_fails_naming_the_entry(tmp_path: Path) -> None:
    """The rules have no Django and so no start-up hook: they check their files on import."""
    copy = tmp_path / "src"
    shutil.copytree(SRC / "ymateb", copy / "ymateb", ignore=shutil.ignore_patterns("__pycache__"))
    rules_file = copy / "ymateb" / "rules" / "content" / "rules.yaml"
    text = rules_file.read_text(encoding="utf-8")
    start = text.index("  - code: sexual_acts_under_13")
    welsh = text.index("      cy:", start)
    end = text.index("    requirements:", welsh)
    rules_file.write_text(text[:welsh] + text[end:], encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(copy))
    env.pop("DJANGO_SETTINGS_MODULE", None)
    proc = subprocess.run(
        [sys.executable, "-c", "import ymateb.rules"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert proc.returncode != 0
    assert "ContentError" in proc.stderr
    assert "(entry 'sexual_acts_under_13'): the Welsh text (cy:) is missing" in proc.stderr
