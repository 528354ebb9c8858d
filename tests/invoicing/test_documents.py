"""The UBL e-invoice and the PDF: every legal field, amounts that add up, sent once."""

import datetime
import hashlib
import io
from collections.abc import Callable
from decimal import Decimal
from typing import Any
from xml.etree import ElementTree as ET

import pypdf
import pytest
from django.core import mail

from accounts.models import User
from companies.models import VatCategory
from invoicing import services
from invoicing.models import Invoice
from invoicing.tasks import render_invoice_pdf
from leercultuur.outbox.models import Mail
from leercultuur.outbox.tasks import send_mail
from tests.factories import DraftInvoiceFactory

pytestmark = pytest.mark.django_db

NS = {
    "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
    "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
}
INVOICE_NS = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
CREDIT_NOTE_NS = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"
Issue = Callable[..., Invoice]


def parse(invoice: Invoice) -> ET.Element:
    return ET.fromstring(invoice.ubl_xml.encode())  # noqa: S314 - our own XML


def text(root: ET.Element, path: str) -> str:
    element = root.find(path, NS)
    assert element is not None, f"{path} missing"
    assert element.text, f"{path} empty"
    return element.text


def amount(root: ET.Element, path: str) -> Decimal:
    element = root.find(path, NS)
    assert element is not None, f"{path} missing"
    assert element.get("currencyID") == "EUR"
    return Decimal(element.text or "")


def assert_amounts_add_up(root: ET.Element, line_tag: str) -> None:
    lines = root.findall(f"cac:{line_tag}", NS)
    assert lines
    line_total = sum(amount(line, "cbc:LineExtensionAmount") for line in lines)
    for line in lines:
        price = amount(line, "cac:Price/cbc:PriceAmount")
        quantity = line.find("cbc:InvoicedQuantity", NS)
        if quantity is None:
            quantity = line.find("cbc:CreditedQuantity", NS)
        assert quantity is not None
        assert quantity.get("unitCode") == "C62"
        assert price * Decimal(quantity.text or "") == amount(line, "cbc:LineExtensionAmount")
    totals = "cac:LegalMonetaryTotal/cbc:"
    assert amount(root, totals + "LineExtensionAmount") == line_total
    assert amount(root, totals + "TaxExclusiveAmount") == line_total
    tax = amount(root, "cac:TaxTotal/cbc:TaxAmount")
    subtotals = root.findall("cac:TaxTotal/cac:TaxSubtotal", NS)
    assert sum(amount(sub, "cbc:TaxableAmount") for sub in subtotals) == line_total
    assert sum(amount(sub, "cbc:TaxAmount") for sub in subtotals) == tax
    for sub in subtotals:
        rate = Decimal(text(sub, "cac:TaxCategory/cbc:Percent"))
        expected = (amount(sub, "cbc:TaxableAmount") * rate / 100).quantize(Decimal("0.01"))
        assert amount(sub, "cbc:TaxAmount") == expected
    inclusive = amount(root, totals + "TaxInclusiveAmount")
    assert inclusive == line_total + tax
    assert amount(root, totals + "PayableAmount") == inclusive


