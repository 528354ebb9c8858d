"""A report job travels through Redis to a real Celery worker and becomes a PDF."""

import hashlib
import io
import time
from typing import Any

import pypdf
import pytest
from celery import Celery
from celery.worker import WorkController

from accounts.models import User
from reports.models import Report
from reports.services import report_request
from reports.tasks import render_report


def wait_until_finished(report: Report, seconds: float = 60) -> Report:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        report.refresh_from_db()
        if report.status in {Report.Status.DONE, Report.Status.FAILED}:
            return report
        time.sleep(0.2)
    pytest.fail(f"report still {report.status} after {seconds} s")


def test_worker_renders_requested_report(
    celery_app: Celery, celery_worker: WorkController, staff: User
) -> None:
    report = report_request(kind=Report.Kind.SAMPLE, requested_by=staff)

    wait_until_finished(report)

    assert report.status == Report.Status.DONE, report.error
    pdf = report.file.read()
    assert hashlib.sha256(pdf).hexdigest() == report.sha256
    text = pypdf.PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "Voorbeeldrapport" in text


@pytest.mark.django_db
def test_running_the_task_twice_renders_once(django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        report = report_request(kind=Report.Kind.SAMPLE, requested_by=None)
    assert len(callbacks) == 1
    report.refresh_from_db()
    first = (report.file.name, report.sha256, report.finished_at)

    render_report(report.pk)  # delivered a second time

    report.refresh_from_db()
    assert report.status == Report.Status.DONE
    assert (report.file.name, report.sha256, report.finished_at) == first


@pytest.mark.django_db
def test_job_is_not_sent_when_its_transaction_rolls_back(
    django_capture_on_commit_callbacks: Any,
) -> None:
    from django.db import transaction

    with django_capture_on_commit_callbacks() as callbacks, transaction.atomic():
        report_request(kind=Report.Kind.SAMPLE, requested_by=None)
        transaction.set_rollback(True)

    assert callbacks == []
    assert not Report.objects.exists()


@pytest.mark.django_db
def test_sweep_resends_only_jobs_pending_too_long() -> None:
    from datetime import timedelta

    from django.utils import timezone

    from reports.tasks import requeue_stale_reports

    lost = Report.objects.create(kind=Report.Kind.SAMPLE)  # its message never arrived
    Report.objects.filter(pk=lost.pk).update(created_at=timezone.now() - timedelta(minutes=6))
    fresh = Report.objects.create(kind=Report.Kind.SAMPLE)

    assert requeue_stale_reports() == 1

    lost.refresh_from_db()
    fresh.refresh_from_db()
    assert lost.status == Report.Status.DONE
    assert fresh.status == Report.Status.PENDING
