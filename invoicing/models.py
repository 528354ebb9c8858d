"""Invoices and credit notes for the own contribution, their payments and reminders.

An issued document is frozen: the parties, amounts, number and dates are copied onto it
when it is issued, and the guards below (and a database trigger on PostgreSQL) refuse any
later change or deletion. Corrections are credit notes.
"""

import uuid
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from stdnum import exceptions as stdnum
from stdnum import iban

from companies.models import KVK_VALIDATOR, Enrolment, VatCategory
from companies.validators import validate_vat_number
from leercultuur.text import MultiLineField, SingleLineField

IBAN_INVALID = _("Enter a valid IBAN, such as NL91ABNA0417164300.")


def validate_iban(value: str) -> None:
    """An IBAN as stored (capitals, no spaces), its check digits right."""
    try:
        valid = iban.validate(value) == value
    except stdnum.ValidationError:
        valid = False
    if not valid:
        raise ValidationError(IBAN_INVALID, code="invalid")


class IssuerDetails(models.Model):
    """Who sends the invoices: one record, kept by programme staff in the admin."""

    # One row only: the key is always 1.
    key = models.PositiveSmallIntegerField(primary_key=True, default=1, editable=False)
    legal_name = SingleLineField(_("legal name"), max_length=200)
    street_address = SingleLineField(_("street and number"), max_length=200)
    postcode = SingleLineField(_("postcode"), max_length=7)
    city = SingleLineField(_("city"), max_length=100)
    kvk_number = SingleLineField(_("KvK number"), max_length=8, validators=[KVK_VALIDATOR])
    # The same check as a company's VAT number, and a checksum on the IBAN, not a pattern.
    vat_number = SingleLineField(_("VAT id"), max_length=14, validators=[validate_vat_number])
    iban = SingleLineField(_("IBAN"), max_length=34, validators=[validate_iban])
    bic = SingleLineField(_("BIC"), max_length=11)
    email = models.EmailField(_("e-mail address for invoices"))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("issuer details")
        verbose_name_plural = _("issuer details")
        constraints = [
            models.CheckConstraint(condition=Q(key=1), name="invoicing_issuer_single_row"),
        ]

    def __str__(self) -> str:
        return self.legal_name


