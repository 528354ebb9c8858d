"""The work surface's invoice actions for staff: check a draft and issue it, send a
payment reminder, record a payment. What cannot be undone is shown first as it will go out
(the PDF and the mail), and done only on a second, deliberate click."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.decorators import role_required
from accounts.roles import Role
from companies.forms import call_service
from invoicing.forms import PaymentForm
from invoicing.selectors import balance_of, get_invoice_for_staff
from invoicing.services import (
    invoice_issue,
    invoice_preview,
    invoice_recipients,
    payment_record,
    reminder_preview,
    reminder_send,
)
from leercultuur.http import posted, to_queue


@role_required(Role.STAFF)
@require_http_methods(["GET", "POST"])
def invoice_issue_confirm(request: HttpRequest, public_id: object) -> HttpResponseBase:
    """The draft as issuing it now makes it, with its mail; posting issues it."""
    invoice = get_invoice_for_staff(request.user, str(public_id))  # type: ignore[arg-type]
    try:
        if request.method == "POST":
            issued = invoice_issue(invoice=invoice, by=request.user)  # type: ignore[arg-type]
            messages.success(
                request,
                _("%(invoice)s is issued; it is mailed once its PDF is made.")
                % {"invoice": issued},
            )
            return to_queue("concept")
        preview = invoice_preview(invoice=invoice)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return to_queue("concept")
    context = {"invoice": invoice, "preview": preview, "to": invoice_recipients(preview.invoice)}
    return render(request, "invoicing/invoice_issue_confirm.html", context)


@role_required(Role.STAFF)
def invoice_preview_pdf(request: HttpRequest, public_id: object) -> HttpResponseBase:
    """The PDF a draft would get if it were issued now, marked as a preview."""
    invoice = get_invoice_for_staff(request.user, str(public_id))  # type: ignore[arg-type]
    try:
        preview = invoice_preview(invoice=invoice, with_pdf=True)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return to_queue("concept")
    response = HttpResponse(preview.pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="voorbeeld-factuur.pdf"'
    return response


@role_required(Role.STAFF)
@require_http_methods(["GET", "POST"])
def invoice_remind(request: HttpRequest, public_id: object) -> HttpResponseBase:
    """The reminder as it will be mailed; posting sends it."""
    invoice = get_invoice_for_staff(request.user, str(public_id))  # type: ignore[arg-type]
    try:
        if request.method == "POST":
            reminder_send(invoice=invoice, by=request.user)  # type: ignore[arg-type]
            messages.success(
                request, _("The reminder for %(invoice)s is on its way.") % {"invoice": invoice}
            )
            return to_queue("achterstallig")
        subject, body = reminder_preview(invoice=invoice)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return to_queue("achterstallig")
    to = invoice_recipients(invoice)
    context = {"invoice": invoice, "subject": subject, "body": body, "to": to}
    return render(request, "invoicing/invoice_remind.html", context)


@role_required(Role.STAFF)
@require_http_methods(["GET", "POST"])
def payment_add(request: HttpRequest, public_id: object) -> HttpResponseBase:
    """Record money received on an invoice; the whole open amount when left empty."""
    invoice = get_invoice_for_staff(request.user, str(public_id))  # type: ignore[arg-type]
    outstanding = balance_of(invoice).outstanding
    form = PaymentForm(posted(request))
    if form.is_valid():
        data = form.cleaned_data
        paid = call_service(
            form,
            payment_record,
            invoice=invoice,
            amount=data["amount"] or outstanding,
            paid_on=data["paid_on"],
            reference=data["reference"],
            by=request.user,
        )
        if paid is not None:
            messages.success(
                request, _("The payment on %(invoice)s is recorded.") % {"invoice": invoice}
            )
            return to_queue("achterstallig")
    context = {"invoice": invoice, "form": form, "outstanding": outstanding}
    return render(request, "invoicing/payment_add.html", context)
