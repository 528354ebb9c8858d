"""Redis down when a reminder is opened: the sweep mails it later, once."""

import datetime
from collections.abc import Callable
from typing import Any
from unittest import mock

import pytest
from django.core import mail
from django.utils import timezone
from kombu.exceptions import OperationalError

from invoicing import services
from invoicing.models import Invoice, Reminder
from invoicing.tasks import send_reminder
from leercultuur.celery import GIVE_UP_AFTER
from tests.factories import DraftInvoiceFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
LATER = services.STALE_AFTER + datetime.timedelta(seconds=1)


@pytest.fixture
def overdue(issue: Callable[..., Invoice], django_capture_on_commit_callbacks: Any) -> Invoice:
    """Issued 31 days ago, its PDF rendered and mailed: the 30-day term ended yesterday."""
    with django_capture_on_commit_callbacks(execute=True):
        return issue(DraftInvoiceFactory.create(), TODAY - datetime.timedelta(days=31))


def test_a_reminder_lost_while_redis_is_down_is_mailed_once_by_the_sweep(
    overdue: Invoice, django_capture_on_commit_callbacks: Any
) -> None:
    mail.outbox.clear()  # the invoice itself
    down = OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")
    with (
        mock.patch.object(send_reminder, "delay", side_effect=down),
        django_capture_on_commit_callbacks(execute=True),
    ):
        (reminder,) = services.reminders_create_due(today=TODAY)
    assert Reminder.objects.get(pk=reminder.pk).sent_at is None
    assert mail.outbox == []

    assert services.invoices_requeue_stale() == 0  # within the grace period
    later = timezone.now() + LATER
    assert services.invoices_requeue_stale(now=later) == 1
    assert services.invoices_requeue_stale(now=later) == 0
    assert len(mail.outbox) == 1
    assert str(overdue.number) in str(mail.outbox[0].subject)


def test_a_reminder_older_than_the_window_is_left_alone(overdue: Invoice) -> None:
    mail.outbox.clear()
    services.reminders_create_due(today=TODAY)  # its task never ran
    Reminder.objects.update(created_at=timezone.now() - GIVE_UP_AFTER - LATER)

    assert services.invoices_requeue_stale(now=timezone.now() + LATER) == 0
    assert mail.outbox == []
