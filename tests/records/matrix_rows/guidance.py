"""Rows for the guidance library: any signed-in person may read it; nothing is posted."""

from __future__ import annotations

from typing import Any

#: The library's list and each topic answer alike.
READ_BY_ANYONE_SIGNED_IN = {
    "GET": "login 200 200 200 200 200 200 200",
    "POST": "login 405 405 405 405 405 405 405",
    "DELETE": "login 405 405 405 405 405 405 405",
}
ROWS = {
    "guidance/": READ_BY_ANYONE_SIGNED_IN,
    "guidance/<slug:topic>/": READ_BY_ANYONE_SIGNED_IN,
}


def extend_world(world: dict[str, Any]) -> None:
    world["topic"] = "helplines"
