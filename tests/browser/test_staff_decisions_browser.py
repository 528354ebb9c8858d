"""The staff's decisions in a real browser: a coach asks for extra hours and staff refuse
them on a phone; staff accept an enrolment from the dashboard's queue. axe-core finds
nothing on any of the pages, at desktop and phone widths."""

import pytest

from accounts.models import User
from coaching.models import BudgetAdjustment
from companies.models import Enrolment
from tests.factories import EnrolmentFactory, running_enrolment
from tests.fixtures.browser import action, assert_accessible, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_coach_asks_and_staff_refuse_on_a_phone(
    browser, page, live_server, contact: User, coach: User, staff: User
) -> None:
    enrolment = running_enrolment(contact.contact.company, coach)
    page.set_viewport_size({"width": 390, "height": 844})
    login(page, live_server, coach)
    page.goto(f"{live_server.url}/inschrijvingen/{enrolment.public_id}/uren/")
    page.get_by_role("link", name="Extra uren aanvragen").click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.get_by_label("Hoeveel extra uren").select_option("8")
    page.get_by_label("Waarom het bedrijf ze nodig heeft").fill("De BBL-trajecten lopen door.")
    page.get_by_role("button", name="Aanvraag versturen").click()
    page.wait_for_load_state()
    assert page.get_by_text("wacht op het programmabureau").is_visible()
    request = BudgetAdjustment.objects.get()

    staff_page = browser.new_context(locale="nl-NL", viewport={"width": 390, "height": 844})
    decide = staff_page.new_page()
    login(decide, live_server, staff)
    decide.get_by_role("link", name="Extra uren aangevraagd").click()
    decide.wait_for_load_state()
    assert decide.get_by_text(f"{enrolment.company}: 8 uur").is_visible()
    decide.get_by_role("link", name=action("Besluiten", f"{enrolment.company}")).click()
    decide.wait_for_load_state()
    assert_accessible(decide)
    assert decide.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    decide.get_by_label("Waarom niet").fill("Eerst de lopende acties afronden.")
    decide.get_by_role("button", name="Aanvraag weigeren").click()
    decide.wait_for_load_state()
    staff_page.close()

    request.refresh_from_db()
    assert request.refused_at is not None
    assert request.refusal_reason == "Eerst de lopende acties afronden."


def test_staff_decide_on_an_enrolment_from_the_dashboard(
    page, live_server, staff: User, coach: User
) -> None:
    enrolment = EnrolmentFactory.create(
        company__legal_name="Garage Oost", status=Enrolment.Status.SUBMITTED
    )
    login(page, live_server, staff)
    for width, height in ((1280, 900), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        page.goto(f"{live_server.url}/staf/")
        assert_accessible(page)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        page.get_by_role("link", name=action("Besluiten", "Garage Oost")).click()
        page.wait_for_load_state()
        assert_accessible(page)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.get_by_role("button", name="Accepteren").click()
    page.wait_for_load_state()

    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.ACCEPTED
    assert page.get_by_text("Er wacht geen inschrijving op een besluit.").is_visible()

    # Accepted, it waits for a lead coach: the next queue.
    page.get_by_role("link", name="Geaccepteerd, zonder coach").click()
    page.wait_for_load_state()
    page.get_by_role("link", name=action("Coach kiezen", "Garage Oost")).click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.get_by_label("Hoofdcoach").select_option(str(coach.pk))
    page.get_by_role("button", name="Hoofdcoach maken").click()
    page.wait_for_load_state()
    enrolment.refresh_from_db()
    assert enrolment.lead_coach == coach
    assert page.get_by_text("Elk geaccepteerd bedrijf heeft een hoofdcoach.").is_visible()
