"""Drafts, issuing with a gapless number, immutability, credit notes and payments."""

import datetime
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from accounts.models import User
from companies import services as companies_services
from companies.models import Enrolment, VatCategory
from invoicing import services
from invoicing.models import Invoice, InvoiceCounter, IssuedInvoiceError, PaymentStatus
from invoicing.selectors import invoice_status
from tests.factories import DraftInvoiceFactory, EditionFactory, EnrolmentFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

TODAY = timezone.localdate()
Issue = Callable[..., Invoice]


# --- Money -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("net", "rate", "vat"),
    [
        ("2000.00", "21.00", "420.00"),
        ("2.50", "21.00", "0.53"),  # 0.525: half up
        ("33.33", "21.00", "7.00"),  # 6.9993
        ("2000.00", "9.00", "180.00"),
        ("2000.00", "0.00", "0.00"),
    ],
)
def test_vat_is_rounded_half_up_to_the_cent(net: str, rate: str, vat: str) -> None:
    assert services.vat_on(Decimal(net), Decimal(rate)) == Decimal(vat)


# --- Drafts ----------------------------------------------------------------------------


def test_accepting_an_enrolment_makes_a_draft_for_the_contribution(draft: Invoice) -> None:
    assert not draft.is_issued
    assert draft.number is None
    assert draft.net_amount == Decimal("2000.00")
    assert (draft.vat_category, draft.vat_rate) == (VatCategory.STANDARD, Decimal("21.00"))
    assert draft.vat_amount == Decimal("420.00")
    assert draft.total_amount == Decimal("2420.00")
    assert draft.po_reference == "PO-4711"
    assert "Editie 2026" in draft.description
    assert services.invoice_create_draft(enrolment=draft.enrolment) == draft  # once only


def test_edition_vat_category_reaches_the_draft(staff: User) -> None:
    edition = EditionFactory.create(vat_category=VatCategory.EXEMPT, vat_rate=Decimal("0"))
    enrolment = companies_services.enrolment_accept(
        enrolment=EnrolmentFactory.create(edition=edition), by=staff
    )

    draft = Invoice.objects.get(enrolment=enrolment)
    assert (draft.vat_category, draft.vat_amount, draft.total_amount) == (
        "E",
        Decimal("0.00"),
        Decimal("2000.00"),
    )


def test_a_free_edition_makes_no_invoice(staff: User) -> None:
    edition = EditionFactory.create(contribution=Decimal("0"))
    enrolment = companies_services.enrolment_accept(
        enrolment=EnrolmentFactory.create(edition=edition), by=staff
    )
    assert not Invoice.objects.filter(enrolment=enrolment).exists()


def test_a_waitlisted_enrolment_gets_no_invoice(staff: User) -> None:
    edition = EditionFactory.create(places=1)
    EnrolmentFactory.create(edition=edition, status=Enrolment.Status.ACCEPTED)
    waiting = companies_services.enrolment_accept(
        enrolment=EnrolmentFactory.create(edition=edition), by=staff
    )
    assert waiting.status == Enrolment.Status.WAITLISTED
    assert not Invoice.objects.filter(enrolment=waiting).exists()


def test_a_draft_can_be_corrected_and_discarded(draft: Invoice) -> None:
    services.invoice_update_draft(
        invoice=draft,
        description="Eigen bijdrage, editie 2026",
        po_reference="PO-9",
        period_start=datetime.date(2026, 3, 1),
        period_end=datetime.date(2026, 12, 31),
    )
    draft.refresh_from_db()
    assert (draft.description, draft.po_reference) == ("Eigen bijdrage, editie 2026", "PO-9")

    services.invoice_discard_draft(invoice=draft)
    assert not Invoice.objects.filter(pk=draft.pk).exists()


# --- Issuing and numbering ---------------------------------------------------------------


def test_no_invoice_is_issued_without_issuer_details(draft: Invoice, staff: User) -> None:
    with pytest.raises(ValidationError, match="issuer details"):
        services.invoice_issue(invoice=draft, by=staff)

    draft.refresh_from_db()
    assert draft.number is None
    assert not InvoiceCounter.objects.filter(last_number__gt=0).exists()


def test_issuing_numbers_dates_and_freezes_the_parties(issued: Invoice, staff: User) -> None:
    assert issued.number == f"{TODAY.year}-0001"
    assert (issued.year, issued.sequence) == (TODAY.year, 1)
    assert issued.issue_date == TODAY
    assert issued.due_date == TODAY + datetime.timedelta(days=30)
    assert issued.issued_by == staff
    assert issued.seller_legal_name == "Vereniging VNO-NCW Midden"
    assert issued.seller_iban == "NL91ABNA0417164300"
    assert issued.buyer_legal_name == "Bakkerij Jansen B.V."
    assert issued.buyer_vat_number == "NL123456789B01"
    assert issued.buyer_email == "administratie@bakkerij-jansen.nl"
    assert issued.period_start == TODAY
    assert issued.supply_date == TODAY
    assert issued.ubl_xml.startswith("<?xml")
    assert issued.pdf_status == Invoice.DocumentStatus.PENDING


