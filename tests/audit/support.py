"""Helpers for the audit tests."""

from __future__ import annotations

from django.db import transaction

from ymateb.accounts.models import User
from ymateb.audit.models import AuditAction, AuditEvent
from ymateb.audit.services import audit


def write(actor: User | None, count: int, object_id: str = "inc-1") -> list[AuditEvent]:
    events = []
    for n in range(count):
        with transaction.atomic():
            events.append(
                audit(
                    actor=actor,
                    action=AuditAction.VIEW,
                    object_type="incident",
                    object_id=object_id,
                    setting_id=1,
                    detail={"n": n},
                )
            )
    return events
