"""The `ymateb` command: `ymateb assess ...` runs the decision engine without Django;
anything else is a Django management command (`ymateb migrate`, `ymateb runserver`, ...)."""

from __future__ import annotations

import os
import sys

# Commands spelt as in the README; a Python module name cannot hold a hyphen.
ALIASES = {"rotate-keys": "rotate_keys"}


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] == "assess":
        from ymateb.rules.cli import main as assess_main

        return assess_main(args[1:])
    if args:
        args[0] = ALIASES.get(args[0], args[0])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ymateb.config.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["ymateb", *args])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
