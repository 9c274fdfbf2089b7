"""The production stack, one per test module that asks for it (tests/production/stack.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.production.stack import Stack, running_stack


@pytest.fixture(scope="module")
def stack() -> Iterator[Stack]:
    with running_stack("stack") as started:
        yield started
