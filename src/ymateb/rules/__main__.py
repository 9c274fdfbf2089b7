"""``python -m ymateb.rules assess ...``: the same command as ``ymateb assess`` (no Django)."""

from __future__ import annotations

import sys

from ymateb.rules.cli import USAGE, main


def run(argv: list[str]) -> int:
    if argv and argv[0] == "assess":
        return main(argv[1:])
    sys.stderr.write(f"expected the command 'assess'\n{USAGE}")
    return 2


if __name__ == "__main__":
    raise SystemExit(run(sys.argv[1:]))
