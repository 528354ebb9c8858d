"""Staff issue, credit, record payments and export in the admin; issued invoices stay put."""

import re
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.contrib import messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from invoicing.models import Invoice, IssuerDetails, Payment, PaymentStatus
from invoicing.selectors import invoice_status
from tests.conftest import client_for
from tests.factories import DraftInvoiceFactory
from tests.spreadsheets import DUTCH, read_csv

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:invoicing_invoice_changelist")


def run_action(staff: User, action: str, *invoices: Invoice, **extra: str) -> object:
    data = {"action": action, ACTION_CHECKBOX_NAME: [i.pk for i in invoices], **extra}
    return client_for(staff).post(CHANGELIST, data, follow=True)


def test_bulk_issue_numbers_the_drafts_in_order(staff: User, issuer: IssuerDetails) -> None:
    drafts = DraftInvoiceFactory.create_batch(3)

    run_action(staff, "issue", *drafts, apply="1")

    year = timezone.localdate().year
    numbers = [Invoice.objects.get(pk=d.pk).number for d in drafts]
    assert numbers == [f"{year}-0001", f"{year}-0002", f"{year}-0003"]


def test_issue_without_issuer_details_is_reported(staff: User) -> None:
    draft = DraftInvoiceFactory.create()

    response = run_action(staff, "issue", draft, apply="1")

    errors = [m for m in response.context["messages"] if m.level == messages.ERROR]  # type: ignore[attr-defined]
    assert len(errors) == 1
    assert Invoice.objects.get(pk=draft.pk).number is None


def test_an_issued_invoice_cannot_be_changed_or_deleted_in_the_admin(
    staff: User, issued: Invoice
) -> None:
    client = client_for(staff)
    change = reverse("admin:invoicing_invoice_change", args=[issued.pk])

    page = client.get(change)
    assert page.status_code == 200
    assert b'name="description"' not in page.content  # view only
    response = client.post(change, {"description": "Anders", "po_reference": "X"})
    assert response.status_code == 403
    delete = client.post(
        reverse("admin:invoicing_invoice_delete", args=[issued.pk]), {"post": "yes"}
    )
    assert delete.status_code == 403
    run_action(staff, "discard_drafts", issued, apply="1")
    run_action(staff, "delete_selected", issued, post="yes")

    issued.refresh_from_db()
    assert issued.description != "Anders"
    assert Invoice.objects.filter(pk=issued.pk).exists()


