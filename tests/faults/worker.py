"""A real Celery worker for the fault tests, in its own process: ``python -m
tests.faults.worker QUEUE``.

Test-only hook: with FAULTS_RENDER_DELAY set (seconds), report rendering first writes
the worker's process id to FAULTS_RENDER_STARTED and then waits that long, so that a test
can kill the worker in the middle of a render.
"""

import os
import sys
import time
from pathlib import Path
from typing import Any

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "leercultuur.settings")
django.setup()

from leercultuur.celery import app  # noqa: E402
from reports import services  # noqa: E402


def _slow_down_rendering(delay: float, marker: Path) -> None:
    real_render = services.render_pdf_template

    def slow_render(*args: Any, **kwargs: Any) -> bytes:
        marker.write_text(str(os.getpid()))
        time.sleep(delay)
        return real_render(*args, **kwargs)

    services.render_pdf_template = slow_render


if __name__ == "__main__":
    queue = sys.argv[1]
    if delay := float(os.environ.get("FAULTS_RENDER_DELAY") or 0):
        _slow_down_rendering(delay, Path(os.environ["FAULTS_RENDER_STARTED"]))
    app.worker_main(
        [
            "worker",
            # solo, so a test can kill the process that runs the task; prefork where the
            # test needs time limits, which only prefork enforces.
            f"--pool={os.environ.get('FAULTS_POOL') or 'solo'}",
            "--concurrency=1",
            f"--queues={queue}",
            f"--hostname=faults-{os.getpid()}@%h",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "--loglevel=WARNING",
        ]
    )
