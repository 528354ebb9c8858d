from celery import shared_task
from django.db import OperationalError

from reports.services import report_claim, report_render


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5)
def render_report(report_id: int) -> None:
    """Render one report job; running twice renders it once."""
    if report_claim(report_id=report_id):
        report_render(report_id=report_id)
