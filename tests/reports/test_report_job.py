"""A report job travels through Redis to a real Celery worker and becomes a PDF once,
however often its message arrives, and even when the worker that had it died."""

import hashlib
import io
import time
from datetime import timedelta
from typing import Any

import pypdf
import pytest
from celery import Celery
from celery.worker import WorkController
from django.core import mail
from django.utils import timezone
from pytest_django import DjangoCaptureOnCommitCallbacks, Settings

from accounts.models import User
from companies.models import Edition
from reports import services
from reports.models import Report
from reports.services import report_request, reports_requeue_stale
from reports.tasks import render_report, requeue_stale_reports
from tests.factories import EditionFactory


def wait_until_finished(report: Report, seconds: float = 60) -> Report:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        report.refresh_from_db()
        if report.status in {Report.Status.DONE, Report.Status.FAILED}:
            return report
        time.sleep(0.2)
    pytest.fail(f"report still {report.status} after {seconds} s")


def pdf_text(report: Report) -> str:
    with report.file.open("rb") as pdf:
        reader = pypdf.PdfReader(io.BytesIO(pdf.read()))
    return "\n".join(page.extract_text() for page in reader.pages)


@pytest.fixture
def edition(db: None) -> Edition:
    return EditionFactory.create(name="Editie Veluwe 2026")


def overview(edition: Edition, requested_by: User | None = None) -> Report:
    return report_request(
        kind=Report.Kind.EDITION_OVERVIEW, requested_by=requested_by, edition=edition
    )


def test_worker_renders_requested_report(
    celery_app: Celery, celery_worker: WorkController, staff: User, edition: Edition
) -> None:
    report = overview(edition, staff)

    wait_until_finished(report)

    assert report.status == Report.Status.DONE, report.error
    pdf = report.file.read()
    assert hashlib.sha256(pdf).hexdigest() == report.sha256
    assert "Editie Veluwe 2026" in pdf_text(report)


def test_running_the_task_twice_renders_once(
    edition: Edition, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        report = overview(edition)
    assert len(callbacks) == 1, "the job; asked by nobody, it has no ready mail"
    report.refresh_from_db()
    first = (report.file.name, report.sha256, report.finished_at)

    render_report(report.pk)  # delivered a second time

    report.refresh_from_db()
    assert report.status == Report.Status.DONE
    assert (report.file.name, report.sha256, report.finished_at) == first


def test_job_is_not_sent_when_its_transaction_rolls_back(
    edition: Edition, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    from django.db import transaction

    with django_capture_on_commit_callbacks() as callbacks, transaction.atomic():
        overview(edition)
        transaction.set_rollback(True)

    assert callbacks == []
    assert not Report.objects.exists()


def test_sweep_resends_only_jobs_pending_too_long(edition: Edition) -> None:
    lost = Report.objects.create(kind=Report.Kind.EDITION_OVERVIEW, edition=edition)
    Report.objects.filter(pk=lost.pk).update(created_at=timezone.now() - timedelta(minutes=6))
    # (Another kind: one overview of the edition waits at a time.)
    fresh = Report.objects.create(kind=Report.Kind.PROVINCE, edition=edition)

    assert requeue_stale_reports() == 1

    lost.refresh_from_db()
    fresh.refresh_from_db()
    assert lost.status == Report.Status.DONE
    assert fresh.status == Report.Status.PENDING


def dead_worker_job(
    edition: Edition,
    requested_by: User,
    started_ago: timedelta,
    kind: str = Report.Kind.EDITION_OVERVIEW,
) -> Report:
    """A job a worker claimed and then died on: running, never finished."""
    report = Report.objects.create(kind=kind, edition=edition, requested_by=requested_by)
    long_ago = timezone.now() - started_ago
    Report.objects.filter(pk=report.pk).update(
        status=Report.Status.RUNNING, started_at=long_ago, created_at=long_ago
    )
    return report


def test_sweep_recovers_a_job_whose_worker_died_and_it_completes_once(
    celery_app: Celery,
    celery_worker: WorkController,
    staff: User,
    edition: Edition,
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    renders: list[int] = []
    real_render = services.render_pdf_template

    def counting_render(template: str, context: dict[str, Any]) -> bytes:
        renders.append(context["report"].pk)
        return real_render(template, context)

    monkeypatch.setattr(services, "render_pdf_template", counting_render)
    limit = timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT)
    dead = dead_worker_job(edition, staff, limit + timedelta(minutes=1))
    # May still be alive. (Another kind: one overview of the edition waits at a time.)
    busy = dead_worker_job(edition, staff, limit - timedelta(minutes=1), Report.Kind.PROVINCE)

    assert reports_requeue_stale() == 1
    wait_until_finished(dead)
    render_report.delay(dead.pk)  # the dead worker's own message, redelivered late
    assert reports_requeue_stale() == 0  # done: nothing left to resend
    time.sleep(1)

    dead.refresh_from_db()
    busy.refresh_from_db()
    assert dead.status == Report.Status.DONE, dead.error
    assert renders == [dead.pk], "rendered exactly once"
    assert busy.status == Report.Status.RUNNING, "a job within the time limit is left alone"
    deadline = time.monotonic() + 10
    while not mail.outbox and time.monotonic() < deadline:
        time.sleep(0.1)
    assert [message.to for message in mail.outbox] == [[staff.email]], "one mail, to the requester"


def test_a_job_taken_back_while_rendering_is_not_finished_twice(
    edition: Edition, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The presumed-dead worker was only slow: its late result is not saved over the retry."""
    report = Report.objects.create(kind=Report.Kind.EDITION_OVERVIEW, edition=edition)
    assert services.report_claim(report_id=report.pk)
    real_render = services.render_pdf_template

    def slow_render(template: str, context: dict[str, Any]) -> bytes:
        # Meanwhile the sweep took the job back and another worker claimed it afresh.
        Report.objects.filter(pk=report.pk).update(
            status=Report.Status.RUNNING, started_at=timezone.now() + timedelta(seconds=1)
        )
        return real_render(template, context)

    monkeypatch.setattr(services, "render_pdf_template", slow_render)
    services.report_render(report_id=report.pk)

    report.refresh_from_db()
    assert report.status == Report.Status.RUNNING
    assert not report.file
