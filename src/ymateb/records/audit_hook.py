"""Writing to the audit trail when `ymateb.audit` is there.

The records app must work (and its tests run) before and without the audit app, so the
coupling is this one function: it calls `ymateb.audit.services.audit` when that module
exists and its app is installed, and does nothing otherwise.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps


def audit_if_available(**kwargs: Any) -> bool:
    """Call `ymateb.audit.services.audit(**kwargs)`; False when there is no audit trail."""
    if not apps.is_installed("ymateb.audit"):
        return False
    try:
        from ymateb.audit.services import audit
    except ModuleNotFoundError as exc:
        if exc.name in ("ymateb.audit", "ymateb.audit.services"):
            return False
        raise
    audit(**kwargs)
    return True
