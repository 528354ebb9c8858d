"""Enrolment page by page, invitations and the dashboards, through the test client."""

import re
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from accounts.models import User
from companies.models import Company, Contact, Edition, Enrolment, Invitation, Region, Sector
from tests.browser.test_pages import assert_clean_page
from tests.conftest import client_for
from tests.factories import CompanyFactory, EditionFactory, EnrolmentFactory, InvitationFactory

pytestmark = pytest.mark.django_db

Status = Enrolment.Status


def company_data(**changes: object) -> dict[str, object]:
    """A valid page 1, as the browser posts it."""
    data: dict[str, object] = {
        "full_name": "Karin Oostra",
        "position": "Bedrijfsleider",
        "phone": "06-1234 5678",
        "legal_name": "Metaalbewerking Oost B.V.",
        "trade_name": "MBO Metaal",
        "kvk_number": "1234 5678",
        "street_address": "Industrieweg 12",
        "postcode": "7001ab",
        "city": "Doetinchem",
        "region": Region.objects.get(name="Achterhoek").pk,
        "sector": Sector.objects.get(code="C").pk,
        "employees": "45",
        "mbo_employees": "30",
        "has_hr_department": "on",
    }
    data.update(changes)
    return data


def billing_data(**changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "billing_email": "facturen@mbometaal.nl",
        "billing_contact": "Crediteurenadministratie",
        "vat_number": "NL 0044.95.445.B01",
        "po_reference": "PO-2026-17",
    }
    data.update(changes)
    return data


def field_errors(response: Any, field: str) -> str:
    form = response.context["form"]
    return " ".join(form.errors.get(field, []))


@pytest.fixture
def edition() -> Edition:
    return EditionFactory.create(name="Editie Gelderland 2026")


@pytest.fixture
def new_user(plain_user: User) -> Client:
    return client_for(plain_user)


# --- Page 1 ------------------------------------------------------------------------------


def test_start_page_preselects_the_only_open_edition(edition: Edition, new_user: Client) -> None:
    response = new_user.get(reverse("enrolment_start"))
    html = response.content.decode()
    assert_clean_page(html, "enrolment_start")
    assert re.search(r'<input type="radio" name="edition" value="\d+"[^>]*checked', html)
    assert 'aria-current="step"' in html
    assert "Bedrijf" in html
    assert "Facturatie" in html
    assert "Indienen" in html


def test_valid_first_page_creates_company_contact_and_draft(
    edition: Edition, plain_user: User, new_user: Client
) -> None:
    data = company_data(edition=edition.pk)
    response = new_user.post(reverse("enrolment_start"), data)

    enrolment = Enrolment.objects.get(company__kvk_number="12345678")
    assert response.status_code == 302
    assert response["Location"] == reverse("enrolment_billing", args=[enrolment.public_id])
    assert enrolment.status == Status.DRAFT
    assert enrolment.edition == edition
    company = enrolment.company
    assert company.postcode == "7001 AB"
    assert (company.employees, company.mbo_employees, company.has_hr_department) == (45, 30, True)
    contact = Contact.objects.select_related("user").get(user=plain_user)
    assert contact.company == company
    assert (contact.user.full_name, contact.position, contact.phone) == (
        "Karin Oostra",
        "Bedrijfsleider",
        "0612345678",
    )


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"full_name": ""}, "full_name", "Vul uw naam in"),
        ({"phone": "12345"}, "phone", "telefoonnummer"),
        ({"phone": "bel mij maar"}, "phone", "telefoonnummer"),
    ],
)
def test_signing_up_asks_a_name_and_a_phone_number_that_can_be_called(
    edition: Edition, new_user: Client, changes: dict[str, str], field: str, words: str
) -> None:
    response = new_user.post(
        reverse("enrolment_start"), company_data(edition=edition.pk, **changes)
    )

    assert response.status_code == 200
    assert words in field_errors(response, field)
    assert not Company.objects.exists()
    assert not Contact.objects.exists()


