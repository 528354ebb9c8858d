"""Demo invoices for `seed_demo`: open, paid, overdue and credited (safe to run again)."""

import datetime
from decimal import Decimal

from django.utils import timezone

from accounts.models import User
from companies import services as companies_services
from companies.models import Company, Edition, Enrolment, Region, Sector
from invoicing import services
from invoicing.models import Invoice, IssuerDetails

Status = Enrolment.Status


def seed_invoices(*, staff: User) -> None:
    """Issue the demo drafts with dates in the past, record payments, credit a withdrawal."""
    IssuerDetails.objects.get_or_create(
        key=1,
        defaults={
            "legal_name": "Vereniging VNO-NCW Midden",
            "street_address": "Stationsplein 12",
            "postcode": "6811 KL",
            "city": "Arnhem",
            "kvk_number": "40117042",
            "vat_number": "NL001234560B01",
            "iban": "NL91ABNA0417164300",
            "bic": "ABNANL2A",
            "email": "facturen@vnoncwmidden.example",
        },
    )
    today = timezone.localdate()
    edition = Edition.objects.get(name=f"Editie {today.year}")
    overdue = _accepted(edition, staff, "09345678")  # Zorggroep De Linde (contact3@)
    paid = _accepted(edition, staff, "09123456")  # Bakkerij (contact@)
    credited = _accepted(edition, staff, "09456789", "Drukkerij Lindeboom B.V.")
    open_ = _accepted(edition, staff, "09567890", "Installatietechniek Van Dijk B.V.")
    days_ago = [(overdue, 45), (paid, 40), (credited, 20), (open_, 0)]
    for enrolment, days in days_ago:
        draft = Invoice.objects.filter(
            enrolment=enrolment, kind=Invoice.Kind.INVOICE, issued_at__isnull=True
        ).first()
        if draft is not None:
            issue_date = today - datetime.timedelta(days=days)
            services.invoice_issue(invoice=draft, by=staff, issue_date=issue_date)
    invoice = Invoice.objects.get(enrolment=paid, kind=Invoice.Kind.INVOICE)
    if not invoice.payments.exists():
        services.payment_record(
            invoice=invoice,
            amount=invoice.total_amount - Decimal("1000.00"),
            paid_on=today - datetime.timedelta(days=25),
            by=staff,
            reference="Eerste termijn",
        )
        services.payment_record(
            invoice=invoice,
            amount=Decimal("1000.00"),
            paid_on=today - datetime.timedelta(days=10),
            by=staff,
            reference="Tweede termijn",
        )
    # Accepted last, its invoice still a draft: it waits on the work surface to be issued.
    _accepted(edition, staff, "09678901", "Hoveniersbedrijf Groenrijk B.V.")
    if credited.status != Status.WITHDRAWN:
        # Withdrawing an accepted enrolment credits its invoice.
        companies_services.enrolment_withdraw(enrolment=credited, by=staff)


def _accepted(edition: Edition, staff: User, kvk: str, name: str = "") -> Enrolment:
    """The company's enrolment in the edition, accepted (a new company is made if named)."""
    if name:
        company, _created = Company.objects.get_or_create(
            kvk_number=kvk,
            defaults={
                "legal_name": name,
                "street_address": "Industrieweg 8",
                "postcode": "7007 CH",
                "city": "Doetinchem",
                "region": Region.objects.get(name="Achterhoek"),
                "sector": Sector.objects.get(code="C"),
                "employees": 35,
                "mbo_employees": 22,
                "vat_number": "NL812345678B01",
                "billing_email": "administratie@example.nl",
                "billing_contact": "Crediteurenadministratie",
            },
        )
        enrolment, _created = Enrolment.objects.get_or_create(
            company=company,
            edition=edition,
            defaults={"status": Status.SUBMITTED, "po_reference": f"IO-{kvk[-4:]}"},
        )
    else:
        enrolment = Enrolment.objects.get(company__kvk_number=kvk, edition=edition)
    if enrolment.status == Status.SUBMITTED:
        enrolment = companies_services.enrolment_accept(enrolment=enrolment, by=staff)
    return enrolment
