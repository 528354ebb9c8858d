"""The Celery application; tasks live in each app's tasks.py."""

import logging
import os
from typing import Any

from celery import Celery, Task
from kombu.exceptions import OperationalError

logger = logging.getLogger(__name__)

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "leercultuur.settings")

app = Celery("leercultuur")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


def enqueue(task: Task, *args: Any, countdown: float = 0) -> None:
    """Send a task; when the broker (Redis) cannot be reached, log it and carry on.

    For ``transaction.on_commit``: the job's row is committed and is the source of truth,
    so its periodic sweep sends it once Redis answers again. The request that asked for
    it gets its page, not an error after its data was saved.
    """
    try:
        task.apply_async(args, countdown=countdown)
    except OperationalError as error:
        logger.warning("Broker unreachable, %s%r left to its sweep: %s", task.name, args, error)


def enqueue_by_name(name: str, *args: Any, countdown: float = 0) -> None:
    """:func:`enqueue` by the task's name, so a service can enqueue its app's task without
    importing the tasks module that imports the service."""
    enqueue(app.tasks[name], *args, countdown=countdown)
