"""The pinned packages: a server installs requirements/runtime.txt with
`pip install --require-hashes` and gets no test tool; development and the tests install
requirements/dev.txt, with the very same pins for what both hold (`make lock`)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PIN = re.compile(r"^([A-Za-z0-9._-]+)==(\S+)")


def _name(requirement: str) -> str:
    name = re.split(r"[<>=!~\[; ]", requirement.strip(), maxsplit=1)[0]
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(file: str) -> dict[str, str]:
    """Each package's pinned version; every pin carries at least one hash."""
    found: dict[str, str] = {}
    lines = (ROOT / "requirements" / file).read_text().splitlines()
    for number, line in enumerate(lines):
        match = PIN.match(line)
        if match:
            following = lines[number + 1] if number + 1 < len(lines) else ""
            assert line.endswith("\\") and "--hash=sha256:" in following, (file, line)
            found[_name(match[1])] = match[2]
    return found


def project() -> dict[str, list[str]]:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    return {"runtime": data["dependencies"], "test": data["optional-dependencies"]["test"]}


def test_every_pin_has_its_hash_and_both_files_agree() -> None:
    runtime, dev = pins("runtime.txt"), pins("dev.txt")
    assert runtime and set(runtime) < set(dev)
    assert {name: dev[name] for name in runtime} == runtime


def test_the_server_gets_every_runtime_package_and_no_test_tool() -> None:
    runtime, dev = pins("runtime.txt"), pins("dev.txt")
    direct = project()
    assert {_name(r) for r in direct["runtime"]} <= set(runtime)
    test_tools = {_name(r) for r in direct["test"]}
    assert test_tools <= set(dev)
    assert not test_tools & set(runtime), test_tools & set(runtime)
    assert "gunicorn" in runtime  # the app server of deploy/bin/web
