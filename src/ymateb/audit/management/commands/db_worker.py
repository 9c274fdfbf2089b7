"""`ymateb db_worker`: django-tasks-db's worker, which also starts the audit checkpoint
schedule (ymateb.audit.tasks) when it starts, so a deployment that runs the worker gets
signed checkpoints without a cron entry. With --batch (tests, one-off runs) it only runs
what is queued.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django_tasks_db.management.commands.db_worker import Command as WorkerCommand

from ymateb.audit.tasks import schedule_checkpoints


class Command(WorkerCommand):
    def handle(self, *args: Any, **options: Any) -> None:
        if not options.get("batch"):
            # The first checkpoint straight away: it records the head as the worker found it.
            schedule_checkpoints(first_in=timedelta(0))
        super().handle(*args, **options)