def test_numbers_follow_each_other_and_restart_each_year(issue: Issue) -> None:
    drafts = DraftInvoiceFactory.create_batch(4)
    numbers = [
        issue(drafts[0], datetime.date(2025, 12, 30)).number,
        issue(drafts[1], datetime.date(2025, 12, 31)).number,
        issue(drafts[2], datetime.date(2026, 1, 2)).number,
        issue(drafts[3], datetime.date(2026, 1, 2)).number,
    ]
    assert numbers == ["2025-0001", "2025-0002", "2026-0001", "2026-0002"]


def test_an_issue_date_before_the_last_invoice_of_the_year_is_refused(issue: Issue) -> None:
    first, second = DraftInvoiceFactory.create_batch(2)
    issue(first, datetime.date(2026, 5, 1))

    with pytest.raises(ValidationError, match="later date"):
        issue(second, datetime.date(2026, 4, 1))

    assert issue(second, datetime.date(2026, 5, 2)).number == "2026-0002"


def test_a_rolled_back_issue_returns_its_number(issue: Issue) -> None:
    first, second = DraftInvoiceFactory.create_batch(2)
    with transaction.atomic():
        assert issue(first).number == f"{TODAY.year}-0001"
        transaction.set_rollback(True)

    first.refresh_from_db()
    assert first.number is None
    assert issue(second).number == f"{TODAY.year}-0001"
    assert issue(first).number == f"{TODAY.year}-0002"


def test_issuing_twice_is_refused(issued: Invoice, issue: Issue) -> None:
    with pytest.raises(ValidationError, match="issued already"):
        issue(issued)


def test_reverse_charge_needs_the_customers_vat_id(issue: Issue) -> None:
    draft = DraftInvoiceFactory.create(
        vat_category=VatCategory.REVERSE_CHARGE,
        vat_rate=Decimal("0"),
        vat_amount=Decimal("0"),
        total_amount=Decimal("2000.00"),
    )

    with pytest.raises(ValidationError, match="VAT id"):
        issue(draft)

    draft.enrolment.company.vat_number = "NL999999999B01"
    draft.enrolment.company.save()
    assert issue(draft).buyer_vat_number == "NL999999999B01"


# --- Immutability ------------------------------------------------------------------------


def test_the_service_refuses_to_change_or_delete_an_issued_invoice(issued: Invoice) -> None:
    with pytest.raises(ValidationError, match="credit it"):
        services.invoice_update_draft(
            invoice=issued,
            description="Anders",
            po_reference="",
            period_start=None,
            period_end=None,
        )
    with pytest.raises(ValidationError, match="credit it"):
        services.invoice_discard_draft(invoice=issued)


def test_a_model_save_or_delete_cannot_change_an_issued_invoice(issued: Invoice) -> None:
    issued.net_amount = Decimal("1.00")
    with pytest.raises(IssuedInvoiceError):
        issued.save()
    with pytest.raises(IssuedInvoiceError):
        issued.delete()
    with pytest.raises(IssuedInvoiceError):
        Invoice.objects.filter(pk=issued.pk).delete()

    issued.refresh_from_db()
    assert issued.net_amount == Decimal("2000.00")
    # Its documents may still be recorded.
    issued.pdf_sha256 = "0" * 64
    issued.save(update_fields=["pdf_sha256"])


