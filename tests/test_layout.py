"""The layout holds: floors import only downwards, nothing imports in a circle, no module grows
past 400 lines, and service writes say who they act for (docs/adr/0009-layout-by-stage.md)."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "ymateb"
MAX_LINES = 400

#: Modules allowed past the limit, each with its reason: none now. Bilingual content is
#: data in YAML files, not Python (docs/adr/0010-content-files.md). A module listed here that
#: shrinks below the limit makes the test fail, so the list only ever gets shorter.
LONG_ON_PURPOSE: dict[str, str] = {}


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "migrations" not in p.parts)


def test_import_contracts_are_kept() -> None:
    """The contracts in pyproject.toml ([tool.importlinter]): each floor imports only from
    the floors below it, the rules need no Django, no stage imports another's pages."""
    lint = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert lint, "import-linter is not installed (make setup)"
    result = subprocess.run(  # noqa: S603
        [lint, "--no-cache"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout[-3000:]
    assert "BROKEN" not in result.stdout


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    counter = 0
    for start in edges:
        if start in index:
            continue
        work = [(start, iter(sorted(edges[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    found.append(sorted(group))
    return found


def _import_edges() -> dict[str, set[str]]:
    graph = grimp.build_graph("ymateb", include_external_packages=False)
    modules = {m for m in graph.modules if ".migrations" not in m}
    return {m: graph.find_modules_directly_imported_by(m) & modules for m in modules}


def test_no_module_imports_in_a_circle() -> None:
    """No two modules import each other, directly or through others (imports inside
    functions count too)."""
    assert _cycles(_import_edges()) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _cycles(edges) == [["a", "b", "c"]]


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_is_over_400_lines(path: Path) -> None:
    name = str(path.relative_to(PACKAGE))
    lines = len(path.read_text(encoding="utf-8").splitlines())
    if name in LONG_ON_PURPOSE:
        assert lines > MAX_LINES, f"{name} is short now: take it off LONG_ON_PURPOSE"
        return
    assert lines <= MAX_LINES, f"{name} has {lines} lines; split it by what it does"


#: Modules besides every services.py whose functions act or read for a person.
SERVICE_LIKE = {
    "security_events.py",
    "lockout.py",
    "roles.py",
    "reads.py",
    "access.py",
    "alerts.py",
}


def _service_writes() -> list[tuple[str, ast.FunctionDef]]:
    found = []
    for path in _modules():
        if path.name != "services.py" and path.name not in SERVICE_LIKE:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        # Functions and the methods of classes (lockout's handler acts in methods).
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
                found.append((str(path.relative_to(PACKAGE)), node))
    return found


def test_service_functions_name_the_person_with_a_real_type() -> None:
    """Who a service acts for is `by` (a write) or `user` (a read), typed as the user model,
    never `Any`; and no write takes `user=` (one name for one thing)."""
    problems = []
    for where, function in _service_writes():
        arguments = function.args.args + function.args.kwonlyargs
        for argument in arguments:
            if argument.arg in {"by", "user"}:
                annotation = ast.unparse(argument.annotation) if argument.annotation else ""
                if annotation in {"", "Any"}:
                    problems.append(f"{where}: {function.name}({argument.arg}: {annotation!r})")
    assert problems == []


def test_service_writes_take_who_changes_which_incident_as_one_thing() -> None:
    """A write to an incident takes `**who: Unpack[Who]` (the person, the incident, the
    request and the version the page was built from) and hands it on whole, so no write
    lists those four again; a `**who` or `**kwargs` of a service is exactly that."""
    problems = []
    writes = [(w, f) for w, f in _service_writes() if w.startswith("incidents/")]
    for where, function in writes:
        names = {a.arg for a in function.args.args + function.args.kwonlyargs}
        if {"incident_id", "expected_version"} <= names:
            problems.append(f"{where}: {function.name} lists incident_id and expected_version")
        extra = function.args.kwarg
        if extra is not None and extra.arg in {"who", "kwargs"}:
            annotation = ast.unparse(extra.annotation) if extra.annotation else ""
            if (extra.arg, annotation) != ("who", "Unpack[Who]"):
                problems.append(f"{where}: {function.name}(**{extra.arg}: {annotation})")
    assert problems == []
    assert any(f.args.kwarg is not None for _, f in writes)