def test_ubl_invoice_has_the_bis3_and_nlcius_elements(issued: Invoice) -> None:
    root = parse(issued)

    assert root.tag == f"{{{INVOICE_NS}}}Invoice"
    assert text(root, "cbc:CustomizationID") == (
        "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0"
    )
    assert text(root, "cbc:ProfileID") == "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0"
    assert text(root, "cbc:ID") == issued.number
    assert text(root, "cbc:IssueDate") == issued.issue_date.isoformat()  # type: ignore[union-attr]
    assert text(root, "cbc:DueDate") == issued.due_date.isoformat()  # type: ignore[union-attr]
    assert text(root, "cbc:InvoiceTypeCode") == "380"
    assert text(root, "cbc:DocumentCurrencyCode") == "EUR"
    assert text(root, "cbc:BuyerReference") == "PO-4711"
    assert text(root, "cac:OrderReference/cbc:ID") == "PO-4711"
    assert text(root, "cac:InvoicePeriod/cbc:StartDate") == issued.period_start.isoformat()  # type: ignore[union-attr]
    assert text(root, "cac:Delivery/cbc:ActualDeliveryDate") == issued.supply_date.isoformat()  # type: ignore[union-attr]

    supplier = root.find("cac:AccountingSupplierParty/cac:Party", NS)
    assert supplier is not None
    endpoint = supplier.find("cbc:EndpointID", NS)
    assert endpoint is not None
    assert endpoint.get("schemeID") == "0106"
    assert endpoint.text == "40117042"
    legal_id = supplier.find("cac:PartyLegalEntity/cbc:CompanyID", NS)
    assert legal_id is not None
    assert legal_id.get("schemeID") == "0106"
    assert legal_id.text == "40117042"
    assert text(supplier, "cac:PartyLegalEntity/cbc:RegistrationName") == (
        "Vereniging VNO-NCW Midden"
    )
    assert text(supplier, "cac:PartyTaxScheme/cbc:CompanyID") == "NL001234560B01"
    assert text(supplier, "cac:PartyTaxScheme/cac:TaxScheme/cbc:ID") == "VAT"
    assert text(supplier, "cac:PostalAddress/cbc:StreetName") == "Stationsplein 12"
    assert text(supplier, "cac:PostalAddress/cbc:CityName") == "Arnhem"
    assert text(supplier, "cac:PostalAddress/cbc:PostalZone") == "6811 KL"
    assert text(supplier, "cac:PostalAddress/cac:Country/cbc:IdentificationCode") == "NL"

    customer = root.find("cac:AccountingCustomerParty/cac:Party", NS)
    assert customer is not None
    assert text(customer, "cbc:EndpointID") == "12345678"
    assert text(customer, "cac:PartyLegalEntity/cbc:RegistrationName") == "Bakkerij Jansen B.V."
    buyer_id = customer.find("cac:PartyLegalEntity/cbc:CompanyID", NS)
    assert buyer_id is not None
    assert buyer_id.get("schemeID") == "0106"
    assert text(customer, "cac:PostalAddress/cbc:StreetName") == "Stationsstraat 1"
    assert text(customer, "cac:PartyTaxScheme/cbc:CompanyID") == "NL123456789B01"

    assert text(root, "cac:PaymentMeans/cbc:PaymentMeansCode") == "58"
    assert text(root, "cac:PaymentMeans/cac:PayeeFinancialAccount/cbc:ID") == ("NL91ABNA0417164300")
    assert "30" in text(root, "cac:PaymentTerms/cbc:Note")
    assert text(root, "cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/cbc:ID") == "S"
    assert text(root, "cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/cbc:Percent") == "21.00"
    assert amount(root, "cac:LegalMonetaryTotal/cbc:PayableAmount") == Decimal("2420.00")
    assert text(root, "cac:InvoiceLine/cac:Item/cbc:Name")
    assert_amounts_add_up(root, "InvoiceLine")


def test_ubl_without_purchase_order_still_has_a_buyer_reference(issue: Issue) -> None:
    draft = DraftInvoiceFactory.create(po_reference="")
    root = parse(issue(draft))

    assert text(root, "cbc:BuyerReference")
    assert root.find("cac:OrderReference", NS) is None


@pytest.mark.parametrize(
    ("category", "rate", "vat", "reason_code"),
    [
        (VatCategory.STANDARD, "9.00", "180.00", None),
        (VatCategory.ZERO, "0.00", "0.00", None),
        (VatCategory.EXEMPT, "0.00", "0.00", "VATEX-EU-132"),
        (VatCategory.REVERSE_CHARGE, "0.00", "0.00", "VATEX-EU-AE"),
    ],
)
def test_ubl_vat_categories_carry_rate_and_exemption(
    issue: Issue, category: str, rate: str, vat: str, reason_code: str | None
) -> None:
    draft = DraftInvoiceFactory.create(
        vat_category=category,
        vat_rate=Decimal(rate),
        vat_amount=Decimal(vat),
        total_amount=Decimal("2000.00") + Decimal(vat),
        enrolment__company__vat_number="NL999999999B01",
    )
    root = parse(issue(draft))

    tax_category = root.find("cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory", NS)
    assert tax_category is not None
    assert text(tax_category, "cbc:ID") == category
    assert text(tax_category, "cbc:Percent") == rate
    if reason_code:
        assert text(tax_category, "cbc:TaxExemptionReasonCode") == reason_code
        assert text(tax_category, "cbc:TaxExemptionReason")
    else:
        assert tax_category.find("cbc:TaxExemptionReasonCode", NS) is None
    assert text(root, "cac:InvoiceLine/cac:Item/cac:ClassifiedTaxCategory/cbc:ID") == category
    assert_amounts_add_up(root, "InvoiceLine")


