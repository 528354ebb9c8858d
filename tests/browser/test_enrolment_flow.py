"""A new user enrols a company and fills in the baseline page by page, with a break.

The whole way through a real Chromium: sign in, the three enrolment pages (one refused
first), the start of the needs analysis, three sections, log out, log in again, resume
where they left off, finish and submit. axe-core checks every page on the way.
"""

from typing import Any

import pytest
from django.urls import reverse

from accounts.models import User
from companies.models import Enrolment, NeedsAnalysis, Region, Sector
from companies.questionnaire import Section, get_questionnaire
from tests.factories import EditionFactory
from tests.fixtures.browser import assert_accessible, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SECTIONS = get_questionnaire().sections


def field(page: Any, html_id: str) -> Any:
    # Question keys hold a dot, so the ids are matched as attributes, not as CSS ids.
    return page.locator(f'[id="{html_id}"]')


def submit(page: Any, label: str) -> None:
    page.get_by_role("button", name=label, exact=True).click()
    page.wait_for_load_state()


def fill_section(page: Any, section: Section, *, skip: str = "") -> None:
    """Answer every question of the page as a person would: click, tick, type."""
    for question in section.questions:
        if question.key == skip:
            continue
        if question.kind == "likert":
            field(page, f"id_{question.key}_3").check()  # 4: agree
        elif question.kind in {"choice", "multi"}:
            field(page, f"id_{question.key}_0").check()
        else:
            field(page, f"id_{question.key}").fill("Meer leren van elkaar op de werkvloer.")


def test_enrol_and_complete_the_baseline_with_a_break(
    page: Any, live_server: Any, plain_user: User
) -> None:
    # A transactional test starts without the seeded reference data.
    Region.objects.get_or_create(name="Achterhoek")
    Sector.objects.get_or_create(code="C", defaults={"name": "Industrie"})
    EditionFactory.create(name="Editie Gelderland 2026")

    login(page, live_server, plain_user)
    assert page.url == f"{live_server.url}{reverse('welcome')}"
    assert_accessible(page)
    page.get_by_role("link", name="Uw bedrijf inschrijven").click()
    page.wait_for_load_state()
    assert page.locator('[aria-current="step"]').inner_text().endswith("Bedrijf")
    assert page.get_by_label("Editie Gelderland 2026", exact=False).is_checked()
    assert_accessible(page)

    # Page 1: who they are, then a company too large first, then the real one.
    page.get_by_label("Uw naam").fill("Henk Slinge")
    page.locator("#id_position").fill("Directeur")
    page.get_by_label("Telefoonnummer").fill("0544 123 456")
    page.get_by_label("Statutaire naam").fill("Machinefabriek Slinge B.V.")
    page.get_by_label("KvK-nummer").fill("6543 2109")
    page.get_by_label("Straat en huisnummer").fill("Bedrijvenweg 4")
    page.get_by_label("Postcode").fill("7141ab")
    page.get_by_label("Plaats").fill("Groenlo")
    page.get_by_label("Regio").select_option(label="Achterhoek")
    page.get_by_label("Sector").select_option(label="C – Industrie")
    page.get_by_label("Aantal medewerkers").fill("260")
    page.get_by_label("Van wie mbo-opgeleid").fill("120")
    page.get_by_label("Heeft een hr-afdeling").check()
    submit(page, "Opslaan en verder")
    employees = page.get_by_label("Aantal medewerkers")
    assert employees.get_attribute("aria-invalid") == "true"
    assert "minder dan 250 medewerkers" in page.locator("#id_employees_error").inner_text()
    assert_accessible(page)
    employees.fill("185")
    submit(page, "Opslaan en verder")

    # Page 2: billing.
    enrolment = Enrolment.objects.get(company__kvk_number="65432109")
    contact = enrolment.company.contacts.select_related("user").get()
    assert (contact.user.full_name, contact.position, contact.phone) == (
        "Henk Slinge",
        "Directeur",
        "0544123456",
    )
    assert page.url.endswith(reverse("enrolment_billing", args=[enrolment.public_id]))
    assert_accessible(page)
    page.get_by_label("E-mailadres voor facturen").fill("facturen@slinge.nl")
    page.get_by_label("Contactpersoon voor facturen").fill("Financiële administratie")
    page.get_by_label("Btw-nummer").fill("NL004495445B01")
    submit(page, "Opslaan en verder")

    # Page 3: the terms, consent and submit.
    assert page.url.endswith(reverse("enrolment_submit", args=[enrolment.public_id]))
    assert "2.000,00" in page.locator("main").inner_text()
    assert_accessible(page)
    page.get_by_label("Motivatie").fill("Onze monteurs willen blijven leren.")
    page.locator("#id_accept_terms").check()
    submit(page, "Inschrijving indienen")
    assert page.url.endswith(reverse("enrolment_detail", args=[enrolment.public_id]))
    assert_accessible(page)

    # The baseline: start, then three sections page by page.
    page.get_by_role("link", name="Start de nulmeting").click()
    page.wait_for_load_state()
    assert_accessible(page)
    submit(page, "Beginnen")
    for number, section in enumerate(SECTIONS[:3], start=1):
        assert page.locator("h1").inner_text() == section.nl
        assert f"Onderdeel {number} van {len(SECTIONS)}" in page.locator("main").inner_text()
        required = next(q for q in section.questions if q.required)
        fill_section(page, section, skip=required.key if number == 2 else "")
        submit(page, "Opslaan en verder")
        if number == 2:  # Next refuses a page with a required question left open
            assert page.locator(f'[id="id_{required.key}_error"]').is_visible()
            assert_accessible(page)
            fill_section(page, section)
            submit(page, "Opslaan en verder")
        assert_accessible(page)

    # A break: log out, log in again, and resume at the fourth section.
    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_load_state()
    login(page, live_server, plain_user)
    assert page.url == f"{live_server.url}{reverse('company_dashboard')}"
    assert_accessible(page)
    page.get_by_role("link", name="Ga verder met de nulmeting").click()
    page.wait_for_load_state()
    analysis = NeedsAnalysis.objects.get(enrolment=enrolment)
    assert page.url.endswith(
        reverse("analysis_section", args=[analysis.public_id, SECTIONS[3].key])
    )

    for section in SECTIONS[3:]:
        assert page.locator("h1").inner_text() == section.nl
        assert_accessible(page)
        fill_section(page, section)
        submit(page, "Opslaan en controleren" if section == SECTIONS[-1] else "Opslaan en verder")

    assert page.url.endswith(reverse("analysis_submit", args=[analysis.public_id]))
    assert_accessible(page)
    submit(page, "Analyse indienen")
    analysis.refresh_from_db()
    assert analysis.status == NeedsAnalysis.Status.SUBMITTED
    assert page.locator("main svg[role=img]").count() == 1
    assert_accessible(page)
