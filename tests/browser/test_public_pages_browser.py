"""The public side in a real Chromium: axe-core finds nothing on any public page, on a wide
screen and on a phone, and a visitor without JavaScript reads the home page, folds open the
menu and gets the eligibility check's answer, with the way into sign-up."""

import datetime
from collections.abc import Iterator
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from companies.models import Region
from tests.factories import EditionFactory, EnrolmentFactory
from tests.fixtures.browser import LOCALE, assert_accessible
from tests.programme.test_settings import today
from website.pages import PAGES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
WIDE = {"width": 1280, "height": 900}


@pytest.fixture
def programme_world() -> None:
    """What a running programme has (a transactional test starts without the data that
    migrations seed): its settings and questions, regions, an edition with places taken."""
    today()
    for name in ("Achterhoek", "Rivierenland"):
        Region.objects.get_or_create(name=name)
    edition = EditionFactory.create(name="Editie Rivierenland", places=12)
    EnrolmentFactory.create_batch(3, edition=edition, status="accepted")
    coming = timezone.localdate() + datetime.timedelta(days=90)
    EditionFactory.create(name="Editie Najaar", enrolment_opens=coming, enrolment_closes=coming)


def paths(language: str) -> list[str]:
    with translation.override(language):
        return [reverse(name) for name in PAGES]


@pytest.mark.usefixtures("programme_world")
@pytest.mark.parametrize("viewport", [WIDE, PHONE], ids=["1280", "390"])
def test_every_public_page_is_accessible(page: Any, live_server: Any, viewport: Any) -> None:
    page.set_viewport_size(viewport)
    answers = f"{reverse('eligibility_check')}?medewerkers=400&regio=elders"
    for path in [*paths("nl"), answers]:
        page.goto(f"{live_server.url}{path}")
        assert_accessible(page)
    for path in paths("en"):
        page.goto(f"{live_server.url}{path}")
        assert page.locator("html").get_attribute("lang") == "en"
        assert_accessible(page)


@pytest.mark.parametrize("viewport", [WIDE, PHONE], ids=["1280", "390"])
def test_the_404_page_is_accessible(page: Any, live_server: Any, viewport: Any) -> None:
    page.set_viewport_size(viewport)
    url = f"{live_server.url}/bestaat-niet/"
    page.goto(url)
    # Chromium reports the page's own status as a console error: the one problem expected.
    status = "the server responded with a status of 404 (Not Found)"
    assert page.problems.take() == [f"console error: Failed to load resource: {status} ({url})"]
    assert page.locator("h1").inner_text() == "Pagina niet gevonden"
    assert_accessible(page)


@pytest.mark.usefixtures("programme_world")
def test_the_folded_menu_opens_on_a_phone_and_is_accessible(page: Any, live_server: Any) -> None:
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/")
    menu = page.get_by_role("navigation", name="Hoofdmenu")
    costs = menu.get_by_role("link", name="Kosten")
    assert not costs.is_visible()

    menu.locator("summary").click()
    assert costs.is_visible()
    assert_accessible(page)
    costs.click()
    page.wait_for_url(f"{live_server.url}{reverse('public_costs')}")


@pytest.fixture
def no_script(browser: Any) -> Iterator[Any]:
    """A visitor whose browser runs no JavaScript."""
    context = browser.new_context(java_script_enabled=False, locale=LOCALE, viewport=PHONE)
    yield context.new_page()
    context.close()


@pytest.mark.usefixtures("programme_world")
def test_without_javascript_the_home_page_leads_to_an_answer_and_sign_up(
    no_script: Any, live_server: Any
) -> None:
    page = no_script
    page.goto(f"{live_server.url}/")
    assert page.locator("h1").inner_text() == "Leercultuur MKB"
    assert "9 van 12" in page.locator("main").inner_text()
    page.locator("summary").click()  # the menu folds open without script
    assert page.get_by_role("link", name="Vragen").first.is_visible()

    page.get_by_role("link", name="Kan mijn bedrijf meedoen?").click()
    page.get_by_label("Hoeveel mensen werken er bij uw bedrijf?").fill("veel")
    page.get_by_role("button", name="Bekijk de uitkomst").click()
    page.wait_for_load_state()
    assert page.get_by_text("Vul een heel getal in, bijvoorbeeld 35.").is_visible()

    page.get_by_label("Hoeveel mensen werken er bij uw bedrijf?").fill("35")
    page.get_by_label("Achterhoek").check()
    page.get_by_role("button", name="Bekijk de uitkomst").click()
    page.wait_for_load_state()
    answer = page.locator("#antwoord")
    assert answer.locator("h2").inner_text() == "Uw bedrijf kan meedoen"
    assert "Er zijn nog 9 plaatsen vrij." in answer.inner_text()

    answer.get_by_role("link", name="Aanmelden").click()
    page.wait_for_load_state()
    assert page.url == f"{live_server.url}/accounts/signup/?next=%2Finschrijven%2F"
    assert page.locator("h1").inner_text() == "Maak een account aan"
    assert page.locator('main input[name="next"]').get_attribute("value") == "/inschrijven/"


@pytest.mark.usefixtures("programme_world")
def test_without_javascript_the_check_says_why_not(no_script: Any, live_server: Any) -> None:
    page = no_script
    page.goto(f"{live_server.url}{reverse('eligibility_check')}")
    page.get_by_label("Hoeveel mensen werken er bij uw bedrijf?").fill("300")
    page.get_by_label("Ergens anders, buiten Gelderland").check()
    page.get_by_role("button", name="Bekijk de uitkomst").click()
    page.wait_for_load_state()

    answer = page.locator("#antwoord").inner_text()
    assert "Uw bedrijf kan niet meedoen" in answer
    assert "minder dan 250 mensen" in answer
    assert "in Gelderland zijn gevestigd" in answer
    assert "medewerkers=300" in page.url
