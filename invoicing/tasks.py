"""Invoice documents: each PDF job is claimed in the database, so a second run does nothing."""

from celery import shared_task
from django.db import OperationalError

from invoicing.services import (
    invoice_claim_pdf,
    invoice_render_pdf,
    invoices_requeue_stale,
    reminders_create_due,
)


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5)
def render_invoice_pdf(invoice_id: int) -> None:
    """Make the PDF of an issued invoice, and its mail; running twice renders it once."""
    if invoice_claim_pdf(invoice_id=invoice_id):
        invoice_render_pdf(invoice_id=invoice_id)


@shared_task
def send_payment_reminders() -> int:
    """Periodic (beat): open the reminders that are due; each is mailed once."""
    return len(reminders_create_due())


@shared_task
def requeue_stale_invoices() -> int:
    """Periodic (beat): the database is the source of truth, so no PDF is lost."""
    return invoices_requeue_stale()
