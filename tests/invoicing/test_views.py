"""The company's invoices in the portal: its own contacts (and staff) only, drafts never."""

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import User
from invoicing.models import Invoice
from invoicing.tasks import render_invoice_pdf
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def rendered(issued: Invoice, django_capture_on_commit_callbacks: Any) -> Invoice:
    with django_capture_on_commit_callbacks(execute=True):
        render_invoice_pdf(issued.pk)
    issued.refresh_from_db()
    return issued


def urls(invoice: Invoice) -> list[str]:
    return [
        reverse("invoice_pdf", args=[invoice.public_id]),
        reverse("invoice_ubl", args=[invoice.public_id]),
    ]


def test_anonymous_visitors_are_sent_to_login(client: Client, rendered: Invoice) -> None:
    for url in [reverse("invoice_list"), *urls(rendered)]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))


def test_contact_sees_and_downloads_the_companys_invoices(contact: User, rendered: Invoice) -> None:
    client = client_for(contact)

    page = client.get(reverse("invoice_list"))
    assert page.status_code == 200
    assert str(rendered.number) in page.content.decode()
    assert "2.420,00" in page.content.decode()

    pdf = client.get(urls(rendered)[0])
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")  # type: ignore[attr-defined]
    assert f"factuur-{rendered.number}.pdf" in pdf["Content-Disposition"]

    ubl = client.get(urls(rendered)[1])
    assert ubl.status_code == 200
    assert ubl["Content-Type"].startswith("application/xml")
    assert ubl.content == rendered.ubl_xml.encode()


def test_contact_of_another_company_gets_404(other_contact: User, rendered: Invoice) -> None:
    client = client_for(other_contact)

    page = client.get(reverse("invoice_list"))
    assert page.status_code == 200
    assert str(rendered.number) not in page.content.decode()
    for url in urls(rendered):
        assert client.get(url).status_code == 404


def test_a_coach_gets_404(coach: User, rendered: Invoice) -> None:
    client = client_for(coach)
    for url in [reverse("invoice_list"), *urls(rendered)]:
        assert client.get(url).status_code == 404


def test_staff_download_any_invoice(staff: User, rendered: Invoice) -> None:
    for url in urls(rendered):
        assert client_for(staff).get(url).status_code == 200


def test_drafts_are_not_shown(contact: User, draft: Invoice) -> None:
    client = client_for(contact)

    page = client.get(reverse("invoice_list"))
    assert "Editie 2026" not in page.content.decode()
    for url in urls(draft):
        assert client.get(url).status_code == 404


def test_a_pdf_still_being_made_sends_back_to_the_list(
    contact: User, issue: Callable[..., Invoice], draft: Invoice
) -> None:
    invoice = issue(draft)  # its render job has not run

    response = client_for(contact).get(urls(invoice)[0])

    assert response.status_code == 302
    assert response["Location"] == reverse("invoice_list")


def test_dashboard_links_to_the_invoices(contact: User) -> None:
    page = client_for(contact).get(reverse("company_dashboard"))

    assert reverse("invoice_list") in page.content.decode()


def test_invoice_list_has_no_inline_code_and_labels_its_links(
    contact: User, rendered: Invoice
) -> None:
    from tests.browser.test_pages import assert_clean_page

    page = client_for(contact).get(reverse("invoice_list"))

    assert_clean_page(page.content.decode(), "invoice_list")
