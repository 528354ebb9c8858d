"""The Celery application; tasks live in each app's tasks.py."""

import logging
import os
from datetime import timedelta
from typing import Any

from celery import Celery, Task
from kombu.exceptions import OperationalError

logger = logging.getLogger(__name__)

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "leercultuur.settings")

# A mail whose task never reached the broker is sent by its app's sweep once its row is
# LOST_AFTER old with the claim column still empty, and given up after GIVE_UP_AFTER: a
# status mail days late misleads more than it helps, and the first sweep after deployment
# leaves older rows alone instead of mailing about them. Those rows stay unclaimed (the
# claim column means "mailed") and fall out of the sweep's window, so none is looked at
# for ever.
LOST_AFTER = timedelta(minutes=5)
GIVE_UP_AFTER = timedelta(days=2)

app = Celery("leercultuur")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


def enqueue(task: Task, *args: Any) -> None:
    """Send a task; when the broker (Redis) cannot be reached, log it and carry on.

    For ``transaction.on_commit``: the job's row is committed and is the source of truth,
    so its periodic sweep sends it once Redis answers again. The request that asked for
    it gets its page, not an error after its data was saved.
    """
    try:
        task.delay(*args)
    except OperationalError as error:
        logger.warning("Broker unreachable, %s%r left to its sweep: %s", task.name, args, error)