def test_ubl_credit_note_refers_to_its_invoice(issued: Invoice, staff: User) -> None:
    credit = services.credit_note_issue(
        invoice=issued, by=staff, reason="Korting", net_amount=Decimal("500.00")
    )
    root = parse(credit)

    assert root.tag == f"{{{CREDIT_NOTE_NS}}}CreditNote"
    assert text(root, "cbc:CreditNoteTypeCode") == "381"
    assert text(root, "cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID") == (issued.number)
    assert text(root, "cac:BillingReference/cac:InvoiceDocumentReference/cbc:IssueDate") == (
        issued.issue_date.isoformat()  # type: ignore[union-attr]
    )
    assert amount(root, "cac:LegalMonetaryTotal/cbc:PayableAmount") == Decimal("605.00")
    assert root.find("cac:InvoiceLine", NS) is None
    assert_amounts_add_up(root, "CreditNoteLine")


def render(invoice: Invoice, capture: Any) -> Invoice:
    with capture(execute=True):
        render_invoice_pdf(invoice.pk)
    invoice.refresh_from_db()
    return invoice


def pdf_bytes(invoice: Invoice) -> bytes:
    with invoice.pdf.open("rb") as pdf:
        return pdf.read()


def pdf_text(invoice: Invoice) -> str:
    reader = pypdf.PdfReader(io.BytesIO(pdf_bytes(invoice)))
    return " ".join(page.extract_text() for page in reader.pages)


def test_pdf_shows_every_legal_field_and_embeds_the_ubl(
    issued: Invoice, django_capture_on_commit_callbacks: Any
) -> None:
    invoice = render(issued, django_capture_on_commit_callbacks)

    assert invoice.pdf_status == Invoice.DocumentStatus.DONE
    content = pdf_bytes(invoice)
    assert hashlib.sha256(content).hexdigest() == invoice.pdf_sha256
    reader = pypdf.PdfReader(io.BytesIO(content))
    assert reader.attachments[f"factuur-{invoice.number}.xml"] == [invoice.ubl_xml.encode()]
    metadata = reader.xmp_metadata
    assert metadata is not None
    assert b'pdfaid:part="3"' in metadata.stream.get_data()  # PDF/A-3b
    words = " ".join(pdf_text(invoice).split())
    date = invoice.issue_date.strftime("%d-%m-%Y")  # type: ignore[union-attr]
    for expected in (
        str(invoice.number),
        "Vereniging VNO-NCW Midden",  # supplier
        "Stationsplein 12",
        "6811 KL Arnhem",
        "40117042",  # supplier KvK
        "NL001234560B01",  # supplier VAT id
        "Bakkerij Jansen B.V.",  # customer
        "Stationsstraat 1",
        "12345678",  # customer KvK
        "NL123456789B01",  # customer VAT id
        date,  # invoice date and date of supply
        invoice.due_date.strftime("%d-%m-%Y"),  # type: ignore[union-attr]
        invoice.period_end.strftime("%d-%m-%Y"),  # type: ignore[union-attr]
        "Editie 2026",  # the service
        "2.000,00",  # excl. VAT
        "21%",
        "420,00",
        "2.420,00",
        "30",  # payment term
        "NL91ABNA0417164300",  # IBAN
        "PO-4711",  # purchase order
    ):
        assert expected in words, expected


