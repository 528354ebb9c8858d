"""Every write on invoices: drafts, issuing with a gapless number, credit notes, payments.

Numbers come from one counter row per calendar year, locked and raised in the issuing
transaction: two issuers take turns, and a rollback returns the number with everything
else, so the series has neither gaps nor duplicates.
"""

import datetime
import hashlib
import logging
from dataclasses import dataclass
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from companies.models import Enrolment, VatCategory
from companies.services import add_months
from invoicing.models import (
    Invoice,
    InvoiceCounter,
    IssuerDetails,
    Payment,
    PaymentStatus,
    Reminder,
)
from invoicing.selectors import balance_of, invoice_status, status_filter, uncredited, with_balances
from invoicing.ubl import build_ubl
from leercultuur.celery import enqueue
from leercultuur.outbox.services import MailFile, mail_queue, mail_render
from leercultuur.text import check_fields
from programme.selectors import current
from reports.pdf import Attachment, render_pdf_template

logger = logging.getLogger(__name__)

CENT = Decimal("0.01")
PAYMENT_TERM = timedelta(days=30)
# The first reminder goes once the payment term has passed, the second 14 days later.
SECOND_REMINDER_AFTER = timedelta(days=14)
MAX_REMINDERS = 2  # the database allows no third
# A document job still waiting after this long has lost its message: send it again.
STALE_AFTER = timedelta(minutes=5)
# Longer than the task's hard time limit: a job "running" this long lost its worker.
STUCK_AFTER = timedelta(minutes=15)

Kind = Invoice.Kind
DocumentStatus = Invoice.DocumentStatus


def money(value: Decimal) -> Decimal:
    """Euros to the cent, rounding half up (never float)."""
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def vat_on(net: Decimal, rate: Decimal) -> Decimal:
    return money(net * rate / Decimal(100))


def vat_wording(category: str) -> str:
    """The legal wording the invoice must print for a category other than the standard rate."""
    wording = {
        VatCategory.ZERO: _("VAT 0% (zero rate)."),
        VatCategory.EXEMPT: _(
            "Exempt from VAT under article 11 of the Dutch VAT Act 1968 "
            "(Wet op de omzetbelasting 1968)."
        ),
        VatCategory.REVERSE_CHARGE: _("VAT reverse-charged (btw verlegd)."),
    }
    return str(wording.get(VatCategory(category), ""))


def payment_terms_text(invoice: Invoice) -> str:
    return _("Please pay within 30 days, by %(due)s, to IBAN %(iban)s, quoting %(number)s.") % {
        "due": invoice.due_date.strftime("%d-%m-%Y") if invoice.due_date else "",
        "iban": invoice.seller_iban,
        "number": invoice.number,
    }


def issuer_details() -> IssuerDetails | None:
    return IssuerDetails.objects.filter(key=1).first()


# --- Drafts ----------------------------------------------------------------------------


def invoice_create_draft(*, enrolment: Enrolment) -> Invoice | None:
    """The draft invoice for an accepted enrolment's contribution (once; none if it is free)."""
    edition = enrolment.edition
    net = money(edition.contribution)
    if net <= 0:
        return None
    existing = Invoice.objects.filter(enrolment=enrolment, kind=Kind.INVOICE).first()
    if existing is not None:
        return existing
    with translation.override(settings.LANGUAGE_CODE):
        description = _(
            "Own contribution %(programme)s, %(edition)s: a %(months)d-month trajectory on "
            "lifelong learning (needs analysis, coaching and a learning network)"
        ) % {
            "programme": current().name,
            "edition": edition.name,
            "months": edition.trajectory_months,
        }
    vat = vat_on(net, edition.vat_rate)
    with transaction.atomic():
        return Invoice.objects.create(
            kind=Kind.INVOICE,
            enrolment=enrolment,
            description=description,
            net_amount=net,
            vat_category=edition.vat_category,
            vat_rate=edition.vat_rate,
            vat_amount=vat,
            total_amount=net + vat,
            po_reference=enrolment.po_reference,
        )


