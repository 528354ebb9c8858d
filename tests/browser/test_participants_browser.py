"""The participants' pages in a real browser: a contact confirms, lists and erases a person
on a phone-sized screen; axe-core finds nothing on any of the pages."""

import pytest

from accounts.models import User
from people.models import Participant
from tests.factories import running_enrolment
from tests.fixtures.browser import assert_accessible, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_contact_lists_and_erases_a_person_on_a_phone(
    page, live_server, contact: User, coach: User
) -> None:
    enrolment = running_enrolment(contact.contact.company, coach)
    page.set_viewport_size({"width": 390, "height": 844})
    login(page, live_server, contact)
    page.goto(f"{live_server.url}/inschrijvingen/{enrolment.public_id}/deelnemers/")
    assert_accessible(page)

    page.get_by_label("Ik heb de mensen die ik hier noem verteld").check()
    page.get_by_role("button", name="Bevestigen").click()
    page.wait_for_load_state()
    page.get_by_label("Naam").fill("Anna de Vries")
    page.get_by_label("Functie").fill("Bakker")
    page.get_by_label("Medewerker").check()
    page.get_by_label("Opleiding").select_option("mbo3")
    page.get_by_role("button", name="Persoon toevoegen").click()
    page.wait_for_load_state()
    assert page.get_by_role("link", name="Anna de Vries").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert_accessible(page)

    page.get_by_role("link", name="Anna de Vries").click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.get_by_role("link", name="Naam en gegevens wissen").click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.get_by_role("button", name="Voorgoed wissen").click()
    page.wait_for_load_state()

    assert Participant.objects.get().erased_at is not None
    assert page.get_by_text("zijn gewist").is_visible()