def test_a_draft_is_edited_through_the_service(staff: User, draft: Invoice) -> None:
    change = reverse("admin:invoicing_invoice_change", args=[draft.pk])

    response = client_for(staff).post(
        change,
        {
            "description": "Eigen bijdrage 2026",
            "po_reference": "PO-1",
            "period_start": "",
            "period_end": "",
            "payments-TOTAL_FORMS": "0",
            "payments-INITIAL_FORMS": "0",
            "reminders-TOTAL_FORMS": "0",
            "reminders-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    draft.refresh_from_db()
    assert (draft.description, draft.po_reference) == ("Eigen bijdrage 2026", "PO-1")


def test_credit_action_asks_then_issues_a_partial_credit_note(staff: User, issued: Invoice) -> None:
    page = run_action(staff, "credit", issued)
    assert b'name="reason"' in page.content  # type: ignore[attr-defined]

    run_action(staff, "credit", issued, apply="1", net_amount="500.00", reason="Korting")

    credit = Invoice.objects.get(kind=Invoice.Kind.CREDIT_NOTE)
    assert credit.credited_invoice == issued
    assert credit.total_amount == Decimal("605.00")


def test_payment_action_records_the_outstanding_amount(staff: User, issued: Invoice) -> None:
    today = timezone.localdate().isoformat()
    run_action(staff, "record_payment", issued, apply="1", amount="", paid_on=today, reference="")

    assert Payment.objects.get().amount == Decimal("2420.00")
    assert invoice_status(issued) == PaymentStatus.PAID


def test_status_filter_and_totals_per_edition(
    staff: User, issued: Invoice, issue: Callable[..., Invoice]
) -> None:
    other = issue(DraftInvoiceFactory.create(enrolment__edition=issued.enrolment.edition))
    client = client_for(staff)
    today = timezone.localdate().isoformat()
    run_action(staff, "record_payment", other, apply="1", amount="", paid_on=today, reference="")

    paid = client.get(CHANGELIST + "?payment_status=paid")
    assert str(other.number) in paid.content.decode()
    assert f">{issued}<" not in paid.content.decode()
    page = client.get(CHANGELIST).content.decode()
    # Editie 2026: invoiced twice 2,420, paid 2,420, outstanding 2,420.
    assert "€\u00a04.840,00" in page
    assert page.count("€\u00a02.420,00") >= 2


@pytest.mark.parametrize("status", [*PaymentStatus.values, ""])
def test_every_status_filter_answers(staff: User, issued: Invoice, status: str) -> None:
    response = client_for(staff).get(CHANGELIST + f"?payment_status={status}")
    assert response.status_code == 200


def test_csv_export_for_the_bookkeeping(staff: User, issued: Invoice) -> None:
    response = run_action(staff, "export_csv", issued)

    rows = read_csv(response, DUTCH)  # type: ignore[arg-type]
    assert rows[0][:3] == ["Nummer", "Soort", "Crediteert factuur"]
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["Nummer"] == issued.number
    assert row["Soort"] == "Factuur"
    assert row["KvK-nummer van de afnemer"] == "12345678"
    assert (row["Bedrag excl. btw"], row["Btw"], row["Totaal incl. btw"]) == (
        "2000,00",
        "420,00",
        "2420,00",
    )
    assert row["Status"] == "Open"


def test_issuer_details_are_one_record(staff: User, issuer: IssuerDetails) -> None:
    client = client_for(staff)

    assert client.get(reverse("admin:invoicing_issuerdetails_add")).status_code == 403
    delete = reverse("admin:invoicing_issuerdetails_delete", args=[issuer.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403


def test_issue_asks_first_and_issues_nothing_until_confirmed(
    staff: User, issuer: IssuerDetails, draft: Invoice
) -> None:
    page = run_action(staff, "issue", draft)

    draft.refresh_from_db()
    assert draft.number is None
    content = page.content.decode()  # type: ignore[attr-defined]
    assert "Bakkerij Jansen B.V." in content
    assert "alleen een creditnota corrigeert" in content
    assert "Ja, doorgaan" in content

    run_action(staff, "issue", draft, apply="1")

    draft.refresh_from_db()
    assert draft.number == f"{timezone.localdate().year}-0001"


def test_discarding_drafts_asks_first(staff: User, draft: Invoice) -> None:
    page = run_action(staff, "discard_drafts", draft)

    assert Invoice.objects.filter(pk=draft.pk).exists()
    assert "niet ongedaan" in page.content.decode()  # type: ignore[attr-defined]

    run_action(staff, "discard_drafts", draft, apply="1")

    assert not Invoice.objects.filter(pk=draft.pk).exists()


def test_harmless_actions_come_first(staff: User, draft: Invoice) -> None:
    response = client_for(staff).get(CHANGELIST)

    choices = [name for name, _ in response.context["action_form"].fields["action"].choices]
    assert choices[1] == "export_csv"
    offered_irreversible = {"issue", "discard_drafts", "delete_selected"} & set(choices)
    assert offered_irreversible == {"issue", "discard_drafts"}  # no bulk delete of invoices
    assert set(choices[-2:]) == offered_irreversible


def test_payment_form_shows_the_open_amount_and_a_valid_date(staff: User, issued: Invoice) -> None:
    page = run_action(staff, "record_payment", issued).content.decode()  # type: ignore[attr-defined]

    assert "open: €\u00a02.420,00" in page
    today = timezone.localdate().isoformat()
    assert re.search(rf'<input type="date" name="paid_on" value="{today}"', page)

    # Sent back as shown, with a Dutch amount, it records the payment.
    run_action(
        staff, "record_payment", issued, apply="1", amount="1.000,50", paid_on=today, reference=""
    )

    payment = Payment.objects.get()
    assert (payment.amount, payment.paid_on) == (Decimal("1000.50"), timezone.localdate())


def test_a_wrong_amount_is_refused_with_a_dutch_message(staff: User, issued: Invoice) -> None:
    today = timezone.localdate().isoformat()

    page = run_action(
        staff, "record_payment", issued, apply="1", amount="tweeduizend", paid_on=today
    )

    assert "Voer een getal in." in page.content.decode()  # type: ignore[attr-defined]
    assert not Payment.objects.exists()