def invoice_update_draft(
    *,
    invoice: Invoice,
    description: str,
    po_reference: str,
    period_start: datetime.date | None,
    period_end: datetime.date | None,
) -> Invoice:
    """Staff correct a draft before it is issued; an issued invoice is never changed."""
    if not description.strip():
        raise ValidationError({"description": _("Describe the service.")})
    if period_start and period_end and period_end < period_start:
        raise ValidationError({"period_end": _("The period ends after it starts.")})
    with transaction.atomic():
        locked = Invoice.objects.select_for_update().get(pk=invoice.pk)
        _check_draft(locked)
        locked.description = description.strip()
        locked.po_reference = po_reference.strip()
        locked.period_start, locked.period_end = period_start, period_end
        locked.full_clean()
        locked.save()
    return locked


def invoice_discard_draft(*, invoice: Invoice) -> None:
    with transaction.atomic():
        locked = Invoice.objects.select_for_update().get(pk=invoice.pk)
        _check_draft(locked)
        locked.delete()


# --- Issuing -----------------------------------------------------------------------------


def invoice_issue(
    *, invoice: Invoice, by: User | None, issue_date: datetime.date | None = None
) -> Invoice:
    """Give a draft its number and date, freeze its content, and have its PDF made and sent.

    ``issue_date`` is today unless given (demo data); it may not go back before the last
    invoice of its year, so the numbers follow the dates.
    """
    issuer = _required_issuer()
    with transaction.atomic():
        locked = _locked_draft(invoice)
        _issue(locked, issuer=issuer, by=by, issue_date=issue_date or timezone.localdate())
    return locked


@dataclass(frozen=True)
class Preview:
    """A draft as issuing it now would make it (never saved), its mail, and its PDF."""

    invoice: Invoice
    subject: str
    body: str
    pdf: bytes | None


def invoice_preview(*, invoice: Invoice, with_pdf: bool = False) -> Preview:
    """What issuing the draft today would make, worked out by issuing it in a transaction
    that is rolled back: the same number, dates, parties and wording, nothing kept and no
    mail sent. The PDF says it is a preview."""
    issuer = _required_issuer()
    with transaction.atomic():
        locked = _locked_draft(invoice)
        _issue(locked, issuer=issuer, by=None, issue_date=timezone.localdate())
        with translation.override(settings.LANGUAGE_CODE):
            context = invoice_context(locked)
            preview = {**context, "preview": True}
            pdf = render_pdf_template("pdf/invoice.html", preview) if with_pdf else None
        subject, body = mail_render(template="invoice", context=context)
        transaction.set_rollback(True)
    return Preview(locked, subject, body, pdf)


def _required_issuer() -> IssuerDetails:
    issuer = issuer_details()
    if issuer is None:
        raise ValidationError(_("Fill in the issuer details in the admin before issuing invoices."))
    return issuer


def _locked_draft(invoice: Invoice) -> Invoice:
    """The draft, locked for the caller's transaction; refused once issued."""
    locked = (
        Invoice.objects.select_for_update(of=("self",))
        .select_related("enrolment__company", "enrolment__edition", "credited_invoice")
        .get(pk=invoice.pk)
    )
    if locked.is_issued:
        raise ValidationError(_("%(invoice)s has been issued already.") % {"invoice": locked})
    return locked


