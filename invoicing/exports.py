"""The bookkeeping export of issued invoices and credit notes, as a table;
leercultuur.exports writes it."""

from collections.abc import Iterable

from django.utils.text import capfirst
from django.utils.translation import gettext as _

from invoicing.models import Invoice
from invoicing.selectors import annotated_status
from leercultuur.exports import Cell, Row


def invoice_table(invoices: Iterable[Invoice]) -> list[Row]:
    """A header and a row per document. The invoices come from ``with_balances``, with
    their edition and credited invoice selected."""
    header: list[Cell] = [
        *_labels("number", "kind", "credited_invoice", "issue_date", "due_date"),
        *_labels("supply_date", "buyer_legal_name", "buyer_kvk_number", "buyer_vat_number"),
        _("Edition"),
        *_labels("description", "period_start", "period_end", "net_amount", "vat_category"),
        *_labels("vat_rate", "vat_amount", "total_amount"),
        _("Paid"),
        _("Outstanding"),
        _("Status"),
        *_labels("po_reference"),
    ]
    return [header, *(_row(invoice) for invoice in invoices)]


def _labels(*fields: str) -> list[Cell]:
    """The model's own field labels, so the export and the admin name a column alike."""
    labels = {field.name: field.verbose_name for field in Invoice._meta.fields}
    return [capfirst(str(labels[field])) for field in fields]


def _row(invoice: Invoice) -> Row:
    credit = invoice.is_credit_note
    credited = invoice.credited_invoice
    return [
        invoice.number,
        invoice.get_kind_display(),
        credited.number if credited else None,
        invoice.issue_date,
        None if credit else invoice.due_date,
        invoice.supply_date,
        invoice.buyer_legal_name,
        invoice.buyer_kvk_number,
        invoice.buyer_vat_number,
        invoice.enrolment.edition.name,
        invoice.description,
        invoice.period_start,
        invoice.period_end,
        invoice.net_amount,
        invoice.vat_category,  # the UNCL 5305 code, as in the e-invoice
        invoice.vat_rate,
        invoice.vat_amount,
        invoice.total_amount,
        None if credit else invoice.paid,  # type: ignore[attr-defined]
        None if credit else invoice.outstanding,  # type: ignore[attr-defined]
        annotated_status(invoice).label,
        invoice.po_reference,
    ]
