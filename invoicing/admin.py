"""Invoicing in the admin: every write goes through a service; issued invoices are read-only."""

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from stdnum import iban

from companies.validators import vat_number_clean
from invoicing import services
from invoicing.exports import invoice_table
from invoicing.forms import CreditForm, PaymentForm
from invoicing.models import Invoice, IssuerDetails, Payment, PaymentStatus, Reminder
from invoicing.selectors import annotated_status, status_filter, totals_per_edition, with_balances
from invoicing.templatetags.invoicing_tags import euro
from leercultuur.admin_actions import ask_then_apply, confirm_then_apply, irreversible
from leercultuur.admin_totals import TotalsAdmin
from leercultuur.exports import csv_response


class IssuerDetailsForm(forms.ModelForm):
    """Takes the VAT number and IBAN as typed (spaces, dots, lower case) and stores them
    compact; the model's validators then check them (VAT check digits, IBAN checksum)."""

    # Room for the spaces and dots people type; stored compact within the model's length.
    vat_number = forms.CharField(label=_("VAT id"), max_length=20)
    iban = forms.CharField(label=_("IBAN"), max_length=42)

    class Meta:
        model = IssuerDetails
        fields = "__all__"  # noqa: DJ007 - the admin's own fields decide

    def clean_vat_number(self) -> str:
        return vat_number_clean(self.cleaned_data["vat_number"])

    def clean_iban(self) -> str:
        return str(iban.compact(self.cleaned_data["iban"]))


@admin.register(IssuerDetails)
class IssuerDetailsAdmin(admin.ModelAdmin):
    form = IssuerDetailsForm
    list_display = ("legal_name", "kvk_number", "vat_number", "iban", "email", "updated_at")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return not IssuerDetails.objects.exists()  # one record only

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False  # no invoice can be issued without them


class PaymentStatusFilter(admin.SimpleListFilter):
    title = _("status")
    parameter_name = "payment_status"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> Any:
        return PaymentStatus.choices

    def queryset(self, request: HttpRequest, queryset: QuerySet[Invoice]) -> QuerySet[Invoice]:
        if self.value() in PaymentStatus.values:
            return queryset.filter(status_filter(str(self.value())))
        return queryset


class PaymentInline(admin.TabularInline):
    model = Payment
    extra = 0
    can_delete = False
    fields = ("paid_on", "amount", "reference", "recorded_by", "recorded_at")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False  # recorded through the "Record a payment" action


class ReminderInline(admin.TabularInline):
    model = Reminder
    extra = 0
    can_delete = False
    fields = ("sequence", "created_at")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


def _with_company(invoice: Invoice) -> str:
    return f"{invoice} – {invoice.enrolment.company}"


def _with_open_amount(invoice: Invoice) -> str:
    """The invoice, its company and what is still to be paid ("€ 1.234,56")."""
    open_amount = _("open: %(amount)s") % {"amount": euro(invoice.outstanding)}  # type: ignore[attr-defined]
    return f"{_with_company(invoice)} – {open_amount}"


