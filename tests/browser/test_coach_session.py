"""A coach logs a session, and the company sees its bar of coach hours move.

Through a real Chromium: the company contact looks at the hours, the coach signs in (with
TOTP), logs a session through the form, checks the week overview, and the contact, signed
in again, sees the hours used go up and never the private notes. axe-core on every page.
"""

import datetime
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from coaching.models import CoachingSession
from companies.models import Enrolment
from tests.factories import CoachingSessionFactory, EnrolmentFactory
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

    # The coach logs an hour and a half from the dashboard.
    login(page, live_server, coach)
    assert_accessible(page)
    page.get_by_role("link", name="Sessie registreren").click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.locator("#id_enrolment").select_option(label=str(enrolment.company))
    page.get_by_label("Duur").select_option(label="1 uur 30 min")
    page.get_by_label("Activiteit").select_option(label="Teamsessie")
    page.locator("#id_participants").fill("6")
    page.get_by_label("Van wie mbo-opgeleid").fill("4")
    page.locator("#id_summary").fill("Teamsessie over leren op de werkvloer.")
    page.locator("#id_private_notes").fill("GEHEIM-NOTITIE")
    submit(page, "Sessie opslaan")
    assert page.url == hours_page
    assert "Er is nog 117 uur 30 min van het budget over." in page.locator("main").inner_text()
    assert used_on_the_bar(page, enrolment) == 150
    assert_accessible(page)
    session = CoachingSession.objects.get(activity="team_session")
    assert (session.coach, session.minutes, session.mbo_participants) == (coach, 90, 4)

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
    assert "GEHEIM-NOTITIE" not in page.content()
    assert_accessible(page)
