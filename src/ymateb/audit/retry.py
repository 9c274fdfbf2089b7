"""A write the worker must not lose when the database goes away for a moment (a restart, a
crash): tried again, on a fresh connection, until the database answers or patience runs
out. Used where giving up would leave work undone for ever: the worker putting back a task
that failed because the database went away (audit/management/commands/db_worker.py), and
the record of an alert email that has already gone out (incidents/concern/alerts.py)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

from django.db import DatabaseError, connection

T = TypeVar("T")


def when_the_database_answers(write: Callable[[], T], *, patience_seconds: float) -> T:
    """`write()`, again after a second each time the database refuses it, for up to
    `patience_seconds`; then the last error is raised."""
    deadline = time.monotonic() + patience_seconds
    while True:
        try:
            return write()
        except DatabaseError:
            if time.monotonic() > deadline:
                raise
            connection.close()  # the next try opens a new connection
            time.sleep(1)
