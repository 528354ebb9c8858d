"""The e-invoice: UBL 2.1 following Peppol BIS Billing 3.0 and the Dutch NLCIUS rules.

Built from the frozen copy on an issued invoice, so the XML never changes once issued.
Element order follows the UBL 2.1 schemas (Invoice and CreditNote differ slightly).
Dutch rules applied: KvK numbers as legal entity and endpoint ids (scheme 0106), the
supplier's and customer's full address, payment means 58 (SEPA credit transfer) with the
IBAN for invoices, and a reference to the invoice on every credit note.
"""

import datetime
from decimal import Decimal
from xml.etree import ElementTree as ET

from companies.models import VatCategory
from invoicing.models import Invoice
from leercultuur.text import xml_safe

CUSTOMIZATION_ID = "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0"
PROFILE_ID = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0"
KVK_SCHEME = "0106"
SEPA_CREDIT_TRANSFER = "58"
INVOICE_TYPE = "380"
CREDIT_NOTE_TYPE = "381"
CURRENCY = "EUR"

NS = {
    "inv": "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2",
    "cn": "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2",
    "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
    "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
}
ET.register_namespace("cac", NS["cac"])
ET.register_namespace("cbc", NS["cbc"])

# Exemption reason codes (VATEX) where EN 16931 asks for a reason (BR-E-10, BR-AE-10).
VATEX = {VatCategory.EXEMPT: "VATEX-EU-132", VatCategory.REVERSE_CHARGE: "VATEX-EU-AE"}


def _cbc(parent: ET.Element, tag: str, text: str, /, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{NS['cbc']}}}{tag}", attrs)
    element.text = xml_safe(text)  # the e-invoice must always parse
    return element


def _cac(parent: ET.Element, tag: str) -> ET.Element:
    return ET.SubElement(parent, f"{{{NS['cac']}}}{tag}")


def _amount(parent: ET.Element, name: str, value: Decimal) -> None:
    _cbc(parent, name, f"{value:.2f}", currencyID=CURRENCY)


def _date(value: datetime.date | None) -> str:
    if value is None:  # pragma: no cover - issued invoices always have their dates
        raise ValueError("an issued invoice has all its dates")
    return value.isoformat()


def build_ubl(invoice: Invoice, *, exemption_text: str = "", payment_terms: str = "") -> bytes:
    """The UBL XML of an issued invoice or credit note, as UTF-8 bytes."""
    credit = invoice.is_credit_note
    root_ns = NS["cn"] if credit else NS["inv"]
    # The root's own namespace is the default one; cac: and cbc: are prefixed.
    root = ET.Element("CreditNote" if credit else "Invoice", {"xmlns": root_ns})
    _cbc(root, "CustomizationID", CUSTOMIZATION_ID)
    _cbc(root, "ProfileID", PROFILE_ID)
    _cbc(root, "ID", invoice.number or "")
    _cbc(root, "IssueDate", _date(invoice.issue_date))
    if credit:
        _cbc(root, "CreditNoteTypeCode", CREDIT_NOTE_TYPE)
    else:
        _cbc(root, "DueDate", _date(invoice.due_date))
        _cbc(root, "InvoiceTypeCode", INVOICE_TYPE)
    if exemption_text:
        _cbc(root, "Note", exemption_text)
    _cbc(root, "DocumentCurrencyCode", CURRENCY)
    # Peppol needs a buyer reference or an order reference; we give both when there is a PO.
    reference = invoice.po_reference or invoice.buyer_contact or invoice.buyer_kvk_number
    _cbc(root, "BuyerReference", reference)
    if invoice.period_start and invoice.period_end:
        period = _cac(root, "InvoicePeriod")
        _cbc(period, "StartDate", invoice.period_start.isoformat())
        _cbc(period, "EndDate", invoice.period_end.isoformat())
    if invoice.po_reference:
        _cbc(_cac(root, "OrderReference"), "ID", invoice.po_reference)
    if credit and invoice.credited_invoice is not None:
        original = _cac(_cac(root, "BillingReference"), "InvoiceDocumentReference")
        _cbc(original, "ID", invoice.credited_invoice.number or "")
        _cbc(original, "IssueDate", _date(invoice.credited_invoice.issue_date))
    _supplier(_cac(root, "AccountingSupplierParty"), invoice)
    _customer(_cac(root, "AccountingCustomerParty"), invoice)
    if invoice.supply_date:
        _cbc(_cac(root, "Delivery"), "ActualDeliveryDate", invoice.supply_date.isoformat())
    if not credit:
        means = _cac(root, "PaymentMeans")
        _cbc(means, "PaymentMeansCode", SEPA_CREDIT_TRANSFER, name="SEPA credit transfer")
        _cbc(means, "PaymentID", invoice.number or "")
        account = _cac(means, "PayeeFinancialAccount")
        _cbc(account, "ID", invoice.seller_iban)
        _cbc(account, "Name", invoice.seller_legal_name)
        if invoice.seller_bic:
            _cbc(_cac(account, "FinancialInstitutionBranch"), "ID", invoice.seller_bic)
        if payment_terms:
            _cbc(_cac(root, "PaymentTerms"), "Note", payment_terms)
    tax_total = _cac(root, "TaxTotal")
    _amount(tax_total, "TaxAmount", invoice.vat_amount)
    subtotal = _cac(tax_total, "TaxSubtotal")
    _amount(subtotal, "TaxableAmount", invoice.net_amount)
    _amount(subtotal, "TaxAmount", invoice.vat_amount)
    _tax_category(_cac(subtotal, "TaxCategory"), invoice, exemption_text)
    totals = _cac(root, "LegalMonetaryTotal")
    _amount(totals, "LineExtensionAmount", invoice.net_amount)
    _amount(totals, "TaxExclusiveAmount", invoice.net_amount)
    _amount(totals, "TaxInclusiveAmount", invoice.total_amount)
    _amount(totals, "PayableAmount", invoice.total_amount)
    _line(_cac(root, "CreditNoteLine" if credit else "InvoiceLine"), invoice)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _address(party: ET.Element, street: str, city: str, postcode: str) -> None:
    address = _cac(party, "PostalAddress")
    _cbc(address, "StreetName", street)
    _cbc(address, "CityName", city)
    _cbc(address, "PostalZone", postcode)
    _cbc(_cac(address, "Country"), "IdentificationCode", "NL")