def test_existing_kvk_number_asks_for_an_invitation(edition: Edition, new_user: Client) -> None:
    CompanyFactory.create(kvk_number="12345678")
    response = new_user.post(reverse("enrolment_start"), company_data(edition=edition.pk))

    assert response.status_code == 200
    assert "contactpersonen" in field_errors(response, "kvk_number")
    assert Company.objects.count() == 1
    assert not Contact.objects.exists()


def test_a_large_company_is_told_politely_that_the_programme_is_for_mkb(
    edition: Edition, new_user: Client
) -> None:
    response = new_user.post(
        reverse("enrolment_start"),
        company_data(edition=edition.pk, employees="250"),
    )
    message = field_errors(response, "employees")
    assert "minder dan 250" in message
    assert "Bedankt voor uw belangstelling" in message
    assert not Company.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("mbo_employees", "46", "niet meer zijn dan het aantal medewerkers (45)"),
        ("postcode", "0123 AB", "Nederlandse postcode"),
        ("postcode", "1234 5678", "Nederlandse postcode"),
        ("kvk_number", "1234567", "precies 8 cijfers"),
        ("kvk_number", "abcdefgh", "precies 8 cijfers"),
        ("employees", "veertig", "geheel getal"),
        ("employees", "0", "minstens 1"),
        ("employees", "9" * 30, "Bedankt voor uw belangstelling"),
        ("employees", "9" * 5000, "geheel getal"),
        ("mbo_employees", "-1", "minstens 0"),
        ("legal_name", "x" * 10_000, "niet meer dan 200 tekens"),
        ("legal_name", "", "verplicht"),
        ("region", "999999999999999999999", "geldige keuze"),
    ],
)
def test_invalid_first_page_shows_the_error_on_the_field(
    edition: Edition, new_user: Client, field: str, value: str, words: str
) -> None:
    data = company_data(edition=edition.pk, **{field: value})
    response = new_user.post(reverse("enrolment_start"), data)

    assert response.status_code == 200
    assert words in field_errors(response, field)
    html = response.content.decode()
    assert 'aria-invalid="true"' in html
    assert_clean_page(html, f"enrolment_start with bad {field}")
    assert not Company.objects.exists()


def test_enrolment_is_closed_without_an_open_edition(new_user: Client) -> None:
    EditionFactory.create(is_open=False)
    response = new_user.get(reverse("enrolment_start"))
    assert "Inschrijven is op dit moment gesloten" in response.content.decode()
    assert "form" not in response.context or not response.context["form"]
    assert new_user.post(reverse("enrolment_start"), company_data()).status_code == 200
    assert not Company.objects.exists()


def test_a_contact_enrols_the_known_company_in_a_new_edition(
    edition: Edition, contact: User
) -> None:
    client = client_for(contact)
    response = client.get(reverse("enrolment_start"))
    assert 'name="legal_name"' not in response.content.decode()

    response = client.post(reverse("enrolment_start"), {"edition": edition.pk})

    enrolment = Enrolment.objects.get(company=contact.contact.company, edition=edition)
    assert response["Location"] == reverse("enrolment_company", args=[enrolment.public_id])
    again = client.post(reverse("enrolment_start"), {"edition": edition.pk})
    assert "al ingeschreven" in again.content.decode()


# --- Pages 2 and 3, and the detail page --------------------------------------------------


@pytest.fixture
def draft(contact: User, edition: Edition) -> Enrolment:
    company = contact.contact.company
    company.billing_email = ""
    company.save()
    return EnrolmentFactory.create(company=company, edition=edition, status=Status.DRAFT)


def test_company_page_corrects_the_details(contact: User, draft: Enrolment) -> None:
    url = reverse("enrolment_company", args=[draft.public_id])
    response = client_for(contact).post(url, company_data(city="Winterswijk"))
    assert response["Location"] == reverse("enrolment_billing", args=[draft.public_id])
    draft.company.refresh_from_db()
    assert draft.company.city == "Winterswijk"


