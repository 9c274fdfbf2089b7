"""``ymateb assess``: the decision engine on the command line (decision-contract.md).

    ymateb assess FILE.json          one incident from a file; prints the decision as JSON
    ymateb assess -                  one incident from standard input
    ymateb assess --batch FILE.jsonl one incident per line; one decision per output line
                                     (``--batch -`` reads the lines from standard input)

Exit status 0 with the decision(s) on stdout; 2 with a one-line message on stderr, naming the
field, for any input the engine cannot accept, and nothing on stdout.

Batch mode checks every line before deciding anything: if any line is bad, it prints nothing on
stdout and exits 2, naming the first bad line and field (``line 3: children[0].age: ...``) and
how many other lines are bad. A final newline is allowed; an empty line elsewhere is an error.
An empty batch file prints nothing and exits 0.

The console script passes the arguments after ``assess``: ``main(["case.json"])``. This module
must not import Django.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, TextIO

from ymateb.rules.engine import assess
from ymateb.rules.validation import InputError, facts_from_json

USAGE = (
    "usage: ymateb assess FILE.json | ymateb assess - | ymateb assess --batch FILE.jsonl\n"
    "Prints the decision engine's recommendation for an incident as JSON. Exit status 0 for a\n"
    "decision, 2 for an input it cannot accept (the message on stderr names the field).\n"
)


class _UsageError(Exception):
    pass


def _write(stream: TextIO, text: str) -> None:
    """Write UTF-8 whatever the locale, so Welsh text never fails to print."""
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:
        stream.flush()
        buffer.write(text.encode("utf-8"))
        buffer.flush()
    else:
        stream.write(text)
        stream.flush()


def _fail(message: str) -> int:
    _write(sys.stderr, " ".join(message.splitlines()) + "\n")
    return 2


def _read(source: str) -> str:
    if source == "-":
        buffer = getattr(sys.stdin, "buffer", None)
        data: bytes | str = buffer.read() if buffer is not None else sys.stdin.read()
        name = "standard input"
    else:
        try:
            data = Path(source).read_bytes()
        except OSError as error:
            raise InputError("", f"cannot read {source}: {error.strerror or error}") from None
        name = source
    if isinstance(data, str):
        return data.removeprefix("\ufeff")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError("", f"{name} is not valid UTF-8 (byte {error.start})") from None


def _dumps(decision: dict[str, Any], *, indent: int | None) -> str:
    return json.dumps(decision, ensure_ascii=False, indent=indent)


def _parse_args(argv: list[str]) -> tuple[str, str]:
    """Return ``(mode, source)`` where mode is ``single``, ``batch`` or ``help``."""
    args = list(argv)
    if args in (["-h"], ["--help"]):
        return "help", ""
    if len(args) == 2 and args[0] == "--batch":
        return "batch", args[1]
    if len(args) == 1 and args[0].startswith("--batch="):
        return "batch", args[0].removeprefix("--batch=")
    if len(args) == 2 and args[0] == "--":
        return "single", args[1]
    if len(args) == 1 and (args[0] == "-" or not args[0].startswith("-")):
        return "single", args[0]
    raise _UsageError("expected one FILE.json, '-' or --batch FILE.jsonl")


def _single(source: str) -> int:
    try:
        facts = facts_from_json(_read(source))
    except InputError as error:
        return _fail(str(error))
    _write(sys.stdout, _dumps(assess(facts).to_dict(), indent=2) + "\n")
    return 0


def _batch(source: str) -> int:
    try:
        text = _read(source)
    except InputError as error:
        return _fail(str(error))
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    decisions: list[str] = []
    errors: list[str] = []
    for number, raw in enumerate(lines, start=1):
        line = raw.removesuffix("\r")
        try:
            if not line.strip():
                raise InputError("", "empty line, expected a JSON object")
            facts = facts_from_json(line)
        except InputError as error:
            errors.append(f"line {number}: {error}")
            continue
        if not errors:
            decisions.append(_dumps(assess(facts).to_dict(), indent=None))
    if errors:
        more = len(errors) - 1
        suffix = f" (and {more} more bad line{'s' if more > 1 else ''})" if more else ""
        return _fail(errors[0] + suffix)
    if decisions:
        _write(sys.stdout, "\n".join(decisions) + "\n")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run ``ymateb assess`` with the arguments that follow ``assess``; return the exit status."""
    try:
        mode, source = _parse_args(sys.argv[1:] if argv is None else argv)
    except _UsageError as error:
        _write(sys.stderr, f"ymateb assess: {error}\n{USAGE}")
        return 2
    if mode == "help":
        _write(sys.stdout, USAGE)
        return 0
    if mode == "batch":
        return _batch(source)
    return _single(source)


if __name__ == "__main__":  # pragma: no cover - exercised through subprocess tests
    raise SystemExit(main())
