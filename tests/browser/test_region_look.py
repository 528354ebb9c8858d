"""Another region's look: its logo, colours and contact details keep the pages clean for
axe-core and within a phone's width, and the logo loads under the real CSP."""

import pytest
from django.core.files.base import ContentFile

from accounts.models import User
from programme.models import Programme
from programme.selectors import forget
from tests.browser.test_action_people_browser import fits
from tests.fixtures.browser import assert_accessible, login
from tests.programme.test_region import ELSEWHERE, png
from tests.programme.test_settings import today

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def elsewhere() -> None:
    today()  # a transactional test empties the tables: the row as the migration makes it
    Programme.objects.update(**ELSEWHERE)
    Programme.objects.get().logo.save("twente.png", ContentFile(png()))
    forget()


@pytest.mark.parametrize("width", [1280, 390])
def test_the_regions_pages_are_clean_and_fit(
    page, live_server, contact: User, elsewhere: None, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 844})
    page.goto(f"{live_server.url}/accounts/login/")
    logo = page.locator(".site-name__logo")
    assert logo.evaluate("image => image.complete && image.naturalWidth") == 60
    assert "Leren Werkt Twente" in page.title()
    assert_accessible(page)
    assert fits(page)

    login(page, live_server, contact)
    assert "Leren Werkt Twente" in page.locator("main").inner_text()
    assert_accessible(page)
    assert fits(page)