def _issue(
    invoice: Invoice, *, issuer: IssuerDetails, by: User | None, issue_date: datetime.date
) -> None:
    """Number, date and freeze a locked draft (the caller holds the transaction)."""
    from invoicing.tasks import render_invoice_pdf

    company = invoice.enrolment.company
    _check_buyer(invoice)
    sequence = _next_number(issue_date.year)
    later = Invoice.objects.filter(year=issue_date.year, issue_date__gt=issue_date)
    if later.exists():
        raise ValidationError(
            _("An invoice of a later date has been issued already; the numbers follow the dates.")
        )
    invoice.year, invoice.sequence = issue_date.year, sequence
    invoice.number = f"{issue_date.year}-{sequence:04d}"
    invoice.issue_date = issue_date
    invoice.issued_at = timezone.now()
    invoice.issued_by = by
    if invoice.is_credit_note:
        invoice.due_date = issue_date
    else:
        invoice.due_date = issue_date + PAYMENT_TERM
    if invoice.period_start is None or invoice.period_end is None:
        invoice.period_start, invoice.period_end = _service_period(invoice.enrolment, issue_date)
    if invoice.supply_date is None:
        invoice.supply_date = invoice.period_start
    invoice.seller_legal_name = issuer.legal_name
    invoice.seller_street_address = issuer.street_address
    invoice.seller_postcode = issuer.postcode
    invoice.seller_city = issuer.city
    invoice.seller_kvk_number = issuer.kvk_number
    invoice.seller_vat_number = issuer.vat_number
    invoice.seller_iban = issuer.iban
    invoice.seller_bic = issuer.bic
    invoice.seller_email = issuer.email
    invoice.buyer_legal_name = company.legal_name
    invoice.buyer_street_address = company.street_address
    invoice.buyer_postcode = company.postcode
    invoice.buyer_city = company.city
    invoice.buyer_kvk_number = company.kvk_number
    invoice.buyer_vat_number = company.vat_number
    invoice.buyer_email = company.billing_email
    invoice.buyer_contact = company.billing_contact
    with translation.override(settings.LANGUAGE_CODE):
        invoice.ubl_xml = build_ubl(
            invoice,
            exemption_text=vat_wording(invoice.vat_category),
            payment_terms="" if invoice.is_credit_note else payment_terms_text(invoice),
        ).decode()
    invoice.pdf_status = DocumentStatus.PENDING
    invoice.save()
    transaction.on_commit(partial(enqueue, render_invoice_pdf, invoice.pk))


def _next_number(year: int) -> int:
    """The next number of the year's series; the row lock holds it until commit or rollback."""
    InvoiceCounter.objects.bulk_create([InvoiceCounter(year=year)], ignore_conflicts=True)
    counter = InvoiceCounter.objects.select_for_update().get(year=year)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return counter.last_number


def _service_period(
    enrolment: Enrolment, issue_date: datetime.date
) -> tuple[datetime.date, datetime.date]:
    """The trajectory's dates once it has started, else its length from the invoice date."""
    if enrolment.start_date and enrolment.end_date:
        return enrolment.start_date, enrolment.end_date
    months = enrolment.edition.trajectory_months
    return issue_date, add_months(issue_date, months) - timedelta(days=1)


def _check_buyer(invoice: Invoice) -> None:
    company = invoice.enrolment.company
    missing = [
        label
        for label, value in (
            (_("legal name"), company.legal_name),
            (_("address"), company.street_address and company.postcode and company.city),
            (_("KvK number"), company.kvk_number),
        )
        if not value
    ]
    if missing:
        raise ValidationError(
            _("%(company)s lacks: %(missing)s.")
            % {"company": company.legal_name or company, "missing": ", ".join(missing)}
        )
    if invoice.vat_category == VatCategory.REVERSE_CHARGE and not company.vat_number:
        raise ValidationError(
            _("VAT is reverse-charged, so %(company)s's VAT id must be known first.")
            % {"company": company}
        )


def _check_draft(invoice: Invoice) -> None:
    if invoice.is_issued:
        raise ValidationError(
            _("%(invoice)s has been issued and can no longer be changed; credit it instead.")
            % {"invoice": invoice}
        )


# --- Credit notes ---------------------------------------------------------------------------