def test_company_page_refuses_another_companys_kvk_number(contact: User, draft: Enrolment) -> None:
    CompanyFactory.create(kvk_number="87654321")
    url = reverse("enrolment_company", args=[draft.public_id])
    response = client_for(contact).post(url, company_data(kvk_number="87654321", city="Lochem"))
    assert "ander bedrijf" in field_errors(response, "kvk_number")
    draft.company.refresh_from_db()
    assert draft.company.city != "Lochem"


def test_billing_page_stores_a_compact_vat_number(contact: User, draft: Enrolment) -> None:
    url = reverse("enrolment_billing", args=[draft.public_id])
    response = client_for(contact).post(url, billing_data())

    assert response["Location"] == reverse("enrolment_submit", args=[draft.public_id])
    draft.refresh_from_db()
    assert draft.company.vat_number == "NL004495445B01"
    assert draft.company.billing_email == "facturen@mbometaal.nl"
    assert draft.po_reference == "PO-2026-17"


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("vat_number", "NL123456789B99", "geldig Nederlands btw-nummer"),
        ("billing_email", "geen-adres", "geldig e-mailadres"),
        ("po_reference", "P" * 61, "niet meer dan 60 tekens"),
    ],
)
def test_billing_page_shows_errors_and_saves_nothing(
    contact: User, draft: Enrolment, field: str, value: str, words: str
) -> None:
    url = reverse("enrolment_billing", args=[draft.public_id])
    response = client_for(contact).post(url, billing_data(**{field: value}))
    assert words in field_errors(response, field)
    draft.refresh_from_db()
    assert draft.company.billing_email == ""
    assert draft.po_reference == ""


def test_submit_page_shows_the_terms_money_and_months(contact: User, draft: Enrolment) -> None:
    html = client_for(contact).get(reverse("enrolment_submit", args=[draft.public_id]))
    text = html.content.decode()
    assert "€&nbsp;2.000,00" in text
    assert "10 maanden" in text
    assert "Eigen bijdrage EUR 2.000" in text  # the edition's own terms
    assert_clean_page(text, "enrolment_submit")


def test_submit_needs_consent_and_billing_details(contact: User, draft: Enrolment) -> None:
    url = reverse("enrolment_submit", args=[draft.public_id])
    client = client_for(contact)

    response = client.post(url, {"motivation": "Wij willen leren."})
    assert "Ga akkoord met de programmavoorwaarden" in field_errors(response, "accept_terms")

    response = client.post(url, {"motivation": "Wij willen leren.", "accept_terms": "on"})
    assert "Vul eerst de factuurgegevens in" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_submitting_sends_the_enrolment_and_mails_the_contact(
    contact: User, draft: Enrolment, django_capture_on_commit_callbacks: object
) -> None:
    client = client_for(contact)
    client.post(reverse("enrolment_billing", args=[draft.public_id]), billing_data())
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        response = client.post(
            reverse("enrolment_submit", args=[draft.public_id]),
            {"motivation": "Wij willen leren.", "accept_terms": "on"},
            follow=True,
        )

    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED
    assert draft.terms_accepted_at is not None
    assert response.redirect_chain[-1][0] == reverse("enrolment_detail", args=[draft.public_id])
    html = response.content.decode()
    assert "ontvangen" in html
    assert "Start de nulmeting" in html
    assert_clean_page(html, "enrolment_detail")
    assert [contact.email] in [message.to for message in mail.outbox]


def test_a_submitted_enrolment_can_no_longer_be_changed(contact: User, edition: Edition) -> None:
    enrolment = EnrolmentFactory.create(company=contact.contact.company, edition=edition)
    url = reverse("enrolment_company", args=[enrolment.public_id])
    response = client_for(contact).post(url, company_data(city="Lochem"))
    assert response["Location"] == reverse("enrolment_detail", args=[enrolment.public_id])
    enrolment.company.refresh_from_db()
    assert enrolment.company.city != "Lochem"


