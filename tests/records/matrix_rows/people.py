"""Rows for enrolment links, choosing a new password and the setting's People and roles page.

An enrolment link that is unknown, used or expired is the same 404 for everyone. Only the
setting's confirmed leadership reaches its People and roles page; an empty decision posted
there is a 400 with a message, never a change.
"""

from __future__ import annotations

from typing import Any

ROWS = {
    "sign-in/set-up/<str:token>/": {
        "GET": "404 404 404 404 404 404 404 404",
        "POST": "405 405 405 405 405 405 405 405",
        "DELETE": "405 405 405 405 405 405 405 405",
    },
    "sign-in/new-password/": {
        "GET": "login dash dash dash dash dash dash dash",
        "POST": "login dash dash dash dash dash dash dash",
        "DELETE": "405 405 405 405 405 405 405 405",
    },
    "settings/<int:setting_id>/people/": {
        "GET": "login 403 403 403 200 403 403 403",
        "POST": "login 403 403 403 400 403 403 403",
        "DELETE": "login 405 405 405 405 405 405 405",
    },
}


def extend_world(world: dict[str, Any]) -> None:
    world["token"] = "not-a-link-anyone-was-sent"
    world["setting_id"] = world["incident"].setting_id
