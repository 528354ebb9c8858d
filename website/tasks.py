from celery import shared_task
from django.db import OperationalError

from website.results import results_refresh


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=3)
def refresh_results() -> int:
    """Periodic (beat): the public results worked out again and kept for the pages;
    returns how many editions are in them."""
    return len(results_refresh().editions)
