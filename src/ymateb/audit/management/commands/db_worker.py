"""`ymateb db_worker`: django-tasks-db's worker, which also starts the audit checkpoint
schedule (ymateb.audit.tasks) when it starts, so a deployment that runs the worker gets
signed checkpoints without a cron entry. With --batch (tests, one-off runs) it only runs
what is queued.

Two things django-tasks-db leaves undone, found by the durability test
(tests/production/test_durability.py):

- A worker that is killed (SIGKILL, the OOM killer, a power cut) leaves the task it was
  running RUNNING for ever: nothing looks at it again, so a concern's alerts were never
  made. Production runs one worker (ADR 0006), so a task RUNNING when the worker starts was
  left by a dead one: it is made READY and runs again.
- A task that fails because the database went away (a restart, a crash) was recorded
  FAILED and never run again. It is queued again, a few seconds later.

Both are safe because every Ymateb task may run twice: the alert task checks for its alerts
under a lock, the email task claims its alert before it sends, the escalation check looks
for escalated alerts, a checkpoint signs the head as it finds it.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from django.db import DatabaseError, close_old_connections
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks.signals import task_finished
from django_tasks_db.management.commands.db_worker import Command as WorkerCommand
from django_tasks_db.models import DBTaskResult

from ymateb.audit.retry import when_the_database_answers
from ymateb.audit.tasks import schedule_checkpoints

logger = logging.getLogger("ymateb.worker")

#: Exceptions that say the database went away, not that the task is wrong.
DATABASE_GONE = {
    "django.db.utils.OperationalError",
    "django.db.utils.InterfaceError",
    "psycopg.OperationalError",
    "psycopg.InterfaceError",
}
RETRY_AFTER = timedelta(seconds=5)
#: How long putting such a task back waits for the database.
REQUEUE_PATIENCE_SECONDS = 60


def requeue_orphans() -> int:
    """Make READY again the tasks a dead worker left RUNNING."""
    count = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).update(
        status=TaskResultStatus.READY, run_after=timezone.now()
    )
    if count:
        logger.warning("%d task(s) left running by a stopped worker are queued again", count)
    return count


def _requeue_if_the_database_went_away(sender: Any, task_result: Any, **kwargs: Any) -> None:
    if task_result.status != TaskResultStatus.FAILED or not task_result.errors:
        return
    if task_result.errors[-1].exception_class_path not in DATABASE_GONE:
        return

    def requeue() -> None:
        DBTaskResult.objects.filter(pk=task_result.id, status=TaskResultStatus.FAILED).update(
            status=TaskResultStatus.READY,
            run_after=timezone.now() + RETRY_AFTER,
            finished_at=None,
        )

    try:  # the database may still be on its way back
        when_the_database_answers(requeue, patience_seconds=REQUEUE_PATIENCE_SECONDS)
    except DatabaseError as gone:
        raise RuntimeError(f"task {task_result.id} failed and could not be queued again") from gone
    logger.warning("task %s failed as the database went away: queued again", task_result.id)


class Command(WorkerCommand):
    def handle(self, *args: Any, **options: Any) -> None:
        task_finished.connect(_requeue_if_the_database_went_away)
        if not options.get("batch"):
            requeue_orphans()
            # The first checkpoint straight away: it records the head as the worker found it.
            schedule_checkpoints(first_in=timedelta(0))
        close_old_connections()
        super().handle(*args, **options)
