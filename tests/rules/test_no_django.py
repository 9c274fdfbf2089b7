"""The rules package must never import Django (decision-contract.md; CONVENTIONS.md).

Checked twice: by scanning its source for any Django import, and by importing it and running
the command in a fresh interpreter where importing Django is made impossible.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.rules.support import imported_modules

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "ymateb" / "rules"
SRC = PACKAGE.parents[1]


def test_no_django_import_in_the_source() -> None:
    files = sorted(PACKAGE.rglob("*.py"))
    assert files
    for path in files:
        for name in imported_modules(path):
            assert name.split(".")[0] != "django", f"{path}: imports {name}"
        source = path.read_text(encoding="utf-8")
        assert "__import__(" not in source, path


BLOCK_DJANGO = """
import importlib.abc, json, sys

class NoDjango(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name == "django" or name.startswith("django."):
            raise ImportError("Django is not allowed in ymateb.rules")
        return None

sys.meta_path.insert(0, NoDjango())
import ymateb.rules
import ymateb.rules.cli
from ymateb.rules import assess_dict
result = assess_dict({"children": [{"ref": "A", "age": 15}]})
status = ymateb.rules.cli.main(["--help"])
loaded = sorted(m for m in sys.modules if m == "django" or m.startswith("django."))
print(json.dumps({"loaded": loaded, "status": status, "typology": result["typology"]}))
"""


def test_importing_and_running_without_django() -> None:
    env = dict(os.environ, PYTHONPATH=str(SRC))
    env.pop("DJANGO_SETTINGS_MODULE", None)
    proc = subprocess.run(
        [sys.executable, "-c", BLOCK_DJANGO], capture_output=True, text=True, env=env, check=False
    )
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout.splitlines()[-1])
    assert report["loaded"] == []
    assert report["status"] == 0
