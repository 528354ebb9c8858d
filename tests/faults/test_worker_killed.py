"""A worker killed in the middle of a PDF: the job is not lost and is not done twice.

A real ``celery worker`` process renders a company progress report slowly (a test-only
hook); the test kills it with SIGKILL while it renders, starts a new worker and runs the
sweep that takes back jobs whose worker died. The report ends up rendered exactly once.
"""

import datetime
import hashlib
import os
import signal
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from accounts.models import User
from companies.models import Enrolment
from reports.models import Report
from reports.services import report_request, reports_requeue_stale, running_after
from reports.tasks import render_report
from tests.factories import EnrolmentFactory
from tests.faults.conftest import Workers, wait_for

pytestmark = pytest.mark.timeout(240)


def status_of(report: Report) -> str:
    report.refresh_from_db()
    return report.status


def test_a_report_whose_worker_is_killed_mid_render_is_made_exactly_once(
    workers: Workers, contact: User, coach: User, tmp_path: Path
) -> None:
    today = timezone.localdate()
    enrolment = EnrolmentFactory.create(
        company=contact.contact.company,
        status=Enrolment.Status.ACTIVE,
        lead_coach=coach,
        start_date=today - datetime.timedelta(days=30),
        end_date=today + datetime.timedelta(days=270),
    )
    rendering = tmp_path / "rendering"
    doomed = workers.start(render_delay=120, started_marker=rendering)

    report = report_request(kind=Report.Kind.PROGRESS, requested_by=contact, enrolment=enrolment)
    wait_for(rendering.exists, seconds=60, what="the first worker to start rendering")
    assert status_of(report) == Report.Status.RUNNING
    assert int(rendering.read_text()) == doomed.pid

    os.kill(doomed.pid, signal.SIGKILL)  # mid-render: no clean-up, no acknowledgement
    doomed.wait(timeout=10)
    assert status_of(report) == Report.Status.RUNNING, "the dead worker's claim remains"
    assert not report.file

    workers.start()
    # Later, once the job has run longer than the task's hard time limit could allow:
    later = timezone.now() + running_after() + datetime.timedelta(seconds=1)
    assert reports_requeue_stale(now=later) == 1
    wait_for(lambda: status_of(report) != Report.Status.PENDING, seconds=60, what="a claim")
    wait_for(lambda: status_of(report) == Report.Status.DONE, seconds=90, what="the report")

    # The dead worker's own message may still come back some day: it changes nothing.
    render_report.delay(report.pk)
    assert reports_requeue_stale(now=later) == 0
    workers.stop_all()  # lets the new worker finish what it took first

    report.refresh_from_db()
    assert report.status == Report.Status.DONE, report.error
    files = list(Path(settings.MEDIA_ROOT).rglob("*.pdf"))
    assert len(files) == 1, files
    assert Path(report.file.path) == files[0]
    content = files[0].read_bytes()
    assert content.startswith(b"%PDF")
    assert report.sha256 == hashlib.sha256(content).hexdigest()
