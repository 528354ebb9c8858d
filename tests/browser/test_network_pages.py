"""The pages of this issue's other roles and states are clean under axe-core too.

The facilitator's page of a meeting that took place (attendance, report and file forms),
the network page with shared experiences, the calendar-link page before and after the
link exists, the privacy page and the staff dashboard with its networks table.
"""

import datetime
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from companies.models import Enrolment
from networks.models import Experience, Registration
from tests.factories import EnrolmentFactory, LearningNetworkFactory, MeetingFactory
from tests.fixtures.browser import assert_accessible, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def past_meeting(contact: User, coach: User) -> Any:
    enrolment = EnrolmentFactory.create(
        company=contact.contact.company, status=Enrolment.Status.ACTIVE, lead_coach=coach
    )
    network = LearningNetworkFactory.create(
        edition=enrolment.edition, members=[enrolment], facilitators=[coach]
    )
    meeting = MeetingFactory.create(
        network=network, starts_at=timezone.now() - datetime.timedelta(days=3)
    )
    Registration.objects.create(meeting=meeting, enrolment=enrolment, name="Anna de Vries")
    Experience.objects.create(
        network=network, enrolment=enrolment, author=contact, body="Mentoring werkt."
    )
    return meeting


def visit(page: Any, live_server: Any, name: str, *args: object) -> None:
    page.goto(f"{live_server.url}{reverse(name, args=args)}")
    page.wait_for_load_state()
    assert_accessible(page)


def test_the_facilitators_pages(
    page: Any, live_server: Any, coach: User, past_meeting: Any
) -> None:
    login(page, live_server, coach)
    visit(page, live_server, "meeting_detail", past_meeting.public_id)
    assert page.get_by_role("button", name="Aanwezigheid opslaan").is_visible()
    visit(page, live_server, "network_detail", past_meeting.network.public_id)
    visit(page, live_server, "calendar_feed_page")


def test_the_contacts_calendar_and_privacy_pages(
    page: Any, live_server: Any, contact: User, past_meeting: Any
) -> None:
    login(page, live_server, contact)
    visit(page, live_server, "calendar_feed_page")
    page.get_by_role("button", name="Mijn agendalink maken").click()
    page.wait_for_load_state()
    assert "/agenda/" in page.locator("main input[readonly]").input_value()
    assert_accessible(page)
    visit(page, live_server, "privacy")


def test_the_staff_reach_page_with_networks(
    page: Any, live_server: Any, staff: User, past_meeting: Any
) -> None:
    login(page, live_server, staff)
    visit(page, live_server, "staff_reach")
    assert past_meeting.network.name in page.locator("main").inner_text()
