"""Another region runs the programme: it changes the settings, and its name, operator,
funder, province, amounts, contact details, colours and logo are on the pages, in the
mails, the PDFs and the e-invoice; today's programme is nowhere."""

import io
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pypdf
import pytest
from allauth.mfa.adapter import get_adapter as mfa_adapter
from django.core import mail
from django.core.files.base import ContentFile
from django.test import Client, RequestFactory
from django.urls import reverse
from PIL import Image
from pytest_django import DjangoCaptureOnCommitCallbacks

from accounts.models import User
from companies import services as companies_services
from companies.models import Edition
from companies.selectors import new_edition_values
from invoicing import services as invoicing_services
from invoicing.models import Invoice
from invoicing.tasks import render_invoice_pdf
from networks.calendar import meetings_calendar
from programme.models import Programme
from programme.selectors import current, forget
from programme.views import server_error
from reports.models import Report
from reports.services import report_claim, report_render, report_request
from tests.conftest import client_for
from tests.factories import EditionFactory, EnrolmentFactory, IssuerDetailsFactory
from tests.invoicing.test_documents import parse
from tests.programme.test_settings import today

pytestmark = pytest.mark.django_db

ELSEWHERE = {
    "name": "Leren Werkt Twente",
    "operator": "Ondernemers Twente",
    "funder": "Provincie Overijssel",
    "province": "Overijssel",
    "partners": "Saxion\nROC van Twente",
    "contribution": Decimal("1500.00"),
    "coach_hours": 80,
    "trajectory_months": 8,
    "contact_email": "info@lerenwerkt.test",
    "contact_phone": "053 765 43 21",
    "primary_colour": "#7a1f3d",
    "accent_colour": "#00aa55",
}
TODAY = ("Leercultuur MKB", "VNO-NCW", "Gelderland", "Gelders Vakmanschap")
UBL = {"cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"}


def png() -> bytes:
    image = io.BytesIO()
    Image.new("RGB", (60, 30), "#7a1f3d").save(image, "PNG")
    return image.getvalue()


@pytest.fixture
def elsewhere() -> Iterator[Programme]:
    """The settings as a region in Overijssel keeps them, with its own logo."""
    today()
    Programme.objects.update(**ELSEWHERE)
    Programme.objects.get().logo.save("twente.png", ContentFile(png()))
    forget()
    yield current()
    forget()


def assert_only_elsewhere(text: str) -> None:
    for old in TODAY:
        assert old not in text


