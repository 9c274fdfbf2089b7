"""The checkpoint schedule on the background worker (`ymateb db_worker`, ADR 0006).

`write_audit_checkpoint` signs a checkpoint of the chain head (ymateb.audit.checkpoints)
and queues its own next run YMATEB_AUDIT_CHECKPOINT_MINUTES later. The worker starts the
schedule when it starts (ymateb/audit/management/commands/db_worker.py), and a run only
queues the next one when none is waiting, so there is never more than one schedule however
many workers start. Where no worker runs, cron runs `ymateb audit checkpoint` instead.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.utils import timezone
from django_tasks import TaskResultStatus, task
from django_tasks_db.models import DBTaskResult

from ymateb.audit import checkpoints


def _interval() -> timedelta:
    return timedelta(minutes=max(1, int(settings.YMATEB_AUDIT_CHECKPOINT_MINUTES)))


def checkpoint_waiting() -> bool:
    """Whether a checkpoint run is queued and not yet started."""
    return DBTaskResult.objects.filter(
        task_path=write_audit_checkpoint.module_path, status=TaskResultStatus.READY
    ).exists()


def schedule_checkpoints(first_in: timedelta | None = None) -> bool:
    """Queue the next checkpoint unless one is already waiting. Returns whether it queued."""
    if checkpoint_waiting():
        return False
    delay = _interval() if first_in is None else first_in
    write_audit_checkpoint.using(run_after=timezone.now() + delay).enqueue()
    return True


@task()
def write_audit_checkpoint() -> dict[str, Any]:
    """Queue the next run first (a failure here must not end the schedule), then sign."""
    schedule_checkpoints()
    checkpoint = checkpoints.write_checkpoint()
    return {"last_id": checkpoint.last_id, "file": checkpoint.where}
