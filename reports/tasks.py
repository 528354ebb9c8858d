from celery import shared_task
from django.db import OperationalError

from reports.services import (
    edition_overviews_request,
    report_claim,
    report_render,
    reports_requeue_stale,
)


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5)
def render_report(report_id: int) -> None:
    """Render one report job; running twice renders it once."""
    if report_claim(report_id=report_id):
        report_render(report_id=report_id)


@shared_task
def requeue_stale_reports() -> int:
    """Periodic (beat): the database is the source of truth, so no request is lost."""
    return reports_requeue_stale()


@shared_task
def request_monthly_edition_overviews() -> int:
    """Periodic (beat, the 1st of the month): an overview of every running edition."""
    return len(edition_overviews_request())
