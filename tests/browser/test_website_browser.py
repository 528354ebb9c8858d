"""The website's results, stories and library in a real browser: axe-core finds nothing and
nothing is wider than a 390 px phone; the company's consent page likewise."""

from typing import Any

import pytest

from accounts.models import User
from companies.models import Enrolment
from networks.models import Experience
from networks.services import experience_moderate, experience_share
from tests.factories import EditionFactory, EnrolmentFactory, LearningNetworkFactory
from tests.fixtures.browser import assert_accessible, login
from tests.reports.conftest import measured
from website.models import Story
from website.results import MIN_COMPANIES, results_refresh
from website.services import story_consent_give, story_publish, story_save

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = [1280, 390]


@pytest.fixture
def shown(contact: User, coach: User, staff: User) -> Story:
    """Five measured companies (results with a change per dimension), a published story
    and an experience in the library."""
    edition = EditionFactory.create(name="Editie Vallei")
    own = EnrolmentFactory.create(
        edition=edition, company=contact.contact.company, status=Enrolment.Status.ACTIVE
    )
    others = [
        EnrolmentFactory.create(edition=edition, status=Enrolment.Status.ACTIVE)
        for _ in range(MIN_COMPANIES - 1)
    ]
    for enrolment in (own, *others):
        measured(enrolment, coach, baseline=2, final=4)
    results_refresh()
    story = story_save(
        enrolment=own,
        by=staff,
        title="Een maatje voor elke nieuwe collega",
        body="Nieuwe collega's leren nu van een vast maatje.",
        quote="We leren van elkaar.",
        quote_by="Ilse, leidinggevende",
        show_chart=True,
    )
    story_consent_give(story=story, by=contact)
    story_publish(story=story)
    network = LearningNetworkFactory.create(edition=edition, members=[own])
    experience = Experience.objects.create(
        network=network, author=contact, enrolment=own, body="Een leeravond per maand werkt."
    )
    experience_share(experience=experience, by=contact, shared=True)
    experience_moderate(experience=experience, by=staff, approve=True)
    return story


def fits(page: Any, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 844 if width < 500 else 900})
    page.reload()
    assert_accessible(page)
    wide = page.evaluate("() => document.documentElement.scrollWidth")
    culprits = page.evaluate(
        "(w) => [...document.querySelectorAll('body *')]"
        ".filter(e => e.getBoundingClientRect().right > w + 1)"
        ".slice(0, 5).map(e => e.tagName + '.' + e.className)",
        width,
    )
    assert wide <= width, f"{page.url} is {wide} px wide at {width} px: {culprits}"


@pytest.mark.parametrize("width", WIDTHS)
def test_results_stories_and_library_are_accessible(
    page: Any, live_server: Any, shown: Story, width: int
) -> None:
    for path in (
        "/resultaten/",
        "/verhalen/",
        f"/verhalen/{shown.public_id}/",
        "/goede-voorbeelden/",
        "/en/resultaten/",
    ):
        page.goto(f"{live_server.url}{path}")
        fits(page, width)
    page.goto(f"{live_server.url}/resultaten/")
    assert page.get_by_text("Editie Vallei").first.is_visible()


@pytest.mark.parametrize("width", WIDTHS)
def test_the_consent_page_is_accessible(
    page: Any, live_server: Any, shown: Story, contact: User, width: int
) -> None:
    login(page, live_server, contact)
    page.goto(f"{live_server.url}/verhalen/{shown.public_id}/toestemming/")
    fits(page, width)
    page.get_by_role("button", name="Toestemming intrekken").click()
    page.wait_for_load_state()
    assert page.get_by_text("U hebt uw toestemming ingetrokken").is_visible()
    assert_accessible(page)
