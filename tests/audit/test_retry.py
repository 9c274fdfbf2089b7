"""ymateb.audit.retry: a write the worker must not lose waits for the database to answer
(the worker's requeue of a task the database's absence failed, an alert email's record)."""

from __future__ import annotations

import pytest
from django.db import OperationalError

from ymateb.audit import retry


@pytest.fixture(autouse=True)
def no_waiting(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    slept: list[float] = []
    monkeypatch.setattr(retry.time, "sleep", slept.append)
    return slept


def refusing(times: int, error: Exception) -> tuple[list[int], object]:
    calls: list[int] = []

    def write() -> str:
        calls.append(1)
        if len(calls) <= times:
            raise error
        return "written"

    return calls, write


def test_a_write_is_tried_again_until_the_database_answers(no_waiting: list[float]) -> None:
    calls, write = refusing(2, OperationalError("the database went away"))
    assert retry.when_the_database_answers(write, patience_seconds=60) == "written"
    assert len(calls) == 3 and no_waiting == [1, 1]


def test_when_patience_runs_out_the_database_s_error_is_raised() -> None:
    calls, write = refusing(5, OperationalError("still away"))
    with pytest.raises(OperationalError, match="still away"):
        retry.when_the_database_answers(write, patience_seconds=-1)
    assert len(calls) == 1


def test_an_error_that_is_not_the_database_s_is_not_tried_again() -> None:
    calls, write = refusing(1, ValueError("a bug"))
    with pytest.raises(ValueError, match="a bug"):
        retry.when_the_database_answers(write, patience_seconds=60)
    assert len(calls) == 1