def credit_note_issue(
    *,
    invoice: Invoice,
    by: User | None,
    reason: str,
    net_amount: Decimal | None = None,
    issue_date: datetime.date | None = None,
) -> Invoice:
    """Credit an issued invoice in full (no amount) or in part, as a numbered credit note."""
    issuer = issuer_details()
    if issuer is None:
        raise ValidationError(_("Fill in the issuer details in the admin before issuing invoices."))
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the invoice is credited.")})
    with transaction.atomic():
        # The invoice row is the lock: two credit notes at once cannot credit it twice.
        original = (
            Invoice.objects.select_for_update(of=("self",))
            .select_related("enrolment__company", "enrolment__edition")
            .get(pk=invoice.pk)
        )
        if original.is_credit_note or not original.is_issued:
            raise ValidationError(_("Only an issued invoice can be credited."))
        net_left, vat_left = uncredited(original)
        if net_left <= 0:
            raise ValidationError(
                _("%(invoice)s has been credited in full already.") % {"invoice": original}
            )
        if net_amount is None or money(net_amount) == net_left:
            net, vat = net_left, vat_left  # the rest, to the cent, whatever the rounding
        else:
            net = money(net_amount)
            if not Decimal("0") < net < net_left:
                raise ValidationError(
                    {
                        "net_amount": _("Credit between € 0.01 and € %(left)s excluding VAT.")
                        % {"left": net_left}
                    }
                )
            vat = vat_on(net, original.vat_rate)
        with translation.override(settings.LANGUAGE_CODE):
            description = _("Credit for invoice %(number)s: %(description)s") % {
                "number": original.number,
                "description": original.description,
            }
        credit = Invoice(
            kind=Kind.CREDIT_NOTE,
            enrolment=original.enrolment,
            credited_invoice=original,
            description=description[:300],
            period_start=original.period_start,
            period_end=original.period_end,
            supply_date=original.supply_date,
            net_amount=net,
            vat_category=original.vat_category,
            vat_rate=original.vat_rate,
            vat_amount=vat,
            total_amount=net + vat,
            reason=reason.strip(),
            po_reference=original.po_reference,
        )
        check_fields(credit, "reason")
        credit.save()
        _issue(credit, issuer=issuer, by=by, issue_date=issue_date or timezone.localdate())
        _settle_if_covered(original)
    return credit


def invoice_withdrawal_settle(*, enrolment: Enrolment, by: User | None) -> list[Invoice]:
    """An accepted enrolment was withdrawn: drop its drafts, credit what was invoiced."""
    credit_notes = []
    with transaction.atomic():
        for invoice in Invoice.objects.filter(enrolment=enrolment, kind=Kind.INVOICE):
            if not invoice.is_issued:
                invoice_discard_draft(invoice=invoice)
            elif uncredited(invoice)[0] > 0:
                with translation.override(settings.LANGUAGE_CODE):
                    reason = _("The enrolment has been withdrawn.")
                credit_notes.append(credit_note_issue(invoice=invoice, by=by, reason=reason))
    return credit_notes


# --- Payments ----------------------------------------------------------------------------


def payment_record(
    *,
    invoice: Invoice,
    amount: Decimal,
    paid_on: datetime.date,
    by: User | None,
    reference: str = "",
) -> Payment:
    """Staff record money received on an invoice, in full or in part."""
    amount = money(amount)
    if amount <= 0:
        raise ValidationError({"amount": _("Enter the amount received.")})
    if paid_on > timezone.localdate():
        raise ValidationError({"paid_on": _("A payment cannot be dated in the future.")})
    with transaction.atomic():
        locked = Invoice.objects.select_for_update().get(pk=invoice.pk)
        if locked.is_credit_note or not locked.is_issued:
            raise ValidationError(_("Payments are recorded on issued invoices."))
        outstanding = balance_of(locked).outstanding
        if amount > outstanding:
            raise ValidationError(
                {
                    "amount": _("Only € %(outstanding)s is outstanding on %(invoice)s.")
                    % {"outstanding": outstanding, "invoice": locked}
                }
            )
        payment = Payment(
            invoice=locked, amount=amount, paid_on=paid_on, reference=reference, recorded_by=by
        )
        check_fields(payment, "reference")
        payment.save()
        _settle_if_covered(locked)
        return payment


def _settle_if_covered(invoice: Invoice) -> None:
    """Mark the (locked) invoice settled once its payments and credit notes cover it."""
    if invoice.settled_at is None and balance_of(invoice).outstanding <= 0:
        invoice.settled_at = timezone.now()
        Invoice.objects.filter(pk=invoice.pk).update(settled_at=invoice.settled_at)


# --- Reminders ---------------------------------------------------------------------------


