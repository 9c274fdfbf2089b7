"""Shared helpers for the incident tests."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.utils import timezone

from ymateb.accounts.models import User
from ymateb.incidents.concern import services as concern_services
from ymateb.incidents.models import Incident

#: The two 12-year-olds of case study B, as a member of staff names them in a concern.
FFION_AND_OWEN = (("Ffion Hughes", 12), ("Owen Price", 12))


def date_and_time(prefix: str, at: datetime | None = None) -> dict[str, str]:
    """A form's day, month, year and time fields for a moment (now unless given), in local
    time, as a person types them."""
    at = timezone.localtime(at or timezone.now())
    return {
        f"{prefix}_day": str(at.day),
        f"{prefix}_month": str(at.month),
        f"{prefix}_year": str(at.year),
        f"{prefix}_time": at.strftime("%H:%M"),
    }


def report_concern(
    setting_id: int,
    *,
    account: str = "What was said.",
    children: Iterable[tuple[str, int]] = (("Cai Morgan", 14),),
    by: User | None = None,
) -> Incident:
    """A concern reported through the service (a child told; no date; nobody saw the image),
    by the demo's member of staff unless `by` says who, with each child's name and age."""
    return concern_services.concern_report(
        by=by or User.objects.get(email="staff@example.org"),
        setting_id=setting_id,
        came_to_light="child_told",
        occurred_at=None,
        account=account,
        saw_image=False,
        children=[concern_services.ChildInput(name=name, age=age) for name, age in children],
    )
