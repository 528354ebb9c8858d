"""A contact registers two people for a meeting, cancels one, and one checks in at the door.

Through a real Chromium on a phone (390 px wide): the network page, the meeting page with
its registration form (one person from the company's list, one added on the spot), the
cancel button, then (signed out, at the door) the check-in page the QR code leads to, and
the facilitator's QR page and attendance list. axe-core on every page.
"""

import datetime
import re
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from companies.models import Enrolment
from leercultuur.outbox.models import Mail
from networks.models import LearningNetwork, Meeting, Registration
from people.models import Education, Group, Participant, PeopleInformed
from tests.factories import EnrolmentFactory
from tests.fixtures.browser import assert_accessible, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def click(page: Any, role: str, name: str) -> None:
    page.get_by_role(role, name=name, exact=True).first.click()
    page.wait_for_load_state()


def assert_fits(page: Any) -> None:
    """Nothing wider than the phone: no sideways scrolling."""
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], width


def test_register_cancel_and_check_in(
    page: Any, live_server: Any, contact: User, coach: User
) -> None:
    enrolment = EnrolmentFactory.create(
        company=contact.contact.company, status=Enrolment.Status.ACTIVE
    )
    network = LearningNetwork.objects.create(edition=enrolment.edition, name="Netwerk De Liemers")
    network.members.add(enrolment)
    network.facilitators.add(coach)
    starts = timezone.now() + datetime.timedelta(minutes=30)
    meeting = Meeting.objects.create(
        network=network,
        theme="Leren van elkaar",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        location="Zevenaar, Raadhuisplein 1",
        agenda="Ontvangst\nRondgang",
        capacity=1,
    )

    PeopleInformed.objects.create(company=enrolment.company, confirmed_by=contact)
    Participant.objects.create(
        company=enrolment.company,
        name="Anna de Vries",
        job_title="Planner",
        group=Group.EMPLOYEE,
        education=Education.MBO3,
        email="anna@example.nl",
    )

    page.set_viewport_size({"width": 390, "height": 844})
    login(page, live_server, contact)
    click(page, "link", "Netwerken")
    assert_accessible(page)
    click(page, "link", "Netwerk De Liemers")
    assert_accessible(page)
    click(page, "link", "Leren van elkaar")
    assert_accessible(page)
    assert_fits(page)

    page.get_by_label("Anna de Vries (Planner)").check()
    click(page, "button", "Aanmelden")
    assert "Anna de Vries is aangemeld." in page.locator("main").inner_text()
    # Someone not on the list yet: added to it, and registered (the meeting is full now).
    page.locator("#id_name").fill("Bram Jansen")
    page.locator("#id_group input[value=employee]").check()
    page.locator("#id_education").select_option("mbo2")
    click(page, "button", "Toevoegen en aanmelden")
    main = page.locator("main").inner_text()
    assert "Bram Jansen staat op de wachtlijst" in main
    assert_accessible(page)
    assert_fits(page)
    bram = Participant.objects.get(name="Bram Jansen")
    assert (bram.company, bram.is_mbo) == (enrolment.company, True)
    assert Mail.objects.filter(to="anna@example.nl", kind="meeting_registration").exists()

    page.get_by_role("button", name=re.compile(r"^Annuleren\W+Anna de Vries$")).click()
    page.wait_for_load_state()
    assert "De aanmelding van Anna de Vries is geannuleerd." in page.locator("main").inner_text()
    registration = Registration.objects.get(participant=bram)
    assert registration.status == Registration.Status.REGISTERED
    assert_accessible(page)
    # Anna is on the list to choose again.
    assert page.get_by_label("Anna de Vries (Planner)").count() == 1
    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_load_state()

    # At the door, on a phone, without an account.
    page.goto(f"{live_server.url}{reverse('checkin', args=[meeting.checkin_token])}")
    assert_accessible(page)
    # Typed, not chosen: the page lists no member companies.
    assert page.locator("main select").count() == 0
    assert enrolment.company.legal_name not in page.locator("main").inner_text()
    page.get_by_label("Uw naam").fill("Bram Jansen")
    page.get_by_label("Naam van uw bedrijf").fill("Een Ander Bedrijf")
    click(page, "button", "Ik ben er")
    assert "We kunnen deze naam en dit bedrijf niet vinden" in page.locator("main").inner_text()
    assert_accessible(page)
    page.get_by_label("Uw naam").fill("bram jansen")
    page.get_by_label("Naam van uw bedrijf").fill(f" {enrolment.company.legal_name.upper()} ")
    click(page, "button", "Ik ben er")
    assert "Bram Jansen, u bent ingecheckt" in page.locator("main").inner_text()
    assert_accessible(page)
    registration.refresh_from_db()
    assert registration.attended is True

    # The facilitator's page with the QR code for the door.
    page.set_viewport_size({"width": 1280, "height": 900})
    login(page, live_server, coach)
    page.goto(f"{live_server.url}{reverse('meeting_qr', args=[meeting.public_id])}")
    assert page.locator("main svg").count() == 1
    assert_accessible(page)

    # Once it has begun, the facilitator's attendance list names the person on the list.
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=timezone.now())
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}{reverse('meeting_detail', args=[meeting.public_id])}")
    present = page.get_by_label("Aanwezig: Bram Jansen")
    assert present.is_checked()  # checked in at the door
    assert_accessible(page)
    assert_fits(page)
    present.uncheck()
    click(page, "button", "Aanwezigheid opslaan")
    registration.refresh_from_db()
    assert registration.attended is False