def reminders_create_due(*, today: datetime.date | None = None) -> list[Reminder]:
    """Open reminders for overdue invoices (after the term, again 14 days later, no more);
    each is mailed in the transaction that makes it."""
    today = today or timezone.localdate()
    overdue = with_balances(Invoice.objects.issued().filter(kind=Kind.INVOICE)).filter(
        status_filter(PaymentStatus.OVERDUE, today)
    )
    created = []
    for invoice in overdue.prefetch_related("reminders"):
        reminders = list(invoice.reminders.all())
        if not reminders:
            sequence = 1
        elif (
            len(reminders) == 1
            and timezone.localdate(reminders[0].created_at) + SECOND_REMINDER_AFTER <= today
        ):
            sequence = 2
        else:
            continue
        with transaction.atomic():
            reminder, is_new = Reminder.objects.get_or_create(invoice=invoice, sequence=sequence)
            if is_new:
                outstanding = balance_of(invoice).outstanding
                extra = {"reminder": reminder, "outstanding": outstanding}
                _mail_invoice("invoice_reminder", invoice, extra)
                created.append(reminder)
    return created


def reminder_send(*, invoice: Invoice, by: User) -> Reminder:
    """Staff send the next payment reminder now, rather than wait for the daily run (which
    sends the second one 14 days after this)."""
    with transaction.atomic():
        locked = Invoice.objects.select_for_update().get(pk=invoice.pk)
        sequence, outstanding = _next_reminder(locked)
        reminder = Reminder.objects.create(invoice=locked, sequence=sequence)
        extra = {"reminder": reminder, "outstanding": outstanding}
        _mail_invoice("invoice_reminder", locked, extra)
    return reminder


def reminder_preview(*, invoice: Invoice) -> tuple[str, str]:
    """The subject and body of the reminder ``reminder_send`` would mail now."""
    sequence, outstanding = _next_reminder(invoice)
    extra = {"reminder": Reminder(invoice=invoice, sequence=sequence), "outstanding": outstanding}
    with translation.override(settings.LANGUAGE_CODE):
        context = {**invoice_context(invoice), **extra}
    return mail_render(template="invoice_reminder", context=context)


def _next_reminder(invoice: Invoice) -> tuple[int, Decimal]:
    """The number of the next reminder and the amount still open; refused when the invoice
    is not overdue or has had both its reminders."""
    if invoice.is_credit_note or invoice_status(invoice) != PaymentStatus.OVERDUE:
        raise ValidationError(_("Only an overdue invoice gets a payment reminder."))
    sent = invoice.reminders.count()
    if sent >= MAX_REMINDERS:
        raise ValidationError(
            _("Both reminders have been sent already; contact the company yourself.")
        )
    return sent + 1, balance_of(invoice).outstanding


# --- Documents ---------------------------------------------------------------------------


def invoice_claim_pdf(*, invoice_id: int) -> bool:
    """Take a waiting PDF job; False if another worker has it or it is done."""
    claimed = Invoice.objects.filter(
        pk=invoice_id, issued_at__isnull=False, pdf_status=DocumentStatus.PENDING
    ).update(pdf_status=DocumentStatus.RUNNING, pdf_started_at=timezone.now())
    return claimed == 1


def invoice_render_pdf(*, invoice_id: int) -> Invoice:
    """Render a claimed PDF with its UBL embedded, store it with its SHA-256, and mail both
    to the billing address in the same transaction."""
    invoice = Invoice.objects.select_related("credited_invoice", "enrolment__edition").get(
        pk=invoice_id
    )
    try:
        with translation.override(settings.LANGUAGE_CODE):
            pdf = render_pdf_template(
                "pdf/invoice.html",
                invoice_context(invoice),
                attachments=(
                    Attachment(
                        name=ubl_filename(invoice),
                        content=invoice.ubl_xml.encode(),
                        description="UBL 2.1 e-invoice (Peppol BIS Billing 3.0, NLCIUS)",
                        relationship="Alternative",
                    ),
                ),
            )
    except Exception as exc:
        logger.exception("Rendering invoice %s failed", invoice_id)
        Invoice.objects.filter(pk=invoice_id).update(
            pdf_status=DocumentStatus.FAILED, pdf_error=str(exc)[:2000] or "error"
        )
        raise
    with transaction.atomic():
        invoice.pdf.save(f"{invoice.number}-{invoice.public_id}.pdf", ContentFile(pdf), save=False)
        invoice.pdf_sha256 = hashlib.sha256(pdf).hexdigest()
        invoice.pdf_status = DocumentStatus.DONE
        invoice.pdf_error = ""
        invoice.pdf_rendered_at = timezone.now()
        invoice.save(
            update_fields=["pdf", "pdf_sha256", "pdf_status", "pdf_error", "pdf_rendered_at"]
        )
        _mail_invoice("invoice", invoice, {}, pdf=pdf)
    return invoice


