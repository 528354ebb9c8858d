"""The team survey in a real Chromium: a colleague answers on a 390 px phone through the
company link; the contact opens the survey, prints the poster and reads the results.
axe-core finds nothing on any of the pages."""

from typing import Any

import pytest
from django.urls import reverse

from accounts.models import User
from surveys.instrument import get_instrument
from surveys.models import SurveyResponse, TeamSurvey
from surveys.services import About, response_submit_by_company_link, survey_close
from tests.factories import running_enrolment
from tests.fixtures.browser import assert_accessible, login
from tests.surveys.helpers import answers, open_survey

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fits_the_screen(page: Any) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))


def test_a_colleague_answers_on_a_phone(
    page: Any, live_server: Any, contact: User, coach: User
) -> None:
    survey = open_survey(contact, coach)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}{reverse('survey_company', args=[survey.company_token])}")
    assert_accessible(page)
    assert fits_the_screen(page)

    page.get_by_role("button", name="Mijn antwoorden versturen").click()
    page.wait_for_load_state()
    assert page.get_by_role("alert").first.is_visible()
    assert_accessible(page)
    assert not SurveyResponse.objects.exists()

    for statement in get_instrument().statements():
        page.locator(f'input[name="{statement.key}"][value="4"]').check()
    page.get_by_role("radio", name="Medewerker").check()
    page.get_by_role("button", name="Mijn antwoorden versturen").click()
    page.wait_for_load_state()

    assert page.get_by_role("heading", name="Bedankt!").is_visible()
    assert_accessible(page)
    assert SurveyResponse.objects.get().group == "employee"

    survey_close(survey=survey, by=contact)
    page.goto(f"{live_server.url}{reverse('survey_company', args=[survey.company_token])}")
    assert page.get_by_role("heading", name="De medewerkerspeiling is gesloten").is_visible()
    assert_accessible(page)


def test_the_contact_opens_the_survey_prints_the_poster_and_reads_results(
    page: Any, live_server: Any, contact: User, coach: User
) -> None:
    enrolment = running_enrolment(contact.contact.company, coach)
    page.set_viewport_size({"width": 390, "height": 844})
    login(page, live_server, contact)
    page.goto(f"{live_server.url}{reverse('survey_open', args=[enrolment.public_id, 'baseline'])}")
    assert_accessible(page)
    page.get_by_role("button", name="Medewerkerspeiling openen").click()
    page.wait_for_load_state()
    assert_accessible(page)
    assert fits_the_screen(page)

    survey = TeamSurvey.objects.get()
    page.get_by_role("link", name="Poster met QR-code printen").click()
    page.wait_for_load_state()
    assert page.locator(".qr-code svg").is_visible()
    assert_accessible(page)

    for group, count in (("employee", 5), ("management", 5)):
        for _ in range(count):
            response_submit_by_company_link(
                token=survey.company_token, raw=answers(), about=About(group=group)
            )
    final = TeamSurvey.objects.create(
        enrolment=enrolment,
        kind=TeamSurvey.Kind.FINAL,
        instrument_version=survey.instrument_version,
        company_token="bedrijfslink-eindmeting",
        opened_on=survey.opened_on,
    )
    for _ in range(5):
        response_submit_by_company_link(token=final.company_token, raw=answers(5), about=About())
    for measured in (survey, final):
        survey_close(survey=measured, by=contact)
    page.goto(f"{live_server.url}{reverse('survey_results', args=[survey.public_id])}")
    assert page.locator("svg[role=img]").first.is_visible()
    assert page.get_by_role("heading", name="Nulmeting naast eindmeting").is_visible()
    assert page.get_by_role("columnheader", name="Medewerker").first.is_visible()
    assert_accessible(page)
    assert fits_the_screen(page)
