"""Every audit test writes its checkpoints to a directory of its own."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest


@pytest.fixture(autouse=True)
def checkpoint_dir(settings: Any, tmp_path: Path) -> Path:
    directory = tmp_path / "audit-checkpoints"
    settings.YMATEB_AUDIT_CHECKPOINT_DIR = str(directory)
    return directory