def pdf_text(pdf: bytes) -> tuple[str, int]:
    """The PDF's text with white space made single spaces, and the images on its first page."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    return text, len(reader.pages[0].images)


def test_a_page_for_everyone_shows_the_region(elsewhere: Programme) -> None:
    client = Client()
    page = client.get(reverse("account_login")).content.decode()

    assert "– Leren Werkt Twente</title>" in page
    assert "trajectory" not in page  # Dutch
    assert "traject van uw bedrijf in Leren Werkt Twente" in page
    assert "Leren Werkt Twente is een programma van Ondernemers Twente" in page
    assert "met subsidie van Provincie Overijssel" in page
    assert "Partners: Saxion, ROC van Twente." in page
    assert 'href="mailto:info@lerenwerkt.test"' in page
    assert 'href="tel:0537654321"' in page
    assert_only_elsewhere(page)
    logo = client.get(reverse("programme_logo"))
    assert f"{reverse('programme_logo')}?v=" in page
    assert logo["Content-Type"] == "image/png"
    assert b"".join(logo.streaming_content) == png()  # type: ignore[attr-defined]
    assert "--primary: #7a1f3d;" in client.get(reverse("programme_css")).content.decode()


def test_a_contact_sees_the_regions_trajectory(contact: User, elsewhere: Programme) -> None:
    page = client_for(contact).get(reverse("company_dashboard")).content.decode()

    assert "doet mee aan Leren Werkt Twente: een traject van 8 maanden" in page
    assert "80 uur" in page
    assert "€\u00a01.500" in page
    assert "Provincie Overijssel betaalt de rest van het traject" in page
    assert_only_elsewhere(page)


def test_someone_new_reads_the_regions_offer(plain_user: User, elsewhere: Programme) -> None:
    page = client_for(plain_user).get(reverse("welcome")).content.decode()

    assert "Welkom bij Leren Werkt Twente" in page
    assert "traject op maat van 8 maanden met 80 uur begeleiding" in page
    assert "Het programmabureau van Ondernemers Twente beoordeelt" in page
    assert_only_elsewhere(page)


def test_without_a_logo_the_pages_show_the_name_alone(elsewhere: Programme) -> None:
    Programme.objects.update(logo="")
    forget()

    page = Client().get(reverse("account_login")).content.decode()

    assert "site-name__logo" not in page
    assert Client().get(reverse("programme_logo")).status_code == 404


def test_the_error_page_names_the_region(elsewhere: Programme) -> None:
    page = server_error(RequestFactory().get("/")).content.decode()

    assert "Leren Werkt Twente <span" in page
    assert_only_elsewhere(page)


def test_a_new_edition_starts_with_the_regions_amounts(staff: User, elsewhere: Programme) -> None:
    form = client_for(staff).get(reverse("admin:companies_edition_add")).context["adminform"].form

    assert form["contribution"].value() == Decimal("1500.00")
    assert form["coach_budget_minutes"].value() == 80 * 60
    assert form["trajectory_months"].value() == 8
    assert "eigen bijdrage van €\u00a01.500" in form["terms"].value()


def test_allauths_mails_and_the_authenticator_carry_the_regions_name(
    contact: User, elsewhere: Programme, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        Client().post(reverse("account_reset_password"), {"email": contact.email})

    [message] = mail.outbox
    subject, body = str(message.subject), str(message.body)
    assert subject == "[Leren Werkt Twente] Kies een nieuw wachtwoord"
    assert message.from_email == "Leren Werkt Twente <noreply@localhost>"
    assert "Leren Werkt Twente · Ondernemers Twente" in body
    assert_only_elsewhere(subject + body)
    assert "issuer=Leren%20Werkt%20Twente" in mfa_adapter().build_totp_url(contact, "SECRET")


def test_a_sender_named_in_the_settings_stays(
    contact: User, elsewhere: Programme, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.DEFAULT_FROM_EMAIL = "Programmabureau <info@lerenwerkt.test>"
    with django_capture_on_commit_callbacks(execute=True):
        Client().post(reverse("account_reset_password"), {"email": contact.email})

    assert mail.outbox[0].from_email == "Programmabureau <info@lerenwerkt.test>"


def test_the_invoice_its_pdf_mail_and_e_invoice_name_the_region(
    contact: User,
    staff: User,
    elsewhere: Programme,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    IssuerDetailsFactory.create(legal_name="Stichting Ondernemers Twente")
    edition = Edition.objects.create(
        name="Twente 2027",
        enrolment_opens="2026-09-01",
        enrolment_closes="2026-12-01",
        places=10,
        **new_edition_values(),
    )
    enrolment = EnrolmentFactory.create(company=contact.contact.company, edition=edition)
    companies_services.enrolment_accept(enrolment=enrolment, by=staff)
    draft = Invoice.objects.get(enrolment=enrolment, kind=Invoice.Kind.INVOICE)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        invoice = invoicing_services.invoice_issue(invoice=draft, by=staff)
        render_invoice_pdf(invoice.pk)
    invoice.refresh_from_db()

    ubl = parse(invoice)
    [line] = [e.text for e in ubl.iter(f"{{{UBL['cbc']}}}Description")]
    assert line is not None
    assert line.startswith("Eigen bijdrage Leren Werkt Twente, Twente 2027: een traject van 8")
    assert invoice.net_amount == Decimal("1500.00")
    with invoice.pdf.open("rb") as stored:
        text, images = pdf_text(stored.read())
    assert "Leren Werkt Twente · Ondernemers Twente" in text
    assert images == 1  # the logo
    assert_only_elsewhere(text)
    [message] = mail.outbox
    subject, body = str(message.subject), str(message.body)
    assert subject.startswith("[Leren Werkt Twente] ")
    assert "de eigen bijdrage aan Leren Werkt Twente" in body
    assert_only_elsewhere(subject + body)


def test_the_province_report_names_the_regions_province_and_funder(
    staff: User, elsewhere: Programme
) -> None:
    report = report_request(
        kind=Report.Kind.PROVINCE, requested_by=staff, edition=EditionFactory.create()
    )
    assert report_claim(report_id=report.pk)

    report = report_render(report_id=report.pk)

    with report.file.open("rb") as stored:
        text, images = pdf_text(stored.read())
    assert "Leren Werkt Twente in Overijssel, met subsidie van Provincie Overijssel" in text
    assert images == 1
    assert_only_elsewhere(text)


def test_the_calendar_is_made_by_the_region(elsewhere: Programme) -> None:
    calendar = meetings_calendar([])

    assert str(calendar["PRODID"]) == "-//Ondernemers Twente//Leren Werkt Twente//NL"
    assert str(calendar["X-WR-CALNAME"]) == "Leren Werkt Twente"
