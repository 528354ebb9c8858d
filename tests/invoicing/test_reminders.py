"""Overdue invoices get a reminder after the term and one 14 days later; never a third."""

import datetime
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from accounts.models import User
from invoicing import services
from invoicing.models import Invoice, Reminder
from invoicing.tasks import send_payment_reminders
from leercultuur.outbox.models import Mail
from leercultuur.outbox.tasks import send_mail
from tests.factories import DraftInvoiceFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


@pytest.fixture
def overdue(issue: Callable[..., Invoice]) -> Invoice:
    """Issued 31 days ago: the 30-day term ended yesterday."""
    return issue(DraftInvoiceFactory.create(), TODAY - 31 * DAY)


def remind(today: datetime.date, capture: Any) -> list[Reminder]:
    with capture(execute=True):
        return services.reminders_create_due(today=today)


def test_first_reminder_after_the_term_second_14_days_later_then_none(
    overdue: Invoice, django_capture_on_commit_callbacks: Any
) -> None:
    assert remind(TODAY - 2 * DAY, django_capture_on_commit_callbacks) == []  # within the term
    assert [r.sequence for r in remind(TODAY, django_capture_on_commit_callbacks)] == [1]
    assert remind(TODAY, django_capture_on_commit_callbacks) == []  # the same day again
    assert remind(TODAY + 13 * DAY, django_capture_on_commit_callbacks) == []
    assert [r.sequence for r in remind(TODAY + 14 * DAY, django_capture_on_commit_callbacks)] == [2]
    assert remind(TODAY + 90 * DAY, django_capture_on_commit_callbacks) == []

    assert len(mail.outbox) == 2
    assert all(str(overdue.number) in str(message.subject) for message in mail.outbox)
    assert all(message.to == ["administratie@example.nl"] for message in mail.outbox)
    assert Reminder.objects.filter(invoice=overdue).count() == 2


def test_reminder_mail_task_running_twice_mails_once(
    overdue: Invoice, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.reminders_create_due(today=TODAY)
    assert len(callbacks) == 1
    reminder_mail = Mail.objects.get(kind="invoice_reminder")

    assert send_mail(reminder_mail.pk) is True
    assert send_mail(reminder_mail.pk) is False

    assert len(mail.outbox) == 1
    assert "€ 2.420,00" in mail.outbox[0].body or "2.420,00" in mail.outbox[0].body


def test_beat_task_running_twice_opens_one_reminder(
    overdue: Invoice, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        assert send_payment_reminders() == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert send_payment_reminders() == 0

    assert Reminder.objects.count() == 1
    assert len(mail.outbox) == 1


def test_paid_or_credited_invoices_get_no_reminder(
    overdue: Invoice, issue: Callable[..., Invoice], staff: User
) -> None:
    services.payment_record(invoice=overdue, amount=Decimal("2420.00"), paid_on=TODAY, by=staff)
    credited = issue(DraftInvoiceFactory.create(), TODAY - 31 * DAY)
    services.credit_note_issue(invoice=credited, by=staff, reason="Ingetrokken")

    assert services.reminders_create_due(today=TODAY) == []


def test_a_partly_paid_overdue_invoice_is_reminded_of_the_rest(
    overdue: Invoice, staff: User, django_capture_on_commit_callbacks: Any
) -> None:
    services.payment_record(invoice=overdue, amount=Decimal("2000.00"), paid_on=TODAY, by=staff)

    remind(TODAY, django_capture_on_commit_callbacks)

    assert len(mail.outbox) == 1
    assert "420,00" in mail.outbox[0].body
