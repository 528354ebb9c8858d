"""Invoice documents and mail: each claimed in the database, so a second run does nothing."""

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMessage
from django.db import OperationalError
from django.template.loader import render_to_string
from django.utils import timezone, translation

from invoicing.models import Invoice, Reminder
from invoicing.selectors import balance_of
from invoicing.services import (
    invoice_claim_pdf,
    invoice_context,
    invoice_render_pdf,
    invoices_requeue_stale,
    pdf_filename,
    reminders_create_due,
    ubl_filename,
)


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5)
def render_invoice_pdf(invoice_id: int) -> None:
    """Make the PDF of an issued invoice; running twice renders it once."""
    if invoice_claim_pdf(invoice_id=invoice_id):
        invoice_render_pdf(invoice_id=invoice_id)


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5)
def send_invoice(invoice_id: int) -> bool:
    """Mail the PDF and the UBL file to the billing address; a second run finds it claimed."""
    claimed = Invoice.objects.filter(
        pk=invoice_id, sent_at=None, pdf_status=Invoice.DocumentStatus.DONE
    ).update(sent_at=timezone.now())
    if claimed != 1:
        return False
    invoice = Invoice.objects.select_related("enrolment__edition", "credited_invoice").get(
        pk=invoice_id
    )
    _send("invoice", invoice, {})
    return True


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5)
def send_reminder(reminder_id: int) -> bool:
    """Mail one payment reminder; a second run finds it claimed and stops."""
    claimed = Reminder.objects.filter(pk=reminder_id, sent_at=None).update(sent_at=timezone.now())
    if claimed != 1:
        return False
    reminder = Reminder.objects.select_related("invoice__enrolment__edition").get(pk=reminder_id)
    outstanding = balance_of(reminder.invoice).outstanding
    _send("invoice_reminder", reminder.invoice, {"reminder": reminder, "outstanding": outstanding})
    return True


@shared_task
def send_payment_reminders() -> int:
    """Periodic (beat): open the reminders that are due; each is mailed once."""
    return len(reminders_create_due())


@shared_task
def requeue_stale_invoices() -> int:
    """Periodic (beat): the database is the source of truth, so no PDF or mail is lost."""
    return invoices_requeue_stale()


def _recipients(invoice: Invoice) -> list[str]:
    if invoice.buyer_email:
        return [invoice.buyer_email]
    # No billing address: the company's contacts receive it instead.
    contacts = invoice.enrolment.company.contacts.values_list("user__email", flat=True)
    return sorted(set(contacts))


def _send(template: str, invoice: Invoice, extra: dict[str, object]) -> None:
    to = _recipients(invoice)
    if not to:
        return
    with translation.override(settings.LANGUAGE_CODE):
        context = {**invoice_context(invoice), **extra, "site_url": settings.SITE_URL}
        subject = render_to_string(f"emails/{template}_subject.txt", context).strip()
        body = render_to_string(f"emails/{template}_body.txt", context)
    message = EmailMessage(subject=subject, body=body, to=to, reply_to=[invoice.seller_email])
    if invoice.pdf:
        with invoice.pdf.open("rb") as pdf:
            message.attach(pdf_filename(invoice), pdf.read(), "application/pdf")
    message.attach(ubl_filename(invoice), invoice.ubl_xml.encode(), "application/xml")
    message.send()