# --- Colleagues --------------------------------------------------------------------------


def test_inviting_a_colleague_mails_a_link(
    contact: User, django_capture_on_commit_callbacks: object
) -> None:
    EnrolmentFactory.create(company=contact.contact.company)  # sent in: colleagues may be invited
    client = client_for(contact)
    assert_clean_page(client.get(reverse("invitation_send")).content.decode(), "invitation_send")
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        response = client.post(reverse("invitation_send"), {"email": "Collega@Example.nl"})

    invitation = Invitation.objects.get()
    assert response["Location"] == reverse("company_access")
    assert invitation.email == "collega@example.nl"
    [message] = mail.outbox
    assert message.to == ["collega@example.nl"]
    assert reverse("invitation_accept", args=[invitation.token]) in message.body


def test_inviting_someone_who_acts_for_the_company_already_is_refused(contact: User) -> None:
    EnrolmentFactory.create(company=contact.contact.company)
    response = client_for(contact).post(reverse("invitation_send"), {"email": contact.email})
    assert "werkt al namens uw bedrijf" in field_errors(response, "email")
    assert not Invitation.objects.exists()


def test_accepting_an_invitation_makes_a_contact(contact: User, plain_user: User) -> None:
    company = contact.contact.company
    invitation = InvitationFactory.create(company=company, email=plain_user.email)
    client = client_for(plain_user)
    url = reverse("invitation_accept", args=[invitation.token])
    html = client.get(url).content.decode()
    assert escape_name(company) in html
    assert_clean_page(html, "invitation_accept")

    response = client.post(url, {"full_name": "Sanne Bakker", "position": "", "phone": ""})

    assert response["Location"] == reverse("company_dashboard")
    assert Contact.objects.get(user=plain_user).company == company
    again = client_for(plain_user).post(url, {"full_name": "Sanne Bakker"})
    assert "al gebruikt" in again.content.decode()


def test_an_invitation_for_another_address_is_not_shown(contact: User, other_contact: User) -> None:
    invitation = InvitationFactory.create(company=contact.contact.company)
    response = client_for(other_contact).get(reverse("invitation_accept", args=[invitation.token]))
    assert response.status_code == 404
    html = response.content.decode()
    assert "ander e-mailadres" in html
    assert escape_name(contact.contact.company) not in html


def escape_name(company: Company) -> str:
    return escape(company.legal_name)


# --- Dashboards --------------------------------------------------------------------------


def test_dashboard_offers_enrolment_when_there_is_none(contact: User, edition: Edition) -> None:
    html = client_for(contact).get(reverse("company_dashboard")).content.decode()
    assert reverse("enrolment_start") in html
    assert reverse("invitation_send") in html


@pytest.mark.parametrize(
    ("status", "words"),
    [
        (Status.DRAFT, "Maak uw inschrijving af"),
        (Status.SUBMITTED, "Start de nulmeting"),
        (Status.WAITLISTED, "wachtlijst"),
        (Status.ACCEPTED, "Start de nulmeting"),
    ],
)
def test_dashboard_shows_the_next_step(contact: User, status: str, words: str) -> None:
    EnrolmentFactory.create(company=contact.contact.company, status=status)
    html = client_for(contact).get(reverse("company_dashboard")).content.decode()
    assert words in html
    assert_clean_page(html, f"company_dashboard ({status})")


def test_welcome_page_links_to_enrolment_or_says_it_is_closed(plain_user: User) -> None:
    client = client_for(plain_user)
    assert reverse("enrolment_start") not in client.get(reverse("welcome")).content.decode()
    EditionFactory.create()
    html = client.get(reverse("welcome")).content.decode()
    assert reverse("enrolment_start") in html
    assert_clean_page(html, "welcome")
