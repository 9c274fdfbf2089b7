"""Rows for the guidance library: any signed-in person may read it; nothing is posted."""

from __future__ import annotations

from typing import Any

ROWS = {
    "guidance/": {
        "GET": "login 200 200 200 200 200 200 200",
        "POST": "login 405 405 405 405 405 405 405",
        "DELETE": "login 405 405 405 405 405 405 405",
    },
    "guidance/<slug:topic>/": {
        "GET": "login 200 200 200 200 200 200 200",
        "POST": "login 405 405 405 405 405 405 405",
        "DELETE": "login 405 405 405 405 405 405 405",
    },
}


def extend_world(world: dict[str, Any]) -> None:
    world["topic"] = "helplines"