def invoice_retry_pdf(*, invoice: Invoice) -> bool:
    """Staff ask again for a PDF whose rendering failed."""
    from invoicing.tasks import render_invoice_pdf

    with transaction.atomic():
        retried = Invoice.objects.filter(
            pk=invoice.pk, issued_at__isnull=False, pdf_status=DocumentStatus.FAILED
        ).update(pdf_status=DocumentStatus.PENDING, pdf_error="")
        if retried:
            transaction.on_commit(partial(enqueue, render_invoice_pdf, invoice.pk))
    return retried == 1


def invoices_requeue_stale(*, now: datetime.datetime | None = None) -> int:
    """Resend PDF jobs whose message was lost or whose worker died."""
    from invoicing.tasks import render_invoice_pdf

    now = now or timezone.now()
    Invoice.objects.filter(
        pdf_status=DocumentStatus.RUNNING, pdf_started_at__lt=now - STUCK_AFTER
    ).update(pdf_status=DocumentStatus.PENDING)
    waiting = list(
        Invoice.objects.filter(
            issued_at__lt=now - STALE_AFTER, pdf_status=DocumentStatus.PENDING
        ).values_list("pk", flat=True)
    )
    for invoice_id in waiting:
        render_invoice_pdf.delay(invoice_id)
    return len(waiting)


def _mail_invoice(
    kind: str, invoice: Invoice, extra: dict[str, object], *, pdf: bytes | None = None
) -> None:
    """To the billing address, or the company's contacts when it has none, with the PDF and
    the e-invoice attached; replies go to the issuer."""
    to = invoice_recipients(invoice)
    with translation.override(settings.LANGUAGE_CODE):
        context = {**invoice_context(invoice), **extra}
    if pdf is None and invoice.pdf:
        with invoice.pdf.open("rb") as stored:
            pdf = stored.read()
    files = [MailFile(ubl_filename(invoice), invoice.ubl_xml.encode(), "application/xml")]
    if pdf is not None:
        files.insert(0, MailFile(pdf_filename(invoice), pdf, "application/pdf"))
    mail_queue(kind=kind, to=to, context=context, files=files, reply_to=invoice.seller_email)


def invoice_recipients(invoice: Invoice) -> list[str]:
    """Where an invoice's mails go: its billing address, else the company's contacts."""
    if invoice.buyer_email:
        return [invoice.buyer_email]
    contacts = invoice.enrolment.company.contacts.values_list("user__email", flat=True)
    return sorted(set(contacts))


def ubl_filename(invoice: Invoice) -> str:
    prefix = "creditnota" if invoice.is_credit_note else "factuur"
    return f"{prefix}-{invoice.number}.xml"


def pdf_filename(invoice: Invoice) -> str:
    prefix = "creditnota" if invoice.is_credit_note else "factuur"
    return f"{prefix}-{invoice.number}.pdf"


def invoice_context(invoice: Invoice) -> dict[str, object]:
    """What the PDF and e-mail templates show of an invoice (in the active language)."""
    return {
        "invoice": invoice,
        "vat_wording": vat_wording(invoice.vat_category),
        "payment_terms": "" if invoice.is_credit_note else payment_terms_text(invoice),
        "status": invoice_status(invoice),
        "reverse_charge": invoice.vat_category == VatCategory.REVERSE_CHARGE,
    }
