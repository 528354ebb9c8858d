"""An accepted enrolment of the contact's company, its draft, and the issuer's details."""

import datetime
from collections.abc import Callable
from typing import Any

import pytest

from accounts.models import User
from companies import services as companies_services
from companies.models import Enrolment
from invoicing import services
from invoicing.models import Invoice, IssuerDetails
from tests.factories import EditionFactory, EnrolmentFactory, IssuerDetailsFactory


@pytest.fixture
def issuer(db: None) -> IssuerDetails:
    return IssuerDetailsFactory.create()


@pytest.fixture
def enrolment(contact: User, staff: User) -> Enrolment:
    """The contact's company, accepted by staff (which makes the draft invoice)."""
    submitted = EnrolmentFactory.create(
        company=contact.contact.company,
        edition=EditionFactory.create(name="Editie 2026"),
        po_reference="PO-4711",
    )
    company = submitted.company
    company.legal_name = "Bakkerij Jansen B.V."
    company.kvk_number = "12345678"
    company.vat_number = "NL123456789B01"
    company.billing_email = "administratie@bakkerij-jansen.nl"
    company.save()
    return companies_services.enrolment_accept(enrolment=submitted, by=staff)


@pytest.fixture
def draft(enrolment: Enrolment) -> Invoice:
    return Invoice.objects.get(enrolment=enrolment, kind=Invoice.Kind.INVOICE)


@pytest.fixture
def issue(issuer: IssuerDetails, staff: User) -> Callable[..., Invoice]:
    """Issue a draft (today unless a date is given) as staff."""

    def issue_(invoice: Invoice, issue_date: datetime.date | None = None, **kwargs: Any) -> Invoice:
        return services.invoice_issue(invoice=invoice, by=staff, issue_date=issue_date, **kwargs)

    return issue_


@pytest.fixture
def issued(draft: Invoice, issue: Callable[..., Invoice]) -> Invoice:
    return issue(draft)
