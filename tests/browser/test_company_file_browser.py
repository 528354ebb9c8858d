"""The company file in a real browser: a coach opens it from the dashboard, on a desktop
and on a phone, writes a shared and an internal note and deletes one; the company's
contact then sees the shared note only. axe-core finds nothing at 1280 and 390 wide."""

import datetime
from typing import Any

import pytest
from django.utils import timezone

from accounts.models import User
from coaching.models import CoachingSession
from companies.models import Contact, EnrolmentNote
from tests.factories import IssuedInvoiceFactory, ParticipantFactory, running_enrolment
from tests.fixtures.browser import assert_accessible, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = ((1280, 900), (390, 844))


def fits(page: Any) -> bool:
    """No sideways scrolling: the page is as wide as the screen."""
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))


def test_a_coach_keeps_notes_in_the_company_file(
    browser, page, live_server, contact: User, coach: User
) -> None:
    company = contact.contact.company
    enrolment = running_enrolment(company, coach)
    Contact.objects.filter(user=contact).update(phone="0612345678", position="Directeur")
    ParticipantFactory.create(company=company, is_ambassador=True)
    CoachingSession.objects.create(
        enrolment=enrolment,
        coach=coach,
        date=timezone.localdate() - datetime.timedelta(days=1),
        minutes=90,
        activity=CoachingSession.Activity.INTAKE,
    )
    IssuedInvoiceFactory.create(enrolment=enrolment)

    login(page, live_server, coach)
    for width, height in WIDTHS:
        page.set_viewport_size({"width": width, "height": height})
        page.goto(f"{live_server.url}/coach/")
        page.get_by_role("link", name="Dossier").click()
        page.wait_for_load_state()
        assert page.get_by_role("heading", name=f"Bedrijfsdossier van {company}").is_visible()
        assert_accessible(page)
        assert fits(page)

    # On the phone: a note shared with the company, then an internal one.
    for text, visibility in (
        ("Mooie start met de werkplekbegeleiders.", "Gedeeld met het bedrijf"),
        ("De directeur twijfelt nog over de BBL-plekken.", "Intern: programmabureau en coaches"),
    ):
        page.get_by_role("textbox", name="Notitie").fill(text)
        page.get_by_label(visibility).check()
        page.get_by_role("button", name="Notitie toevoegen").click()
        page.wait_for_load_state()
        assert page.get_by_text("De notitie staat in het dossier.").is_visible()
    assert_accessible(page)
    assert fits(page)
    notes = page.locator(".note")
    assert notes.count() == 2
    assert notes.first.get_by_text("Intern", exact=True).is_visible()
    assert notes.last.get_by_text("Gedeeld met het bedrijf").is_visible()

    # Deleting asks first.
    page.get_by_role("link", name="Verwijderen").first.click()
    page.wait_for_load_state()
    assert_accessible(page)
    assert fits(page)
    page.get_by_role("button", name="Notitie verwijderen").click()
    page.wait_for_load_state()
    assert page.get_by_text("De notitie is verwijderd.").is_visible()
    assert list(EnrolmentNote.objects.values_list("visibility", flat=True)) == ["shared"]

    # The company's contact sees the shared note on the enrolment's page.
    EnrolmentNote.objects.create(
        enrolment=enrolment, author=coach, text="GEHEIM-intern", visibility="internal"
    )
    context = browser.new_context(locale="nl-NL", viewport={"width": 390, "height": 844})
    theirs = context.new_page()
    login(theirs, live_server, contact)
    theirs.goto(f"{live_server.url}/inschrijvingen/{enrolment.public_id}/")
    assert theirs.get_by_text("Mooie start met de werkplekbegeleiders.").is_visible()
    assert "GEHEIM-intern" not in theirs.content()
    assert_accessible(theirs)
    context.close()


def test_staff_read_the_file_on_desktop_and_phone(
    page, live_server, contact: User, coach: User, staff: User
) -> None:
    enrolment = running_enrolment(contact.contact.company, coach)
    EnrolmentNote.objects.create(
        enrolment=enrolment,
        author=coach,
        text="Eerste indruk: veel energie.",
        visibility="internal",
    )
    login(page, live_server, staff)
    for width, height in WIDTHS:
        page.set_viewport_size({"width": width, "height": height})
        page.goto(f"{live_server.url}/inschrijvingen/{enrolment.public_id}/dossier/")
        assert page.get_by_role("link", name="Het bedrijf in het beheer").is_visible()
        assert_accessible(page)
        assert fits(page)
