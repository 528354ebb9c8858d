"""A coach logs a session, and the company sees its bar of coach hours move.

Through a real Chromium: the company contact looks at the hours, the coach signs in (with
TOTP) on a phone, logs a session through the form ticking who took part, changes it,
checks the week overview, and the contact, signed in again, sees the hours used go up,
who took part, and never the private notes. axe-core on every page.
"""

import datetime
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from coaching.models import CoachingSession
from companies.models import Enrolment
from people.models import Education
from tests.factories import (
    CoachingSessionFactory,
    ContactFactory,
    EnrolmentFactory,
    ParticipantFactory,
)
from tests.fixtures.browser import assert_accessible, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TODAY = timezone.localdate()


def submit(page: Any, label: str) -> None:
    page.get_by_role("button", name=label, exact=True).click()
    page.wait_for_load_state()


def log_out(page: Any) -> None:
    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_load_state()


def used_on_the_bar(page: Any, enrolment: Enrolment) -> int:
    return int(page.locator(f"#budget-{enrolment.public_id}").get_attribute("value"))


def assert_fits(page: Any) -> None:
    """Nothing wider than the phone: no sideways scrolling."""
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], width


def test_a_logged_session_moves_the_companys_bar(
    page: Any, live_server: Any, contact: User, coach: User
) -> None:
    enrolment = EnrolmentFactory.create(
        company=contact.contact.company,
        status=Enrolment.Status.ACTIVE,
        start_date=TODAY - datetime.timedelta(days=30),
        end_date=TODAY + datetime.timedelta(days=270),
        lead_coach=coach,
    )
    CoachingSessionFactory.create(enrolment=enrolment, minutes=60, activity="intake")
    company = enrolment.company
    ParticipantFactory.create(company=company, name="Anna de Vries", job_title="Planner")
    ParticipantFactory.create(
        company=company, name="Bram Jansen", job_title="", education=Education.HBO
    )
    ParticipantFactory.create(company=company, name="Cem Yilmaz", job_title="")
    ParticipantFactory.create(name="Van Elders")  # another company's
    hours_page = f"{live_server.url}{reverse('enrolment_sessions', args=[enrolment.public_id])}"

    # The company sees one hour used.
    login(page, live_server, contact)
    assert_accessible(page)
    page.get_by_role("link", name="De coachsessies bekijken").click()
    page.wait_for_load_state()
    assert page.url == hours_page
    assert used_on_the_bar(page, enrolment) == 60
    assert_accessible(page)
    log_out(page)

    # The coach, on a phone, logs an hour and a half from the dashboard and ticks who
    # took part: the company's people come in when the company is chosen (htmx).
    page.set_viewport_size({"width": 390, "height": 844})
    login(page, live_server, coach)
    assert_accessible(page)
    page.get_by_role("link", name="Sessie registreren").click()
    page.wait_for_load_state()
    assert_accessible(page)
    assert page.get_by_label("Anna de Vries (Planner)").count() == 0
    page.locator("#id_enrolment").select_option(label=str(enrolment.company))
    page.get_by_label("Anna de Vries (Planner)").check()
    page.get_by_label("Bram Jansen").check()
    assert page.get_by_label("Van Elders").count() == 0
    assert_accessible(page)
    assert_fits(page)
    page.get_by_label("Duur").select_option(label="1 uur 30 min")
    page.get_by_label("Activiteit").select_option(label="Teamsessie")
    page.locator("#id_summary").fill("Teamsessie over leren op de werkvloer.")
    page.locator("#id_private_notes").fill("GEHEIM-NOTITIE")
    submit(page, "Sessie opslaan")
    assert page.url == hours_page
    assert "Er is nog 117 uur 30 min van het budget over." in page.locator("main").inner_text()
    assert used_on_the_bar(page, enrolment) == 150
    assert "Anna de Vries, Bram Jansen" in page.locator("main").inner_text()
    assert_accessible(page)
    assert_fits(page)
    session = CoachingSession.objects.get(activity="team_session")
    assert (session.coach, session.minutes) == (coach, 90)
    assert (session.participants, session.mbo_participants) == (2, 1)

    # Changing it: the form shows them ticked; one more, and the counts follow.
    page.goto(f"{live_server.url}{reverse('session_edit', args=[session.public_id])}")
    assert page.get_by_label("Anna de Vries (Planner)").is_checked()
    page.get_by_label("Cem Yilmaz").check()
    assert_accessible(page)
    assert_fits(page)
    submit(page, "Sessie opslaan")
    session.refresh_from_db()
    assert (session.participants, session.mbo_participants) == (3, 2)
    page.set_viewport_size({"width": 1280, "height": 900})

    page.goto(f"{live_server.url}{reverse('coach_week')}")
    assert "Teamsessie" in page.locator("main").inner_text()
    assert_accessible(page)
    log_out(page)

    # The company sees the bar move, the summary, and never the private notes.
    login(page, live_server, contact)
    page.goto(hours_page)
    assert used_on_the_bar(page, enrolment) == 150
    text = page.locator("main").inner_text()
    assert "Teamsessie over leren op de werkvloer." in text
    assert "Anna de Vries, Bram Jansen, Cem Yilmaz" in text  # their own people
    assert "GEHEIM-NOTITIE" not in page.content()
    assert_accessible(page)


