"""The invoice list passes axe-core under the real Content-Security-Policy."""

from decimal import Decimal
from typing import Any

import pytest
from django.db import transaction

from accounts.models import User
from companies import services as companies_services
from invoicing import services
from invoicing.models import Invoice
from tests.factories import EnrolmentFactory, IssuerDetailsFactory, StaffFactory
from tests.fixtures.browser import assert_accessible, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_invoice_list_is_accessible(page: Any, live_server: Any, contact: User) -> None:
    IssuerDetailsFactory.create()
    staff = StaffFactory.create()
    with transaction.atomic():
        enrolment = companies_services.enrolment_accept(
            enrolment=EnrolmentFactory.create(company=contact.contact.company), by=staff
        )
    draft = Invoice.objects.get(enrolment=enrolment)
    invoice = services.invoice_issue(invoice=draft, by=staff)
    services.credit_note_issue(
        invoice=invoice, by=staff, reason="Korting", net_amount=Decimal("100.00")
    )

    login(page, live_server, contact)
    page.goto(f"{live_server.url}/facturen/")

    assert page.locator("main table tbody tr").count() == 2
    assert_accessible(page)
