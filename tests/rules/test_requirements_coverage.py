"""Every requirement of kind `decision` (requirements.md) is proved by a named test here.

Tests cite the IDs they prove in their names or docstrings (or, for scenarios, in the
SCENARIOS table). This meta-test fails if a decision requirement is cited by no test, or if
the engine's registry cites an ID that does not exist.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from ymateb.rules import RULES

HERE = Path(__file__).resolve().parent

#: The IDs of kind `decision` in requirements.md (63 items).
DECISION_REQUIREMENTS = """
R-011 R-013 R-018 R-021 R-022 R-025 R-029 R-037 R-038 R-039 R-040 R-041 R-043 R-044 R-045
R-046 R-047 R-048 R-049 R-050 R-051 R-052 R-053 R-054 R-055 R-056 R-057 R-058 R-059 R-060
R-061 R-062 R-063 R-064 R-067 R-072 R-073 R-074 R-083 R-089 R-090 R-095 R-097 R-098 R-099
R-100 R-101 R-102 R-103 R-104 R-112 R-122 R-123 R-124 R-125 R-128 R-130 R-132 R-152 R-153
R-156 R-164 R-167
""".split()

#: Content and step items the engine's helpers serve.
HELPER_REQUIREMENTS = """
R-012 R-066 R-069 R-070 R-071 R-088 R-121 R-126 R-127 R-139 R-140 R-141 R-142 R-143 R-144
R-145 R-146 R-147 R-148 R-149 R-150 R-151 R-155 R-175 R-176 R-184 R-185 R-186 R-187 R-188
R-189 R-190 R-191 R-192
""".split()


def _cited_in_tests() -> set[str]:
    cited: set[str] = set()
    for path in HERE.glob("test_*.py"):
        if path.name == Path(__file__).name:
            continue
        text = path.read_text(encoding="utf-8")
        cited |= set(re.findall(r"R-\d{3}", text))
        for low, high in re.findall(r"R-(\d{3})\.\.R-(\d{3})", text):
            cited |= {f"R-{n:03d}" for n in range(int(low), int(high) + 1)}
        for number in re.findall(r"test_r(\d{3})_", text):
            cited.add(f"R-{number}")
    return cited


def test_every_decision_requirement_is_proved_by_a_test() -> None:
    assert len(DECISION_REQUIREMENTS) == 63
    missing = sorted(set(DECISION_REQUIREMENTS) - _cited_in_tests())
    assert missing == []


def test_every_helper_requirement_is_cited_by_a_test() -> None:
    missing = sorted(set(HELPER_REQUIREMENTS) - _cited_in_tests())
    assert missing == []


def _requirements_text() -> str | None:
    for candidate in (
        os.environ.get("YMATEB_REQUIREMENTS", ""),
        str(HERE.parents[1] / "docs" / "requirements.md"),
        "/work/shared/design/requirements.md",
    ):
        if candidate and Path(candidate).is_file():
            return Path(candidate).read_text(encoding="utf-8")
    return None


def test_decision_list_matches_the_catalogue_and_rules_cite_real_ids() -> None:
    text = _requirements_text()
    if text is None:
        pytest.skip("requirements.md not available (set YMATEB_REQUIREMENTS)")
    decision = re.findall(r"^\| (R-\d{3}) \|.*\| `decision` \|$", text, flags=re.MULTILINE)
    assert decision == DECISION_REQUIREMENTS
    known = set(re.findall(r"^\| (R-\d{3}) \|", text, flags=re.MULTILINE))
    for rule in RULES.values():
        assert set(rule.requirements) <= known, rule.code
