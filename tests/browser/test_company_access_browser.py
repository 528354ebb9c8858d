"""The access page in a real browser: on a phone-sized screen a contact sees who has access
and revokes an invitation; axe-core finds nothing on the page before and after."""

import pytest

from accounts.models import User
from companies.models import Contact, Invitation
from tests.factories import InvitationFactory, running_enrolment
from tests.fixtures.browser import assert_accessible, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_contact_sees_who_has_access_and_revokes_an_invitation_on_a_phone(
    page, live_server, contact: User, coach: User
) -> None:
    company = contact.contact.company
    running_enrolment(company, coach)
    Contact.objects.filter(user=contact).update(phone="0612345678", position="Eigenaar")
    invitation = InvitationFactory.create(
        company=company, email="collega@example.nl", invited_by=contact
    )
    page.set_viewport_size({"width": 390, "height": 844})
    login(page, live_server, contact)
    page.goto(f"{live_server.url}/bedrijf/toegang/")

    main = page.locator("main")
    assert "0612345678" in main.inner_text()
    assert "collega@example.nl" in main.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert_accessible(page)

    page.get_by_role("button", name="Intrekken").click()
    page.wait_for_load_state()

    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
    assert page.get_by_text("is ingetrokken").is_visible()
    assert "collega@example.nl" not in page.locator("main ul.people").last.inner_text()
    assert_accessible(page)
    assert Invitation.objects.count() == 1