@admin.register(Invoice)
class InvoiceAdmin(TotalsAdmin):
    list_display = (
        "document",
        "company",
        "edition",
        "issue_date",
        "total_amount",
        "paid_amount",
        "status",
        "pdf_status",
    )
    list_filter = (
        PaymentStatusFilter,
        "kind",
        "enrolment__edition",
        "year",
        "vat_category",
        "pdf_status",
    )
    list_select_related = ("enrolment__company", "enrolment__edition", "credited_invoice")
    search_fields = (
        "number",
        "buyer_legal_name",
        "enrolment__company__legal_name",
        "enrolment__company__kvk_number",
        "po_reference",
    )
    date_hierarchy = "issue_date"
    editable_fields = ("description", "po_reference", "period_start", "period_end")
    inlines = [PaymentInline, ReminderInline]
    change_list_template = "admin/invoicing/invoice/change_list.html"
    actions = ["export_csv", "record_payment", "retry_pdf", "credit", "issue", "discard_drafts"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Invoice]:
        return with_balances(super().get_queryset(request))

    def get_fields(self, request: HttpRequest, obj: Invoice | None = None) -> Any:
        return (
            "documents",
            "kind",
            "enrolment",
            "credited_invoice",
            *self.editable_fields,
            "net_amount",
            "vat_category",
            "vat_rate",
            "vat_amount",
            "total_amount",
            "reason",
            "number",
            "issue_date",
            "due_date",
            "supply_date",
            "issued_at",
            "issued_by",
            "buyer_legal_name",
            "buyer_kvk_number",
            "buyer_vat_number",
            "buyer_email",
            "pdf_status",
            "pdf_sha256",
            "pdf_error",
        )

    def get_readonly_fields(self, request: HttpRequest, obj: Invoice | None = None) -> Any:
        fields = self.get_fields(request, obj)
        if obj is not None and not obj.is_issued:
            return [field for field in fields if field not in self.editable_fields]
        return fields

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # accepting an enrolment makes the draft

    def has_change_permission(self, request: HttpRequest, obj: Invoice | None = None) -> bool:
        if obj is not None and obj.is_issued:
            return False  # issued: view only, corrected by a credit note
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Invoice | None = None) -> bool:
        # Only a single draft, from its own page; drafts in bulk go through "discard_drafts".
        return obj is not None and not obj.is_issued and super().has_delete_permission(request, obj)

    def save_model(self, request: HttpRequest, obj: Invoice, form: Any, change: bool) -> None:
        services.invoice_update_draft(
            invoice=obj,
            description=obj.description,
            po_reference=obj.po_reference,
            period_start=obj.period_start,
            period_end=obj.period_end,
        )

    def delete_model(self, request: HttpRequest, obj: Invoice) -> None:
        services.invoice_discard_draft(invoice=obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Invoice]) -> None:
        for invoice in queryset:
            services.invoice_discard_draft(invoice=invoice)

    @admin.display(description=_("document"), ordering="sequence")
    def document(self, invoice: Invoice) -> str:
        return str(invoice)

    @admin.display(description=_("company"), ordering="enrolment__company__legal_name")
    def company(self, invoice: Invoice) -> str:
        return str(invoice.enrolment.company)

    @admin.display(description=_("edition"), ordering="enrolment__edition__name")
    def edition(self, invoice: Invoice) -> str:
        return str(invoice.enrolment.edition)

    @admin.display(description=_("paid"))
    def paid_amount(self, invoice: Invoice) -> Decimal:
        return invoice.paid  # type: ignore[attr-defined]

    @admin.display(description=_("status"))
    def status(self, invoice: Invoice) -> str:
        return str(annotated_status(invoice).label)

    @admin.display(description=_("documents"))
    def documents(self, invoice: Invoice) -> str:
        if not invoice.is_issued:
            return "–"
        return format_html(
            '<a href="{}">PDF</a> · <a href="{}">UBL</a>',
            reverse("invoice_pdf", args=[invoice.public_id]),
            reverse("invoice_ubl", args=[invoice.public_id]),
        )

    # --- Actions ---------------------------------------------------------------------------

    @irreversible
    @admin.action(description=_("Issue the selected draft invoices"))
    def issue(self, request: HttpRequest, queryset: QuerySet[Invoice]) -> HttpResponse | None:
        return confirm_then_apply(
            self,
            request,
            queryset.order_by("created_at", "pk"),
            action="issue",
            apply=lambda invoice: services.invoice_issue(invoice=invoice, by=request.user),  # type: ignore[arg-type]
            explanation=_(
                "Each draft gets the next number of this year's series and today's date, and "
                "its PDF is made and sent to the company. An issued invoice cannot be changed "
                "or deleted: only a credit note corrects it."
            ),
            done_message=lambda done: (
                ngettext("%d invoice issued.", "%d invoices issued.", done) % done
            ),
            describe=_with_company,
        )

    @irreversible
    @admin.action(description=_("Discard the selected draft invoices"))
    def discard_drafts(
        self, request: HttpRequest, queryset: QuerySet[Invoice]
    ) -> HttpResponse | None:
        return confirm_then_apply(
            self,
            request,
            queryset,
            action="discard_drafts",
            apply=lambda invoice: services.invoice_discard_draft(invoice=invoice),
            explanation=_("The drafts are deleted. This cannot be undone."),
            done_message=lambda done: (
                ngettext("%d draft discarded.", "%d drafts discarded.", done) % done
            ),
            describe=_with_company,
        )

    @admin.action(description=_("Make the PDF again (after a failure)"))
    def retry_pdf(self, request: HttpRequest, queryset: QuerySet[Invoice]) -> None:
        retried = sum(services.invoice_retry_pdf(invoice=invoice) for invoice in queryset)
        self.message_user(
            request, ngettext("%d PDF requested.", "%d PDFs requested.", retried) % retried
        )

    @admin.action(description=_("Record a payment"))
    def record_payment(
        self, request: HttpRequest, queryset: QuerySet[Invoice]
    ) -> HttpResponse | None:
        def record(invoice: Invoice, data: dict[str, Any]) -> object:
            amount = data["amount"]
            if amount is None:
                amount = with_balances(Invoice.objects.filter(pk=invoice.pk)).get().outstanding  # type: ignore[attr-defined]
            return services.payment_record(
                invoice=invoice,
                amount=amount,
                paid_on=data["paid_on"],
                reference=data["reference"],
                by=request.user,  # type: ignore[arg-type]
            )

        return self._ask(
            request,
            queryset,
            action="record_payment",
            form_class=PaymentForm,
            apply=record,
            describe=_with_open_amount,
        )

    @admin.action(description=_("Credit (credit note, in full or in part)"))
    def credit(self, request: HttpRequest, queryset: QuerySet[Invoice]) -> HttpResponse | None:
        def credit_one(invoice: Invoice, data: dict[str, Any]) -> object:
            return services.credit_note_issue(
                invoice=invoice,
                net_amount=data["net_amount"],
                reason=data["reason"],
                by=request.user,  # type: ignore[arg-type]
            )

        return self._ask(
            request, queryset, action="credit", form_class=CreditForm, apply=credit_one
        )

    @admin.action(description=_("Export the selected invoices as CSV (bookkeeping)"))
    def export_csv(self, request: HttpRequest, queryset: QuerySet[Invoice]) -> HttpResponse:
        issued = queryset.filter(issued_at__isnull=False).order_by("year", "sequence")
        issued = issued.select_related("enrolment__edition", "credited_invoice")
        return csv_response("facturen.csv", invoice_table(issued))

    def changelist_totals(self, queryset: QuerySet[Any]) -> Any:
        return totals_per_edition(queryset)

    def _ask(
        self,
        request: HttpRequest,
        queryset: QuerySet[Invoice],
        *,
        describe: Callable[[Invoice], str] = _with_company,
        **how: Any,
    ) -> Any:
        """Ask for values (an amount, a reason), then call a service for each invoice."""
        return ask_then_apply(
            self, request, queryset, done_message=_invoices_updated, describe=describe, **how
        )


def _invoices_updated(done: int) -> str:
    return ngettext("%d invoice updated.", "%d invoices updated.", done) % done


@admin.register(Payment)
class PaymentAdmin(admin.ModelAdmin):
    """Read-only list; payments are recorded with the invoice action "Record a payment"."""

    list_display = ("invoice", "paid_on", "amount", "reference", "recorded_by", "recorded_at")
    list_filter = ("invoice__enrolment__edition",)
    list_select_related = ("invoice", "recorded_by")
    search_fields = ("invoice__number", "invoice__buyer_legal_name", "reference")
    date_hierarchy = "paid_on"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
