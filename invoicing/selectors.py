"""Reads about invoices: balances, status, totals, and what a user may see."""

import datetime
import uuid
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import (
    DecimalField,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role, role_of
from invoicing.models import Invoice, Payment, PaymentStatus

ZERO = Decimal("0.00")
_MONEY = DecimalField(max_digits=12, decimal_places=2)


def invoices_for_user(user: User) -> QuerySet[Invoice]:
    """Issued invoices and credit notes a user may see: their company's, or all for staff."""
    issued = Invoice.objects.issued().select_related(
        "enrolment__company", "enrolment__edition", "credited_invoice"
    )
    role = role_of(user)
    if role == Role.STAFF:
        return issued
    if role == Role.CONTACT:
        return issued.filter(enrolment__company_id=user.contact.company_id)
    return issued.none()


def get_invoice_for_user(user: User, public_id: uuid.UUID | str) -> Invoice:
    """One issued document the user may see; anyone else's (or a draft) is a 404."""
    try:
        return invoices_for_user(user).get(public_id=public_id)
    except (Invoice.DoesNotExist, ValueError) as exc:
        raise Http404 from exc


def get_invoice_for_staff(user: User, public_id: uuid.UUID | str) -> Invoice:
    """Any invoice, drafts too, for staff working the queues; a 404 for anyone else."""
    if role_of(user) != Role.STAFF:
        raise Http404
    invoices = Invoice.objects.select_related("enrolment__company", "enrolment__edition")
    try:
        return invoices.get(public_id=public_id)
    except (Invoice.DoesNotExist, ValueError) as exc:
        raise Http404 from exc


def with_balances(invoices: QuerySet[Invoice]) -> QuerySet[Invoice]:
    """Annotate ``paid``, ``credited`` (incl. VAT, issued credit notes) and ``outstanding``."""
    paid = (
        Payment.objects.filter(invoice=OuterRef("pk"))
        .order_by()
        .values("invoice")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    credited = (
        Invoice.objects.filter(credited_invoice=OuterRef("pk"), issued_at__isnull=False)
        .order_by()
        .values("credited_invoice")
        .annotate(total=Sum("total_amount"))
        .values("total")
    )
    return invoices.annotate(
        paid=Coalesce(Subquery(paid, output_field=_MONEY), Value(ZERO), output_field=_MONEY),
        credited=Coalesce(
            Subquery(credited, output_field=_MONEY), Value(ZERO), output_field=_MONEY
        ),
    ).annotate(
        outstanding=ExpressionWrapper(
            F("total_amount") - F("paid") - F("credited"), output_field=_MONEY
        )
    )


def overdue_condition(today: datetime.date | None = None) -> Q:
    """Overdue invoices as ``status_filter(OVERDUE)`` finds them, without their sums: the
    services mark an invoice settled once it is covered, so open ones are those not settled
    (the work surface counts them on every visit, among tens of thousands)."""
    return Q(
        kind=Invoice.Kind.INVOICE,
        issued_at__isnull=False,
        settled_at__isnull=True,
        due_date__lt=today or timezone.localdate(),
    )


def status_filter(status: str, today: datetime.date | None = None) -> Q:
    """The condition on ``with_balances`` rows for one payment status (admin filter)."""
    today = today or timezone.localdate()
    invoice = Q(kind=Invoice.Kind.INVOICE, issued_at__isnull=False)
    # Payments are positive, so money outstanding means the credit notes do not cover it.
    due = invoice & Q(outstanding__gt=0)
    conditions = {
        PaymentStatus.DRAFT: Q(issued_at__isnull=True),
        PaymentStatus.CREDIT_NOTE: Q(kind=Invoice.Kind.CREDIT_NOTE, issued_at__isnull=False),
        PaymentStatus.CREDITED: invoice & Q(credited__gte=F("total_amount")),
        PaymentStatus.PAID: invoice & Q(credited__lt=F("total_amount"), outstanding__lte=0),
        PaymentStatus.OVERDUE: due & Q(due_date__lt=today),
        PaymentStatus.PARTLY_PAID: due & Q(due_date__gte=today, paid__gt=0),
        PaymentStatus.OPEN: due & Q(due_date__gte=today, paid=0),
    }
    return conditions[PaymentStatus(status)]


@dataclass(frozen=True)
class Balance:
    total: Decimal
    paid: Decimal
    credited: Decimal

    @property
    def outstanding(self) -> Decimal:
        return self.total - self.paid - self.credited


def balance_of(invoice: Invoice) -> Balance:
    paid = invoice.payments.aggregate(total=Sum("amount"))["total"] or ZERO
    credited = (
        invoice.credit_notes.filter(issued_at__isnull=False).aggregate(total=Sum("total_amount"))[
            "total"
        ]
        or ZERO
    )
    return Balance(total=invoice.total_amount, paid=paid, credited=credited)


def invoice_status(invoice: Invoice, today: datetime.date | None = None) -> PaymentStatus:
    """Open, partly paid, paid, overdue or credited (drafts and credit notes say so)."""
    if not invoice.is_issued:
        return PaymentStatus.DRAFT
    if invoice.is_credit_note:
        return PaymentStatus.CREDIT_NOTE
    balance = balance_of(invoice)
    return _status(invoice, balance.paid, balance.credited, today)


def annotated_status(invoice: Invoice, today: datetime.date | None = None) -> PaymentStatus:
    """The status of a row from ``with_balances`` (no further queries)."""
    if not invoice.is_issued:
        return PaymentStatus.DRAFT
    if invoice.is_credit_note:
        return PaymentStatus.CREDIT_NOTE
    return _status(invoice, invoice.paid, invoice.credited, today)  # type: ignore[attr-defined]


def _status(
    invoice: Invoice, paid: Decimal, credited: Decimal, today: datetime.date | None
) -> PaymentStatus:
    today = today or timezone.localdate()
    if credited >= invoice.total_amount:
        return PaymentStatus.CREDITED
    if invoice.total_amount - paid - credited <= 0:
        return PaymentStatus.PAID
    if invoice.due_date is not None and invoice.due_date < today:
        return PaymentStatus.OVERDUE
    return PaymentStatus.PARTLY_PAID if paid > 0 else PaymentStatus.OPEN


def uncredited(invoice: Invoice) -> tuple[Decimal, Decimal]:
    """(net, VAT) of the invoice not yet covered by issued credit notes."""
    credited = invoice.credit_notes.filter(issued_at__isnull=False).aggregate(
        net=Sum("net_amount"), vat=Sum("vat_amount")
    )
    return (
        invoice.net_amount - (credited["net"] or ZERO),
        invoice.vat_amount - (credited["vat"] or ZERO),
    )


def totals_per_edition(invoices: QuerySet[Invoice]) -> list[dict[str, object]]:
    """Per edition: invoiced, credited, paid and outstanding (incl. VAT) of issued documents."""
    issued = invoices.filter(issued_at__isnull=False).order_by()
    edition = "enrolment__edition__name"
    rows = issued.values(edition).annotate(
        invoiced=Coalesce(
            Sum("total_amount", filter=Q(kind=Invoice.Kind.INVOICE)),
            Value(ZERO),
            output_field=_MONEY,
        ),
        credited=Coalesce(
            Sum("total_amount", filter=Q(kind=Invoice.Kind.CREDIT_NOTE)),
            Value(ZERO),
            output_field=_MONEY,
        ),
    )
    paid = dict(
        Payment.objects.filter(invoice__in=issued)
        .order_by()
        .values_list("invoice__enrolment__edition__name")
        .annotate(total=Sum("amount"))
        .values_list("invoice__enrolment__edition__name", "total")
    )
    totals = []
    for row in sorted(rows, key=lambda row: row[edition]):
        received = paid.get(row[edition]) or ZERO
        totals.append(
            {
                "edition": row[edition],
                "invoiced": row["invoiced"],
                "credited": row["credited"],
                "paid": received,
                "outstanding": row["invoiced"] - row["credited"] - received,
            }
        )
    return totals
