"""Once a company's details were sent in, only staff change them (issue 12, item 4)."""

import hashlib
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import escape

from accounts.models import User
from companies import services
from companies.models import Company, CompanyChangeRequest, Enrolment
from invoicing.models import Invoice
from invoicing.services import invoice_issue
from leercultuur.outbox.models import Mail
from reports.models import Report
from reports.services import report_request
from tests.conftest import client_for
from tests.factories import EditionFactory, EnrolmentFactory, IssuerDetailsFactory

pytestmark = pytest.mark.django_db

Status = Enrolment.Status


@pytest.fixture
def accepted(contact: User, staff: User) -> Enrolment:
    """The contact's company holds a place in one edition."""
    company = contact.contact.company
    company.legal_name = "Bakkerij Jansen B.V."
    company.billing_email = "administratie@bakkerij-jansen.nl"
    company.save()
    return services.enrolment_accept(enrolment=EnrolmentFactory.create(company=company), by=staff)


@pytest.fixture
def draft(accepted: Enrolment) -> Enrolment:
    """A draft of the same company in another edition."""
    return EnrolmentFactory.create(
        company=accepted.company, edition=EditionFactory.create(), status=Status.DRAFT
    )


def details(company: Company, **changes: Any) -> dict[str, Any]:
    names = services.CompanyDetails.__annotations__
    return {**{name: getattr(company, name) for name in names}, **changes}


def company_form(company: Company, **changes: object) -> dict[str, object]:
    data: dict[str, object] = details(company, **changes)
    data["region"], data["sector"] = company.region_id, company.sector_id
    data["has_hr_department"] = "on" if company.has_hr_department else ""
    return data


def test_a_draft_in_another_edition_cannot_rewrite_the_company(
    draft: Enrolment, contact: User
) -> None:
    company = draft.company

    with pytest.raises(ValidationError, match="wijziging aan"):
        services.enrolment_update_company(
            enrolment=draft,
            details=details(company, legal_name="Iets Anders B.V."),  # type: ignore[arg-type]
        )
    # Through the page too: the fields are shown, not changed, whatever is posted.
    url = reverse("enrolment_company", args=[draft.public_id])
    response = client_for(contact).post(url, company_form(company, legal_name="Iets Anders B.V."))

    assert response.status_code == 302
    company.refresh_from_db()
    assert company.legal_name == "Bakkerij Jansen B.V."
    page = client_for(contact).get(url).content.decode()
    assert "disabled" in page
    assert reverse("company_change") in page


def test_unchanged_details_pass_so_the_draft_goes_on(draft: Enrolment) -> None:
    services.enrolment_update_company(enrolment=draft, details=details(draft.company))  # type: ignore[arg-type]


def test_the_billing_details_are_locked_but_the_order_reference_is_the_drafts_own(
    draft: Enrolment,
) -> None:
    company = draft.company
    with pytest.raises(ValidationError, match="wijziging aan"):
        services.enrolment_update_billing(
            enrolment=draft,
            billing_email="ander@example.nl",
            billing_contact=company.billing_contact,
            vat_number=company.vat_number,
            po_reference="",
        )

    services.enrolment_update_billing(
        enrolment=draft,
        billing_email=company.billing_email,
        billing_contact=company.billing_contact,
        vat_number=company.vat_number,
        po_reference="PO-2027",
    )
    draft.refresh_from_db()
    assert draft.po_reference == "PO-2027"


def test_a_draft_of_a_company_never_sent_in_is_corrected_freely(contact: User) -> None:
    draft = EnrolmentFactory.create(company=contact.contact.company, status=Status.DRAFT)

    services.enrolment_update_company(
        enrolment=draft,
        details=details(draft.company, city="Zutphen"),  # type: ignore[arg-type]
    )

    assert Company.objects.get(pk=draft.company_id).city == "Zutphen"


def test_staff_approve_a_change_and_the_records_keep_their_own_copy(
    accepted: Enrolment, contact: User, staff: User, django_capture_on_commit_callbacks: Any
) -> None:
    IssuerDetailsFactory.create()
    invoice = invoice_issue(
        invoice=Invoice.objects.get(enrolment=accepted, kind=Invoice.Kind.INVOICE), by=staff
    )
    ubl = invoice.ubl_xml
    with django_capture_on_commit_callbacks(execute=True):
        report = report_request(kind=Report.Kind.PROGRESS, requested_by=contact, enrolment=accepted)
    report.refresh_from_db()
    made = hashlib.sha256(report.file.read()).hexdigest()
    Mail.objects.all().delete()

    response = client_for(contact).post(
        reverse("company_change"),
        {
            **company_form(accepted.company, legal_name="Bakkerij Jansen-de Vries B.V."),
            "billing_email": "boekhouding@bakkerij-jansen.nl",
            "billing_contact": "Mevrouw De Vries, boekhouding",
            "vat_number": "",
        },
    )

    assert response.status_code == 302
    change = CompanyChangeRequest.objects.get()
    assert set(change.changes) == {"legal_name", "billing_email", "billing_contact"}
    assert Company.objects.get(pk=accepted.company_id).legal_name == "Bakkerij Jansen B.V."
    assert Mail.objects.get(kind="company_change_requested").to == staff.email

    client_for(staff).post(
        reverse("admin:companies_companychangerequest_changelist"),
        {"action": "approve", "_selected_action": [change.pk], "apply": "1"},
    )

    company = Company.objects.get(pk=accepted.company_id)
    assert company.legal_name == "Bakkerij Jansen-de Vries B.V."
    assert company.billing_email == "boekhouding@bakkerij-jansen.nl"
    assert Mail.objects.get(kind="company_change_decided").to == contact.email
    invoice.refresh_from_db()
    assert invoice.buyer_legal_name == "Bakkerij Jansen B.V."  # the invoice's own copy
    assert invoice.ubl_xml == ubl
    report.refresh_from_db()
    assert hashlib.sha256(report.file.read()).hexdigest() == made


def test_a_rejected_change_changes_nothing(accepted: Enrolment, contact: User, staff: User) -> None:
    change = services.company_change_request(
        company=accepted.company, by=contact, details={"city": "Zutphen"}
    )

    services.company_change_reject(request=change, by=staff)

    assert Company.objects.get(pk=accepted.company_id).city != "Zutphen"
    with pytest.raises(ValidationError, match="al besloten"):
        services.company_change_approve(request=change, by=staff)


def test_one_change_waits_at_a_time_and_nothing_is_no_change(
    accepted: Enrolment, contact: User
) -> None:
    company = accepted.company
    with pytest.raises(ValidationError, match="Er is niets veranderd"):
        services.company_change_request(company=company, by=contact, details={"city": company.city})
    services.company_change_request(company=company, by=contact, details={"city": "Zutphen"})

    with pytest.raises(ValidationError, match="wacht al"):
        services.company_change_request(company=company, by=contact, details={"city": "Epe"})


def test_an_invalid_change_is_refused_before_staff_see_it(
    accepted: Enrolment, contact: User
) -> None:
    with pytest.raises(ValidationError) as refused:
        services.company_change_request(
            company=accepted.company, by=contact, details={"employees": 400}
        )
    assert "employees" in refused.value.message_dict
    assert not CompanyChangeRequest.objects.exists()


def test_the_change_page_belongs_to_the_contacts_own_company(
    accepted: Enrolment, other_contact: User
) -> None:
    page = client_for(other_contact).get(reverse("company_change")).content.decode()

    assert "Bakkerij Jansen" not in page
    assert escape(str(other_contact.contact.company)) in page
