"""The work surface's invoice actions: a draft is shown as issuing would make it (page,
PDF, mail) and issued only on the second click; an overdue invoice gets a reminder after
its preview, or a payment; each then leaves its queue."""

import datetime
import io
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from accounts.models import User
from invoicing.models import Invoice, InvoiceCounter, IssuerDetails, Payment, Reminder
from leercultuur.outbox.models import Mail
from reports.queues import draft_invoices, overdue_invoices
from tests.conftest import client_for
from tests.factories import DraftInvoiceFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def test_issuing_shows_the_invoice_and_its_mail_first_and_keeps_nothing(
    staff: User, draft: Invoice, issuer: IssuerDetails
) -> None:
    url = reverse("invoice_issue_confirm", args=[draft.public_id])
    mails = Mail.objects.count()  # the acceptance's
    page = client_for(staff).get(url).content.decode()

    assert f"{TODAY.year}-0001" in page, "the number issuing now would give"
    assert "Bakkerij Jansen B.V." in page
    assert "administratie@bakkerij-jansen.nl" in page, "where the mail goes"
    assert "Factuur versturen" in page
    draft.refresh_from_db()
    assert draft.issued_at is None
    assert not draft.number
    assert not InvoiceCounter.objects.filter(last_number__gt=0).exists()
    assert Mail.objects.count() == mails
    assert list(draft_invoices()) == [draft]


def test_the_preview_pdf_says_it_is_a_preview_and_issues_nothing(
    staff: User, draft: Invoice, issuer: IssuerDetails
) -> None:
    mails = Mail.objects.count()
    response = client_for(staff).get(reverse("invoice_preview_pdf", args=[draft.public_id]))

    assert response["Content-Type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "Voorbeeld: nog niet verstuurd" in text
    assert f"{TODAY.year}-0001" in text
    draft.refresh_from_db()
    assert draft.issued_at is None
    assert Mail.objects.count() == mails


def test_the_second_click_issues_and_the_draft_leaves_its_queue(
    staff: User, draft: Invoice, issuer: IssuerDetails
) -> None:
    url = reverse("invoice_issue_confirm", args=[draft.public_id])
    response = client_for(staff).post(url)

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.number == f"{TODAY.year}-0001"
    assert list(draft_invoices()) == []
    again = client_for(staff).get(url, follow=True).content.decode()
    assert f"{draft} is al uitgereikt" in again


@pytest.fixture
def overdue(issue: Callable[..., Invoice]) -> Invoice:
    return issue(DraftInvoiceFactory.create(), TODAY - datetime.timedelta(days=31))


def test_a_reminder_is_previewed_then_sent_and_a_third_refused(
    staff: User, overdue: Invoice, django_capture_on_commit_callbacks: Any
) -> None:
    url = reverse("invoice_remind", args=[overdue.public_id])
    client = client_for(staff)
    page = client.get(url).content.decode()
    assert str(overdue.number) in page
    assert not Reminder.objects.exists(), "the preview sends nothing"
    mails_before = Mail.objects.filter(kind="invoice_reminder").count()

    for _ in range(2):
        assert client.post(url).status_code == 302
    refused = client.post(url, follow=True).content.decode()

    reminders = Reminder.objects.filter(invoice=overdue)
    assert [r.sequence for r in reminders] == [1, 2]
    logged = LogEntry.objects.filter(content_type__model="reminder", action=LogEntry.Action.CREATE)
    assert [entry.actor for entry in logged] == [staff, staff], "who sent them is on record"
    assert Mail.objects.filter(kind="invoice_reminder").count() == mails_before + 2
    assert "De twee herinneringen zijn al verstuurd" in refused
    assert list(overdue_invoices()) == [overdue], "a reminder does not settle the invoice"


def test_recording_the_whole_open_amount_takes_the_invoice_off_the_queue(
    staff: User, overdue: Invoice
) -> None:
    url = reverse("payment_add", args=[overdue.public_id])
    client = client_for(staff)
    assert "staat nog" in client.get(url).content.decode()

    bad = client.post(url, {"amount": "twee", "paid_on": TODAY.isoformat()})
    assert bad.status_code == 200
    assert not Payment.objects.exists()
    future = (TODAY + datetime.timedelta(days=3)).isoformat()
    assert client.post(url, {"amount": "", "paid_on": future}).status_code == 200
    assert not Payment.objects.exists()

    response = client.post(url, {"amount": "", "paid_on": TODAY.isoformat(), "reference": "X"})

    assert response.status_code == 302
    assert Payment.objects.get().amount == overdue.total_amount
    assert list(overdue_invoices()) == []


def test_the_queue_finds_overdue_invoices_as_the_status_does(
    issue: Callable[..., Invoice], staff: User
) -> None:
    from invoicing import services
    from invoicing.models import PaymentStatus
    from invoicing.selectors import overdue_condition, status_filter, with_balances

    long_ago = TODAY - datetime.timedelta(days=45)
    old = [issue(DraftInvoiceFactory.create(), long_ago) for _ in range(5)]
    unpaid, partly, paid, credited, part_credited = old
    recent = issue(DraftInvoiceFactory.create())
    DraftInvoiceFactory.create()  # a draft is never overdue
    services.payment_record(invoice=partly, amount=Decimal("100.00"), paid_on=TODAY, by=staff)
    services.payment_record(invoice=paid, amount=paid.total_amount, paid_on=TODAY, by=staff)
    for invoice, amount in ((credited, None), (part_credited, Decimal("500.00"))):
        services.credit_note_issue(invoice=invoice, net_amount=amount, reason="Fout", by=staff)

    by_status = with_balances(Invoice.objects.all()).filter(status_filter(PaymentStatus.OVERDUE))
    by_queue = Invoice.objects.filter(overdue_condition())

    assert set(by_queue) == set(by_status) == {unpaid, partly, part_credited}
    assert recent not in by_queue
    settled = Invoice.objects.filter(settled_at__isnull=False)
    assert set(settled) == {paid, credited}
