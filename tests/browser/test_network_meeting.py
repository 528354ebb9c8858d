"""A contact registers two people for a meeting, cancels one, and one checks in at the door.

Through a real Chromium: the network page, the meeting page with its registration form,
the cancel button, then (signed out, as on a phone at the door) the check-in page the QR
code leads to, and the facilitator's QR page. axe-core on every page.
"""

import datetime
import re
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from companies.models import Enrolment
from networks.models import LearningNetwork, Meeting, Registration
from tests.factories import EnrolmentFactory
from tests.fixtures.browser import assert_accessible, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def click(page: Any, role: str, name: str) -> None:
    page.get_by_role(role, name=name, exact=True).first.click()
    page.wait_for_load_state()


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

    login(page, live_server, contact)
    click(page, "link", "Netwerken")
    assert_accessible(page)
    click(page, "link", "Netwerk De Liemers")
    assert_accessible(page)
    click(page, "link", "Leren van elkaar")
    assert_accessible(page)

    page.get_by_label("Naam").fill("Anna de Vries")
    page.get_by_label("Opgeleid op mbo-niveau").check()
    click(page, "button", "Aanmelden")
    page.get_by_label("Naam").fill("Bram Jansen")
    click(page, "button", "Aanmelden")
    main = page.locator("main").inner_text()
    assert "Bram Jansen staat op de wachtlijst" in main
    assert_accessible(page)

    page.get_by_role("button", name=re.compile(r"^Annuleren\W+Anna de Vries$")).click()
    page.wait_for_load_state()
    assert "De aanmelding van Anna de Vries is geannuleerd." in page.locator("main").inner_text()
    bram = Registration.objects.get(name="Bram Jansen")
    assert bram.status == Registration.Status.REGISTERED
    assert_accessible(page)
    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_load_state()

    # At the door, on a phone, without an account.
    page.set_viewport_size({"width": 390, "height": 844})
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
    assert "u bent ingecheckt" in page.locator("main").inner_text()
    assert_accessible(page)
    bram.refresh_from_db()
    assert bram.attended is True

    # The facilitator's page with the QR code for the door.
    page.set_viewport_size({"width": 1280, "height": 900})
    login(page, live_server, coach)
    page.goto(f"{live_server.url}{reverse('meeting_qr', args=[meeting.public_id])}")
    assert page.locator("main svg").count() == 1
    assert_accessible(page)