def test_the_database_refuses_to_change_or_delete_an_issued_invoice(issued: Invoice) -> None:
    assert connection.vendor == "postgresql"
    with pytest.raises(IntegrityError, match="cannot be changed"), transaction.atomic():
        Invoice.objects.filter(pk=issued.pk).update(total_amount=Decimal("1.00"))
    with (
        pytest.raises(IntegrityError, match="cannot be deleted"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("DELETE FROM invoicing_invoice WHERE id = %s", [issued.pk])
    with transaction.atomic():
        Invoice.objects.filter(pk=issued.pk).update(pdf_started_at=timezone.now())  # allowed

    issued.refresh_from_db()
    assert issued.total_amount == Decimal("2420.00")


# --- Credit notes -----------------------------------------------------------------------


def test_a_full_credit_note_refers_to_the_invoice_and_credits_it(
    issued: Invoice, staff: User
) -> None:
    credit = services.credit_note_issue(invoice=issued, by=staff, reason="Dubbel gefactureerd")

    assert credit.kind == Invoice.Kind.CREDIT_NOTE
    assert credit.credited_invoice == issued
    assert credit.number == f"{TODAY.year}-0002"  # the same unbroken series
    assert (credit.net_amount, credit.vat_amount, credit.total_amount) == (
        Decimal("2000.00"),
        Decimal("420.00"),
        Decimal("2420.00"),
    )
    assert invoice_status(issued) == PaymentStatus.CREDITED
    with pytest.raises(ValidationError, match="in full already"):
        services.credit_note_issue(invoice=issued, by=staff, reason="Nog eens")


def test_partial_credit_notes_add_up_to_the_invoice_to_the_cent(
    issued: Invoice, staff: User
) -> None:
    first = services.credit_note_issue(
        invoice=issued, by=staff, reason="Korting", net_amount=Decimal("333.33")
    )
    assert first.vat_amount == Decimal("70.00")
    assert invoice_status(issued) == PaymentStatus.OPEN
    with pytest.raises(ValidationError, match="between"):
        services.credit_note_issue(
            invoice=issued, by=staff, reason="Te veel", net_amount=Decimal("1666.68")
        )

    rest = services.credit_note_issue(invoice=issued, by=staff, reason="Rest")

    assert rest.net_amount == Decimal("1666.67")
    assert first.vat_amount + rest.vat_amount == issued.vat_amount
    assert invoice_status(issued) == PaymentStatus.CREDITED


def test_a_credit_note_itself_cannot_be_credited(issued: Invoice, staff: User) -> None:
    credit = services.credit_note_issue(invoice=issued, by=staff, reason="Fout")
    with pytest.raises(ValidationError, match="Only an issued invoice"):
        services.credit_note_issue(invoice=credit, by=staff, reason="Fout")


def test_withdrawal_after_acceptance_credits_the_issued_invoice(
    issued: Invoice, staff: User
) -> None:
    companies_services.enrolment_withdraw(enrolment=issued.enrolment, by=staff)

    credit = Invoice.objects.get(kind=Invoice.Kind.CREDIT_NOTE)
    assert credit.credited_invoice == issued
    assert credit.is_issued
    assert credit.total_amount == issued.total_amount
    assert credit.reason  # written in the interface language (Dutch)


def test_withdrawal_before_issuing_discards_the_draft(draft: Invoice, staff: User) -> None:
    companies_services.enrolment_withdraw(enrolment=draft.enrolment, by=staff)

    assert not Invoice.objects.exists()


def test_a_withdrawal_that_cannot_be_credited_is_rolled_back(draft: Invoice, staff: User) -> None:
    """The receiver runs in the service's transaction: its refusal undoes the status change."""
    from tests.factories import IssuerDetailsFactory

    issuer = IssuerDetailsFactory.create()
    services.invoice_issue(invoice=draft, by=staff)
    issuer.delete()  # cannot happen through the admin; here it makes crediting impossible

    with pytest.raises(ValidationError, match="issuer details"):
        companies_services.enrolment_withdraw(enrolment=draft.enrolment, by=staff)

    draft.enrolment.refresh_from_db()
    assert draft.enrolment.status == Enrolment.Status.ACCEPTED


# --- Payments and status ------------------------------------------------------------------


def test_payments_move_the_status_from_open_to_paid(issued: Invoice, staff: User) -> None:
    assert invoice_status(issued) == PaymentStatus.OPEN

    services.payment_record(invoice=issued, amount=Decimal("1000"), paid_on=TODAY, by=staff)
    assert invoice_status(issued) == PaymentStatus.PARTLY_PAID
    with pytest.raises(ValidationError, match="outstanding"):
        services.payment_record(invoice=issued, amount=Decimal("1420.01"), paid_on=TODAY, by=staff)

    services.payment_record(invoice=issued, amount=Decimal("1420"), paid_on=TODAY, by=staff)
    assert invoice_status(issued) == PaymentStatus.PAID


def test_an_unpaid_invoice_is_overdue_after_its_term(issue: Issue) -> None:
    invoice = issue(DraftInvoiceFactory.create(), TODAY - datetime.timedelta(days=31))

    assert invoice_status(invoice) == PaymentStatus.OVERDUE
    assert invoice_status(invoice, today=TODAY - datetime.timedelta(days=1)) == PaymentStatus.OPEN


def test_payments_are_refused_on_drafts_and_credit_notes(
    issued: Invoice, staff: User, draft: Invoice
) -> None:
    other = DraftInvoiceFactory.create()
    with pytest.raises(ValidationError, match="issued invoices"):
        services.payment_record(invoice=other, amount=Decimal("1"), paid_on=TODAY, by=staff)
    credit = services.credit_note_issue(invoice=issued, by=staff, reason="Fout")
    with pytest.raises(ValidationError, match="issued invoices"):
        services.payment_record(invoice=credit, amount=Decimal("1"), paid_on=TODAY, by=staff)
