"""The outbox's tasks: they call its services, and the services enqueue them by name."""

from celery import shared_task
from django.db import OperationalError

from leercultuur.outbox.services import mail_send, mails_sweep


@shared_task(
    name="outbox.send", autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5
)
def send_mail(mail_id: int) -> bool:
    """Send one mail; running twice sends once. A failed send is tried again later."""
    return mail_send(mail_id=mail_id)


@shared_task(name="outbox.sweep")
def sweep_mails() -> int:
    """Periodic (beat): what never reached the broker, is due again, or lost its worker."""
    return mails_sweep()
