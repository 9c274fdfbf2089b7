"""``ymateb assess``: file, stdin and batch input; every kind of bad input exits 2.

In-process through ``ymateb.rules.cli:main`` (the console script's entry point) and, for a few
runs, as a real subprocess (``python -m ymateb.rules assess``).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.rules.support import CONTRACT_OUTPUT_FIELDS, incident
from tests.rules.test_case_studies import CASE_STUDY_A, CASE_STUDY_B
from ymateb.rules import validate_output
from ymateb.rules.cli import main

SRC = Path(__file__).resolve().parents[2] / "src"


def _write(tmp_path: Path, data: Any, name: str = "case.json") -> Path:
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def test_assess_file_prints_the_decision(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """R-089: the decision, as JSON, on stdout; exit 0."""
    status = main([str(_write(tmp_path, CASE_STUDY_A))])
    out, err = capsys.readouterr()
    assert status == 0 and err == ""
    result = json.loads(out)
    validate_output(result)
    assert result["typology"] == "aggravated.youth.reckless_misuse"
    assert list(result)[:11] == CONTRACT_OUTPUT_FIELDS
    assert result["rules_version"]


def test_assess_stdin(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import io

    monkeypatch.setattr(sys, "stdin", io.StringIO(json.dumps(CASE_STUDY_B)))
    assert main(["-"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["immediate_referral"] is True


def test_output_is_utf8_and_stable(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path, CASE_STUDY_B)
    main([str(path)])
    first = capsys.readouterr().out
    main([str(path)])
    assert capsys.readouterr().out == first
    assert "â" in first or "ô" in first  # Welsh text, not \\u escapes


def test_batch_one_decision_per_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines = [json.dumps(CASE_STUDY_A), json.dumps(CASE_STUDY_B), json.dumps(incident())]
    path = _write(tmp_path, "\n".join(lines) + "\n", "cases.jsonl")
    assert main(["--batch", str(path)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 3
    decisions = [json.loads(line) for line in out]
    assert [d["immediate_referral"] for d in decisions] == [False, True, False]
    assert main([f"--batch={path}"]) == 0
    assert capsys.readouterr().out.splitlines() == out


def test_batch_with_a_bad_line_prints_nothing_and_names_the_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = incident([{"ref": "A", "age": 18}])
    lines = [json.dumps(CASE_STUDY_A), json.dumps(bad), "{oops", json.dumps(CASE_STUDY_B)]
    path = _write(tmp_path, "\n".join(lines) + "\n", "cases.jsonl")
    assert main(["--batch", str(path)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("line 2: children[0].age: expected an integer from 0 to 17, got 18")
    assert "1 more bad line" in err
    assert err.count("\n") == 1


def test_batch_empty_line_in_the_middle_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path, json.dumps(CASE_STUDY_A) + "\n\n" + json.dumps(CASE_STUDY_B))
    assert main(["--batch", str(path)]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.startswith("line 2: empty line")


def test_batch_from_stdin(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import io

    monkeypatch.setattr(sys, "stdin", io.StringIO(json.dumps(CASE_STUDY_A) + "\r\n"))
    assert main(["--batch", "-"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 1


VALID_CHILD = {"ref": "A", "age": 15, "roles": ["pictured"]}

BAD_INPUTS: list[tuple[str, str, str]] = [
    ("malformed_json", '{"children": [', "invalid JSON at line 1"),
    ("not_an_object", "[]", "input: expected a JSON object"),
    ("missing_children", "{}", "children: required field missing"),
    ("empty_children", '{"children": []}', "children: expected a list of at least one child"),
    (
        "age_too_high",
        json.dumps({"children": [VALID_CHILD, {"ref": "B", "age": 18}]}),
        "children[1].age: expected an integer from 0 to 17, got 18",
    ),
    (
        "age_negative",
        json.dumps({"children": [{"ref": "A", "age": -1}]}),
        "children[0].age: expected an integer from 0 to 17, got -1",
    ),
    (
        "age_boolean",
        json.dumps({"children": [{"ref": "A", "age": True}]}),
        "children[0].age: expected an integer from 0 to 17, got true",
    ),
    (
        "age_string",
        json.dumps({"children": [{"ref": "A", "age": "12"}]}),
        'children[0].age: expected an integer from 0 to 17, got "12"',
    ),
    (
        "age_fraction",
        json.dumps({"children": [{"ref": "A", "age": 12.5}]}),
        "children[0].age: expected an integer from 0 to 17, got 12.5",
    ),
    (
        "duplicate_refs",
        json.dumps({"children": [VALID_CHILD, dict(VALID_CHILD)]}),
        'children[1].ref: duplicate ref "A", already used by children[0]',
    ),
    (
        "missing_ref",
        json.dumps({"children": [{"age": 12}]}),
        "children[0].ref: required field missing",
    ),
    (
        "empty_ref",
        json.dumps({"children": [{"ref": ""}]}),
        "children[0].ref: expected a non-empty string",
    ),
    (
        "unknown_role",
        json.dumps({"children": [{"ref": "A", "roles": ["pictured", "viewer"]}]}),
        "children[0].roles[1]: expected one of pictured, creator",
    ),
    (
        "unknown_sign",
        json.dumps({"children": [VALID_CHILD], "adult_signs": ["creepy"]}),
        "adult_signs[0]: expected one of unknown_account_posing_as_peer",
    ),
    (
        "unknown_adult_involvement",
        json.dumps({"children": [VALID_CHILD], "adult_involvement": "maybe"}),
        "adult_involvement: expected one of none, suspected, confirmed, unknown",
    ),
    (
        "flag_not_boolean",
        json.dumps({"children": [VALID_CHILD], "blackmail": "yes"}),
        'blackmail: expected true, false or null, got "yes"',
    ),
    (
        "flag_as_number",
        json.dumps({"children": [VALID_CHILD], "coercion": 1}),
        "coercion: expected true, false or null, got 1",
    ),
    (
        "child_flag_not_boolean",
        json.dumps({"children": [dict(VALID_CHILD, has_social_worker="no")]}),
        "children[0].has_social_worker: expected true, false or null",
    ),
    (
        "unknown_top_level_field",
        json.dumps({"children": [VALID_CHILD], "sexting": True}),
        "sexting: unknown field",
    ),
    (
        "unknown_child_field",
        json.dumps({"children": [dict(VALID_CHILD, name="Ann")]}),
        "children[0].name: unknown field",
    ),
    (
        "duplicate_key",
        '{"children": [{"ref": "A"}], "coercion": true, "coercion": false}',
        "coercion: the field appears more than once",
    ),
    ("nan", '{"children": [{"ref": "A", "age": NaN}]}', "invalid JSON"),
    ("empty_input", "", "invalid JSON"),
    (
        "roles_not_a_list",
        json.dumps({"children": [{"ref": "A", "roles": "pictured"}]}),
        "children[0].roles: expected a list of roles or null",
    ),
    (
        "children_not_a_list",
        json.dumps({"children": {"ref": "A"}}),
        "children: expected a list of at least one child",
    ),
    ("deeply_nested", "[" * 100000 + "]" * 100000, "nested too deeply"),
]


@pytest.mark.parametrize(
    "text,message", [b[1:] for b in BAD_INPUTS], ids=[b[0] for b in BAD_INPUTS]
)
def test_bad_input_exits_2_naming_the_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, message: str
) -> None:
    """Exit 2, nothing on stdout, one line on stderr that names the field."""
    status = main([str(_write(tmp_path, text))])
    out, err = capsys.readouterr()
    assert status == 2
    assert out == ""
    assert message in err
    assert err.count("\n") == 1


def test_age_as_whole_float_is_an_integer_in_json_schema(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """JSON Schema 2020-12 counts 12.0 as an integer; the engine reads it as 12."""
    data = incident([{"ref": "A", "age": 12.0, "roles": ["pictured"]}], content_sexual_acts=True)
    assert main([str(_write(tmp_path, data))]) == 0
    assert json.loads(capsys.readouterr().out)["triggers"] == ["sexual_acts_under_13"]


def test_unreadable_file_and_bad_utf8(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(tmp_path / "nope.json")]) == 2
    assert "cannot read" in capsys.readouterr().err
    path = tmp_path / "latin1.json"
    path.write_bytes(b'{"children": [{"ref": "\xe9"}]}')
    assert main([str(path)]) == 2
    out, err = capsys.readouterr()
    assert out == "" and "not valid UTF-8" in err


@pytest.mark.parametrize("argv", [[], ["a.json", "b.json"], ["--batch"], ["--frobnicate"]])
def test_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    out, err = capsys.readouterr()
    assert out == "" and "usage:" in err


def test_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    assert "usage:" in capsys.readouterr().out


def _subprocess(args: list[str], stdin: str = "") -> subprocess.CompletedProcess[bytes]:
    env = dict(os.environ, PYTHONPATH=str(SRC), LC_ALL="C", PYTHONIOENCODING="ascii")
    return subprocess.run(
        [sys.executable, *args], input=stdin.encode(), capture_output=True, env=env, check=False
    )


def test_subprocess_python_m_ymateb_rules_assess(tmp_path: Path) -> None:
    """A real process, in an ASCII locale: UTF-8 output all the same."""
    path = _write(tmp_path, CASE_STUDY_B)
    proc = _subprocess(["-m", "ymateb.rules", "assess", str(path)])
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout.decode("utf-8"))
    validate_output(result)
    assert result["typology"] == "aggravated.adult.sexually_motivated"


def test_subprocess_stdin_and_bad_input() -> None:
    proc = _subprocess(["-m", "ymateb.rules.cli", "-"], json.dumps(CASE_STUDY_A))
    assert proc.returncode == 0
    assert json.loads(proc.stdout)["in_setting_handling_allowed"] is True
    bad = json.dumps({"children": [{"ref": "A", "age": 18}]})
    proc = _subprocess(["-m", "ymateb.rules", "assess", "-"], bad)
    assert proc.returncode == 2
    assert proc.stdout == b""
    assert (
        proc.stderr.decode().strip() == "children[0].age: expected an integer from 0 to 17, got 18"
    )


def test_subprocess_batch(tmp_path: Path) -> None:
    path = _write(tmp_path, json.dumps(CASE_STUDY_A) + "\n" + json.dumps(CASE_STUDY_B) + "\n")
    proc = _subprocess(["-m", "ymateb.rules", "assess", "--batch", str(path)])
    assert proc.returncode == 0
    assert len(proc.stdout.decode("utf-8").splitlines()) == 2
