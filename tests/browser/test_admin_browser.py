"""Staff take an enrolment's next step from its admin page: the page and the confirmation
it asks for are clean for axe-core and usable at 390 px, and confirming does the step."""

import pytest
from django.urls import reverse

from accounts.models import User
from companies.models import Enrolment
from tests.factories import EnrolmentFactory
from tests.fixtures.browser import assert_accessible, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = (1280, 390)


def assert_fits(page) -> None:
    """Nothing sticks out sideways: the page needs no horizontal scrolling."""
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0


def test_reject_from_the_enrolment_page_asks_first(page, live_server, staff: User) -> None:
    enrolment = EnrolmentFactory.create(company__legal_name="Bakkerij Jansen")
    change = reverse("admin:companies_enrolment_change", args=[enrolment.pk])
    login(page, live_server, staff)

    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{live_server.url}{change}")
        assert "Bakkerij Jansen" in page.locator("#content").inner_text()
        assert_accessible(page)
        assert_fits(page)

    page.get_by_role("button", name="Afwijzen").click()
    page.wait_for_load_state()
    assert "kan niet worden heropend" in page.locator("#content").inner_text()
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        assert_accessible(page)
        assert_fits(page)
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.SUBMITTED

    page.get_by_role("button", name="Ja, doorgaan").click()
    page.wait_for_load_state()

    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.REJECTED