def test_the_coach_sees_each_company_at_a_glance_and_beside_the_form(
    page: Any, live_server: Any, coach: User
) -> None:
    """Contact, hours, pace and next step per company on the dashboard; choosing a company
    on the session form brings its card in (htmx). At desktop and phone widths."""
    first = EnrolmentFactory.create(
        company=ContactFactory.create(
            company__legal_name="Bakkerij Jansen B.V.",
            user__full_name="Sanne de Vries",
            phone="0314123456",
        ).company,
        status=Enrolment.Status.ACTIVE,
        start_date=TODAY - datetime.timedelta(days=30),
        end_date=TODAY + datetime.timedelta(days=270),
        lead_coach=coach,
    )
    CoachingSessionFactory.create(enrolment=first, minutes=150)
    second = EnrolmentFactory.create(
        company=ContactFactory.create(
            company__legal_name="Metaal Oost B.V.", user__full_name="Joost Bakker"
        ).company,
        status=Enrolment.Status.ACTIVE,
        start_date=TODAY - datetime.timedelta(days=30),
        end_date=TODAY + datetime.timedelta(days=270),
        lead_coach=coach,
    )
    login(page, live_server, coach)
    for width, height in ((1280, 900), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        page.goto(f"{live_server.url}{reverse('coach_dashboard')}")
        card = page.locator(".company-card", has_text="Bakkerij Jansen B.V.")
        assert card.get_by_role("link", name="0314123456").get_attribute("href") == (
            "tel:0314123456"
        )
        assert "2 uur 30 min gebruikt van 120 uur" in card.inner_text()
        assert "Op schema" in card.inner_text()
        assert_accessible(page)
        assert_fits(page)

        # The next step leads to the form, with the company and its card.
        step = card.get_by_role("link", name="Behoefteanalyse (nulmeting) met het bedrijf")
        assert step.get_attribute("href") == reverse("enrolment_detail", args=[first.public_id])
        page.goto(f"{live_server.url}{reverse('session_create')}?enrolment={first.public_id}")
        panel = page.locator("#company-card")
        assert "Sanne de Vries" in panel.inner_text()
        assert_accessible(page)
        assert_fits(page)

        # Another company chosen: its card comes in instead.
        page.locator("#id_enrolment").select_option(label="Metaal Oost B.V.")
        page.locator("#company-card", has_text="Joost Bakker").wait_for()
        assert "Sanne de Vries" not in panel.inner_text()
        assert "0 min gebruikt van 120 uur" in panel.inner_text()
        assert_accessible(page)
        assert_fits(page)
    assert second.company.legal_name == "Metaal Oost B.V."