@pytest.mark.parametrize(
    ("category", "wording"),
    [(VatCategory.EXEMPT, "artikel 11"), (VatCategory.REVERSE_CHARGE, "verlegd")],
)
def test_pdf_prints_the_legal_vat_wording(
    issue: Issue, django_capture_on_commit_callbacks: Any, category: str, wording: str
) -> None:
    draft = DraftInvoiceFactory.create(
        vat_category=category,
        vat_rate=Decimal("0"),
        vat_amount=Decimal("0"),
        total_amount=Decimal("2000.00"),
        enrolment__company__vat_number="NL999999999B01",
    )
    invoice = render(issue(draft), django_capture_on_commit_callbacks)

    words = " ".join(pdf_text(invoice).split())
    assert wording in words.replace("article 11", "artikel 11")
    assert "NL999999999B01" in words


def test_credit_note_pdf_names_the_invoice_it_credits(
    issued: Invoice, staff: User, django_capture_on_commit_callbacks: Any
) -> None:
    credit = services.credit_note_issue(invoice=issued, by=staff, reason="Dubbel gefactureerd")
    credit = render(credit, django_capture_on_commit_callbacks)

    words = " ".join(pdf_text(credit).split())
    assert str(credit.number) in words
    assert str(issued.number) in words
    assert "Dubbel gefactureerd" in words
    assert pypdf.PdfReader(io.BytesIO(pdf_bytes(credit))).attachments


def test_invoice_mail_is_sent_once_with_pdf_and_ubl(
    issued: Invoice, django_capture_on_commit_callbacks: Any
) -> None:
    render(issued, django_capture_on_commit_callbacks)  # renders, then sends on commit
    invoice_mail = Mail.objects.get(kind="invoice")

    send_mail(invoice_mail.pk)  # delivered a second time
    send_mail(invoice_mail.pk)

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["administratie@bakkerij-jansen.nl"]
    assert str(issued.number) in str(message.subject)
    names = [attachment[0] for attachment in message.attachments]
    assert names == [f"factuur-{issued.number}.pdf", f"factuur-{issued.number}.xml"]
    assert message.attachments[0][1] == pdf_bytes(issued)  # the stored PDF itself
    invoice_mail.refresh_from_db()
    assert invoice_mail.status == Mail.Status.SENT


def test_mail_waits_for_the_pdf(issued: Invoice) -> None:
    assert not Mail.objects.filter(kind="invoice").exists()


def test_render_task_twice_renders_once(
    issued: Invoice, django_capture_on_commit_callbacks: Any
) -> None:
    invoice = render(issued, django_capture_on_commit_callbacks)
    first = (invoice.pdf.name, invoice.pdf_sha256, invoice.pdf_rendered_at)

    render_invoice_pdf(invoice.pk)

    invoice.refresh_from_db()
    assert (invoice.pdf.name, invoice.pdf_sha256, invoice.pdf_rendered_at) == first


def test_stale_jobs_are_sent_again(issued: Invoice) -> None:
    later = datetime.datetime.now(tz=datetime.UTC) + datetime.timedelta(minutes=10)

    assert services.invoices_requeue_stale(now=later) == 1  # the PDF that never came

    issued.refresh_from_db()
    assert issued.pdf_status == Invoice.DocumentStatus.DONE


def test_a_real_worker_renders_and_mails_the_issued_invoice(
    celery_app: Any, celery_worker: Any, staff: User
) -> None:
    import time

    from tests.factories import IssuerDetailsFactory

    IssuerDetailsFactory.create()
    invoice = services.invoice_issue(invoice=DraftInvoiceFactory.create(), by=staff)

    def mailed() -> list[str]:
        subjects = [str(message.subject) for message in mail.outbox]
        return [subject for subject in subjects if str(invoice.number) in subject]

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        invoice.refresh_from_db()
        if mailed() or invoice.pdf_status == Invoice.DocumentStatus.FAILED:
            break
        time.sleep(0.2)

    assert invoice.pdf_status == Invoice.DocumentStatus.DONE, invoice.pdf_error
    assert hashlib.sha256(pdf_bytes(invoice)).hexdigest() == invoice.pdf_sha256
    assert len(mailed()) == 1
