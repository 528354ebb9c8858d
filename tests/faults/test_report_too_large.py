"""A report that takes longer than a task may run fails with a clear message, not a 500
and not a job that runs for ever.

A real ``celery worker`` (prefork: only that pool enforces time limits) with a soft time
limit of two seconds renders a report whose rendering takes longer (a test-only delay
stands in for a huge text).
"""

from pathlib import Path
from unittest import mock

import pytest
from django.urls import reverse

from accounts.models import User
from reports import services
from reports.models import Report
from reports.services import report_request
from reports.tasks import render_report
from tests.conftest import client_for
from tests.factories import running_enrolment
from tests.faults.conftest import Workers, wait_for

pytestmark = pytest.mark.timeout(180)


def test_a_report_that_takes_too_long_fails_with_a_clear_message(
    workers: Workers, contact: User, coach: User, tmp_path: Path
) -> None:
    enrolment = running_enrolment(contact.contact.company, coach)
    workers.start(
        render_delay=60,
        started_marker=tmp_path / "rendering",
        extra_env={"FAULTS_POOL": "prefork", "CELERY_TASK_SOFT_TIME_LIMIT": "2"},
    )

    with mock.patch.object(services, "enqueue"):  # sent below, with a short time limit
        report = report_request(
            kind=Report.Kind.PROGRESS, requested_by=contact, enrolment=enrolment
        )
    # The sender writes the limits into the message; the worker's settings word the error.
    render_report.apply_async((report.pk,), soft_time_limit=2, time_limit=32)

    def finished() -> bool:
        report.refresh_from_db()
        return report.status in {Report.Status.DONE, Report.Status.FAILED}

    wait_for(finished, seconds=90, what="the report to stop")
    assert report.status == Report.Status.FAILED
    assert report.too_large
    assert "2 seconden" in report.error
    page = client_for(contact).get(reverse("report_detail", args=[report.public_id]))
    assert "te veel tekst om op tijd een pdf van te maken" in page.content.decode()