class InvoiceCounter(models.Model):
    """The last number used in one year's series; its row lock serialises issuing."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("invoice number series")
        verbose_name_plural = _("invoice number series")

    def __str__(self) -> str:
        return f"{self.year}: {self.last_number}"


class PaymentStatus(models.TextChoices):
    """Where an invoice stands; derived from payments, credit notes and the date."""

    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open")
    PARTLY_PAID = "partly_paid", _("Partly paid")
    PAID = "paid", _("Paid")
    OVERDUE = "overdue", _("Overdue")
    CREDITED = "credited", _("Credited")
    CREDIT_NOTE = "credit_note", _("Credit note")


class IssuedInvoiceError(ValidationError):
    """Raised when something tries to change or delete an issued invoice."""


class InvoiceQuerySet(models.QuerySet["Invoice"]):
    def delete(self) -> tuple[int, dict[str, int]]:
        if self.filter(issued_at__isnull=False).exists():
            raise IssuedInvoiceError(_("An issued invoice cannot be deleted; credit it instead."))
        return super().delete()

    def issued(self) -> "InvoiceQuerySet":
        return self.filter(issued_at__isnull=False)


class Invoice(models.Model):
    """An invoice (factuur) or credit note (creditnota) for an enrolment's contribution."""

    class Kind(models.TextChoices):
        INVOICE = "invoice", _("Invoice")
        CREDIT_NOTE = "credit_note", _("Credit note")

    class DocumentStatus(models.TextChoices):
        PENDING = "pending", _("Waiting")
        RUNNING = "running", _("Being made")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.INVOICE)
    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.PROTECT, related_name="invoices", verbose_name=_("enrolment")
    )
    credited_invoice = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="credit_notes",
        verbose_name=_("credits invoice"),
    )
    description = SingleLineField(_("description"), max_length=300)
    period_start = models.DateField(_("service period from"), null=True, blank=True)
    period_end = models.DateField(_("service period until"), null=True, blank=True)
    net_amount = models.DecimalField(
        _("amount excl. VAT"),
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    vat_category = models.CharField(_("VAT category"), max_length=2, choices=VatCategory.choices)
    vat_rate = models.DecimalField(_("VAT rate (%)"), max_digits=5, decimal_places=2)
    vat_amount = models.DecimalField(_("VAT"), max_digits=10, decimal_places=2)
    total_amount = models.DecimalField(_("total incl. VAT"), max_digits=10, decimal_places=2)
    reason = MultiLineField(_("reason for the credit note"), max_length=1000, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    # Set once, when the document is issued; frozen from then on.
    number = models.CharField(_("number"), max_length=20, unique=True, null=True, blank=True)
    year = models.PositiveSmallIntegerField(_("series year"), null=True, blank=True)
    sequence = models.PositiveIntegerField(_("number in the series"), null=True, blank=True)
    issue_date = models.DateField(_("invoice date"), null=True, blank=True)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    supply_date = models.DateField(_("date of supply"), null=True, blank=True)
    issued_at = models.DateTimeField(_("issued at"), null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("issued by"),
    )
    seller_legal_name = models.CharField(_("supplier"), max_length=200, blank=True)
    seller_street_address = models.CharField(max_length=200, blank=True)
    seller_postcode = models.CharField(max_length=7, blank=True)
    seller_city = models.CharField(max_length=100, blank=True)
    seller_kvk_number = models.CharField(max_length=8, blank=True)
    seller_vat_number = models.CharField(max_length=14, blank=True)
    seller_iban = models.CharField(max_length=34, blank=True)
    seller_bic = models.CharField(max_length=11, blank=True)
    seller_email = models.EmailField(blank=True)
    buyer_legal_name = models.CharField(_("customer"), max_length=200, blank=True)
    buyer_street_address = models.CharField(max_length=200, blank=True)
    buyer_postcode = models.CharField(max_length=7, blank=True)
    buyer_city = models.CharField(max_length=100, blank=True)
    buyer_kvk_number = models.CharField(_("customer KvK number"), max_length=8, blank=True)
    buyer_vat_number = models.CharField(_("customer VAT id"), max_length=14, blank=True)
    buyer_email = models.EmailField(_("billing e-mail address"), blank=True)
    buyer_contact = models.CharField(_("billing contact"), max_length=150, blank=True)
    po_reference = SingleLineField(_("purchase-order reference"), max_length=60, blank=True)
    ubl_xml = models.TextField(_("UBL e-invoice"), blank=True)

    # The documents, made and sent after issuing (not part of the frozen content).
    pdf = models.FileField(_("PDF"), upload_to="invoices/%Y/", blank=True)
    pdf_sha256 = models.CharField(_("SHA-256 of the PDF"), max_length=64, blank=True)
    pdf_status = models.CharField(
        _("PDF"), max_length=10, choices=DocumentStatus.choices, default=DocumentStatus.PENDING
    )
    pdf_error = models.TextField(_("PDF error"), blank=True)
    pdf_started_at = models.DateTimeField(_("PDF started at"), null=True, blank=True)
    pdf_rendered_at = models.DateTimeField(_("PDF made at"), null=True, blank=True)
    # Kept by the payment and credit-note services: when payments and credit notes first
    # covered the whole amount. Lets the overdue list skip the sums of settled invoices.
    settled_at = models.DateTimeField(_("settled at"), null=True, blank=True, editable=False)

    objects = InvoiceQuerySet.as_manager()

    # Everything an issued document may never change; the rest is its PDF and mailing.
    FROZEN_FIELDS = (
        "kind",
        "enrolment",
        "credited_invoice",
        "description",
        "period_start",
        "period_end",
        "net_amount",
        "vat_category",
        "vat_rate",
        "vat_amount",
        "total_amount",
        "reason",
        "number",
        "year",
        "sequence",
        "issue_date",
        "due_date",
        "supply_date",
        "issued_at",
        "issued_by",
        "seller_legal_name",
        "seller_street_address",
        "seller_postcode",
        "seller_city",
        "seller_kvk_number",
        "seller_vat_number",
        "seller_iban",
        "seller_bic",
        "seller_email",
        "buyer_legal_name",
        "buyer_street_address",
        "buyer_postcode",
        "buyer_city",
        "buyer_kvk_number",
        "buyer_vat_number",
        "buyer_email",
        "buyer_contact",
        "po_reference",
        "ubl_xml",
    )

    class Meta:
        verbose_name = _("invoice")
        verbose_name_plural = _("invoices")
        ordering = ["-year", "-sequence", "-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["year", "sequence"], name="invoicing_number_once"),
            models.CheckConstraint(
                condition=Q(issued_at__isnull=True, number__isnull=True, sequence__isnull=True)
                | Q(
                    issued_at__isnull=False,
                    number__isnull=False,
                    year__isnull=False,
                    sequence__isnull=False,
                    issue_date__isnull=False,
                    due_date__isnull=False,
                ),
                name="invoicing_issued_has_number_and_dates",
            ),
            models.CheckConstraint(
                condition=Q(kind="invoice", credited_invoice__isnull=True)
                | Q(kind="credit_note", credited_invoice__isnull=False),
                name="invoicing_credit_note_refers_to_invoice",
            ),
            models.CheckConstraint(
                condition=Q(net_amount__gt=0)
                & Q(vat_amount__gte=0)
                & Q(total_amount=models.F("net_amount") + models.F("vat_amount")),
                name="invoicing_amounts_add_up",
            ),
        ]
        indexes = [
            models.Index(fields=["kind", "issued_at"]),
            # The open invoices by due date: the overdue queue and its count at any size.
            models.Index(
                fields=["due_date"],
                condition=Q(kind="invoice", issued_at__isnull=False, settled_at__isnull=True),
                name="invoicing_open_by_due_date",
            ),
            models.Index(fields=["id"], condition=Q(issued_at=None), name="invoicing_drafts"),
        ]

    def __str__(self) -> str:
        label = self.number or _("draft")
        return f"{self.get_kind_display()} {label}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Refuse to write changed frozen fields over an issued row (a guard, not a rule)."""
        if self.pk is not None and not self._state.adding:
            frozen = set(self.FROZEN_FIELDS)
            attnames = [f.attname for f in self._meta.concrete_fields if f.name in frozen]
            stored = Invoice.objects.filter(pk=self.pk, issued_at__isnull=False)
            row = stored.values(*attnames).first()
            if row is not None:
                changed = [name for name in attnames if row[name] != getattr(self, name)]
                if changed:
                    raise IssuedInvoiceError(
                        _("An issued invoice cannot be changed; correct it with a credit note.")
                    )
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        if self.pk is not None and Invoice.objects.filter(pk=self.pk).issued().exists():
            raise IssuedInvoiceError(_("An issued invoice cannot be deleted; credit it instead."))
        return super().delete(*args, **kwargs)

    @property
    def is_issued(self) -> bool:
        return self.issued_at is not None

    @property
    def is_credit_note(self) -> bool:
        return self.kind == self.Kind.CREDIT_NOTE


class Payment(models.Model):
    """A payment received on an invoice, recorded by staff (full or partial)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    invoice = models.ForeignKey(
        Invoice, on_delete=models.PROTECT, related_name="payments", verbose_name=_("invoice")
    )
    amount = models.DecimalField(
        _("amount"),
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    paid_on = models.DateField(_("paid on"))
    reference = SingleLineField(_("bank reference"), max_length=100, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["paid_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="invoicing_payment_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.invoice}: {self.amount}"


class Reminder(models.Model):
    """A payment reminder for an overdue invoice: at most two, each mailed once."""

    invoice = models.ForeignKey(
        Invoice, on_delete=models.PROTECT, related_name="reminders", verbose_name=_("invoice")
    )
    sequence = models.PositiveSmallIntegerField(_("reminder"))
    created_at = models.DateTimeField(_("due since"), auto_now_add=True)

    class Meta:
        verbose_name = _("payment reminder")
        verbose_name_plural = _("payment reminders")
        ordering = ["invoice", "sequence"]
        constraints = [
            models.UniqueConstraint(fields=["invoice", "sequence"], name="invoicing_reminder_once"),
            models.CheckConstraint(
                condition=Q(sequence__in=[1, 2]), name="invoicing_at_most_two_reminders"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.invoice} – {self.sequence}"