def _tax_scheme(parent: ET.Element) -> None:
    _cbc(_cac(parent, "TaxScheme"), "ID", "VAT")


def _supplier(role: ET.Element, invoice: Invoice) -> None:
    party = _cac(role, "Party")
    _cbc(party, "EndpointID", invoice.seller_kvk_number, schemeID=KVK_SCHEME)
    _cbc(_cac(party, "PartyName"), "Name", invoice.seller_legal_name)
    _address(party, invoice.seller_street_address, invoice.seller_city, invoice.seller_postcode)
    tax = _cac(party, "PartyTaxScheme")
    _cbc(tax, "CompanyID", invoice.seller_vat_number)
    _tax_scheme(tax)
    legal = _cac(party, "PartyLegalEntity")
    _cbc(legal, "RegistrationName", invoice.seller_legal_name)
    _cbc(legal, "CompanyID", invoice.seller_kvk_number, schemeID=KVK_SCHEME)
    _cbc(_cac(party, "Contact"), "ElectronicMail", invoice.seller_email)


def _customer(role: ET.Element, invoice: Invoice) -> None:
    party = _cac(role, "Party")
    _cbc(party, "EndpointID", invoice.buyer_kvk_number, schemeID=KVK_SCHEME)
    _cbc(_cac(party, "PartyName"), "Name", invoice.buyer_legal_name)
    _address(party, invoice.buyer_street_address, invoice.buyer_city, invoice.buyer_postcode)
    if invoice.buyer_vat_number:
        tax = _cac(party, "PartyTaxScheme")
        _cbc(tax, "CompanyID", invoice.buyer_vat_number)
        _tax_scheme(tax)
    legal = _cac(party, "PartyLegalEntity")
    _cbc(legal, "RegistrationName", invoice.buyer_legal_name)
    _cbc(legal, "CompanyID", invoice.buyer_kvk_number, schemeID=KVK_SCHEME)
    if invoice.buyer_contact or invoice.buyer_email:
        contact = _cac(party, "Contact")
        if invoice.buyer_contact:
            _cbc(contact, "Name", invoice.buyer_contact)
        if invoice.buyer_email:
            _cbc(contact, "ElectronicMail", invoice.buyer_email)


def _tax_category(category: ET.Element, invoice: Invoice, exemption_text: str) -> None:
    _cbc(category, "ID", invoice.vat_category)
    _cbc(category, "Percent", f"{invoice.vat_rate:.2f}")
    if code := VATEX.get(VatCategory(invoice.vat_category)):
        _cbc(category, "TaxExemptionReasonCode", code)
        if exemption_text:
            _cbc(category, "TaxExemptionReason", exemption_text)
    _tax_scheme(category)


def _line(line: ET.Element, invoice: Invoice) -> None:
    _cbc(line, "ID", "1")
    quantity = "CreditedQuantity" if invoice.is_credit_note else "InvoicedQuantity"
    _cbc(line, quantity, "1", unitCode="C62")
    _amount(line, "LineExtensionAmount", invoice.net_amount)
    if invoice.period_start and invoice.period_end:
        period = _cac(line, "InvoicePeriod")
        _cbc(period, "StartDate", invoice.period_start.isoformat())
        _cbc(period, "EndDate", invoice.period_end.isoformat())
    item = _cac(line, "Item")
    _cbc(item, "Description", invoice.description)
    _cbc(item, "Name", invoice.description[:100])
    classified = _cac(item, "ClassifiedTaxCategory")
    _cbc(classified, "ID", invoice.vat_category)
    _cbc(classified, "Percent", f"{invoice.vat_rate:.2f}")
    _tax_scheme(classified)
    _amount(_cac(line, "Price"), "PriceAmount", invoice.net_amount)
