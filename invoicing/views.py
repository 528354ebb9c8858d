"""The company's invoices in the portal: a list, the PDF and the UBL e-invoice.

Every invoice comes through ``get_invoice_for_user``, which answers 404 for anyone else's.
"""

from django.contrib import messages
from django.http import FileResponse, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts.decorators import role_required
from accounts.roles import Role
from invoicing.models import Invoice
from invoicing.selectors import (
    annotated_status,
    get_invoice_for_user,
    invoices_for_user,
    with_balances,
)
from invoicing.services import pdf_filename, ubl_filename


@role_required(Role.CONTACT)
def invoice_list(request: HttpRequest) -> HttpResponse:
    invoices = with_balances(invoices_for_user(request.user)).order_by(  # type: ignore[arg-type]
        "-issue_date", "-sequence"
    )
    rows = [(invoice, annotated_status(invoice)) for invoice in invoices]
    return render(request, "invoicing/invoice_list.html", {"rows": rows})


@role_required(Role.CONTACT, Role.STAFF)
def invoice_pdf(request: HttpRequest, public_id: object) -> HttpResponseBase:
    invoice = get_invoice_for_user(request.user, str(public_id))  # type: ignore[arg-type]
    if invoice.pdf_status != Invoice.DocumentStatus.DONE or not invoice.pdf:
        messages.info(
            request,
            _("The PDF of %(invoice)s is being made; try again in a minute.")
            % {"invoice": invoice},
        )
        if request.user.is_staff:
            return redirect("admin:invoicing_invoice_change", invoice.pk)
        return redirect("invoice_list")
    return FileResponse(invoice.pdf.open("rb"), as_attachment=True, filename=pdf_filename(invoice))


@role_required(Role.CONTACT, Role.STAFF)
def invoice_ubl(request: HttpRequest, public_id: object) -> HttpResponse:
    invoice = get_invoice_for_user(request.user, str(public_id))  # type: ignore[arg-type]
    response = HttpResponse(invoice.ubl_xml.encode(), content_type="application/xml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{ubl_filename(invoice)}"'
    return response
