"""The team survey's pages: the respondent's (no account) and the contact's and results."""

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django import Settings

from accounts.models import User
from surveys.models import SurveyResponse, TeamSurvey
from surveys.services import About, response_submit_by_company_link, survey_close
from tests.conftest import client_for
from tests.factories import ParticipantFactory, running_enrolment
from tests.surveys.helpers import answers, mailed_tokens, open_survey

pytestmark = pytest.mark.django_db


def respond_url(survey: TeamSurvey) -> str:
    return reverse("survey_company", args=[survey.company_token])


# --- The respondent ---------------------------------------------------------------------------


def test_a_colleague_answers_through_the_company_link(contact: User, coach: User) -> None:
    survey = open_survey(contact, coach)
    client = Client()

    page = client.get(respond_url(survey))
    assert page.status_code == 200
    content = page.content.decode()
    assert "<fieldset" in content
    assert "<legend" in content
    assert "Ik weet waarom leren belangrijk is" in content

    done = client.post(respond_url(survey), {**answers(5), "group": "employee", "mbo": "yes"})

    assert done.status_code == 302
    assert done["Location"] == reverse("survey_thanks")
    response = SurveyResponse.objects.get()
    assert (response.group, response.is_mbo) == ("employee", True)
    assert client.get(done["Location"]).status_code == 200


def test_bad_input_comes_back_with_a_message_and_saves_nothing(contact: User, coach: User) -> None:
    survey = open_survey(contact, coach)
    incomplete = {**answers(), "careers.talk": "", "group": "director"}

    page = Client().post(respond_url(survey), incomplete)

    assert page.status_code == 200
    assert page.context["form"].errors.keys() == {"careers.talk", "group"}
    assert 'role="alert"' in page.content.decode()
    assert not SurveyResponse.objects.exists()


def test_a_closed_used_or_unknown_link_gets_a_friendly_page(contact: User, coach: User) -> None:
    survey = open_survey(contact, coach)
    ParticipantFactory.create(company=survey.enrolment.company, email="anna@bakkerij.nl")
    [token] = mailed_tokens(lambda: _invite(survey, contact))
    personal = reverse("survey_personal", args=[token])
    client = Client()

    assert client.get(personal).status_code == 200
    assert client.post(personal, answers()).status_code == 302
    used = client.post(personal, answers())
    unknown = client.get(reverse("survey_company", args=["verkeerd"]))
    ParticipantFactory.create(company=survey.enrolment.company, email="bob@bakkerij.nl")
    [unused] = mailed_tokens(lambda: _invite(survey, contact))
    survey_close(survey=survey, by=contact)
    closed = client.get(respond_url(survey))
    closed_personal = client.get(reverse("survey_personal", args=[unused]))

    assert (used.status_code, used.context["problem"]) == (404, "used")
    assert (unknown.status_code, unknown.context["problem"]) == (404, "used")
    assert (closed.status_code, closed.context["problem"]) == (200, "closed")
    assert (closed_personal.status_code, closed_personal.context["problem"]) == (200, "closed")
    assert SurveyResponse.objects.count() == 1


def test_the_public_pages_are_rate_limited(contact: User, coach: User, settings: Settings) -> None:
    settings.SURVEY_RATE_LIMIT = 2
    survey = open_survey(contact, coach)
    client = Client()

    statuses = [client.get(respond_url(survey)).status_code for _ in range(3)]

    assert statuses == [200, 200, 429]


def _invite(survey: TeamSurvey, contact: User) -> None:
    client_for(contact).post(reverse("survey_invite", args=[survey.public_id]))


# --- The contact ------------------------------------------------------------------------------


def test_a_contact_opens_the_survey_and_gets_link_and_poster(contact: User, coach: User) -> None:
    enrolment = running_enrolment(contact.contact.company, coach)
    client = client_for(contact)
    enrolment_page = client.get(reverse("enrolment_detail", args=[enrolment.public_id]))
    open_url = reverse("survey_open", args=[enrolment.public_id, "baseline"])
    assert open_url in enrolment_page.content.decode()

    opened = client.post(open_url)

    survey = TeamSurvey.objects.get()
    assert opened["Location"] == reverse("survey_detail", args=[survey.public_id])
    detail = client.get(opened["Location"]).content.decode()
    assert survey.company_token in detail
    poster = client.get(reverse("survey_poster", args=[survey.public_id])).content.decode()
    assert "<svg" in poster
    assert survey.company_token in poster
    # Asked again, the open page leads to the survey that is there.
    assert client.get(open_url)["Location"] == opened["Location"]


def test_coaches_see_results_but_not_the_links(contact: User, coach: User) -> None:
    survey = open_survey(contact, coach)
    client = client_for(coach)

    assert client.get(reverse("survey_results", args=[survey.public_id])).status_code == 200
    assert client.get(reverse("survey_detail", args=[survey.public_id])).status_code == 404


# --- Results ----------------------------------------------------------------------------------


def results_of(survey: TeamSurvey, user: User) -> object:
    """The results as the page has them, once the survey is closed."""
    TeamSurvey.objects.filter(pk=survey.pk).update(is_open=False, closed_on=survey.opened_on)
    survey.refresh_from_db()
    page = client_for(user).get(reverse("survey_results", args=[survey.public_id]))
    assert page.status_code == 200
    return page.context["results"]


def test_four_responses_show_no_result_and_five_do(contact: User, coach: User) -> None:
    survey = open_survey(contact, coach)
    employee = About(group="employee")
    for _ in range(4):
        response_submit_by_company_link(token=survey.company_token, raw=answers(), about=employee)

    four = results_of(survey, contact)
    assert four.by_group is None  # type: ignore[attr-defined]
    assert four.management_chart is None  # type: ignore[attr-defined]

    TeamSurvey.objects.filter(pk=survey.pk).update(is_open=True, closed_on=None)
    response_submit_by_company_link(token=survey.company_token, raw=answers(), about=employee)
    five = results_of(survey, contact)

    assert five.by_group.columns == ("Iedereen", "Medewerker")  # type: ignore[attr-defined]
    assert five.by_group.counts == (5, 5)  # type: ignore[attr-defined]
    assert five.management_chart is not None  # type: ignore[attr-defined]


def test_a_small_group_is_merged_into_the_total_on_the_page(contact: User, coach: User) -> None:
    survey = open_survey(contact, coach)
    for group, count in (("employee", 5), ("management", 2)):
        for _ in range(count):
            response_submit_by_company_link(
                token=survey.company_token, raw=answers(), about=About(group=group)
            )

    results = results_of(survey, coach)

    assert results.by_group.columns == ("Iedereen",)  # type: ignore[attr-defined]
    assert results.by_group.counts == (7,)  # type: ignore[attr-defined]
    assert results.split_shown is False  # type: ignore[attr-defined]


def test_the_response_rate_counts_active_participants(contact: User, coach: User) -> None:
    survey = open_survey(contact, coach)
    company = survey.enrolment.company
    ParticipantFactory.create_batch(4, company=company)
    ParticipantFactory.create(company=company, is_active=False)
    response_submit_by_company_link(token=survey.company_token, raw=answers(), about=About())

    results = results_of(survey, contact)

    assert (results.responses, results.participants, results.rate) == (1, 4, 25)  # type: ignore[attr-defined]


def test_another_companys_results_are_not_found(
    contact: User, coach: User, other_contact: User
) -> None:
    survey = open_survey(contact, coach)
    url = reverse("survey_results", args=[survey.public_id])

    assert client_for(other_contact).get(url).status_code == 404


def test_no_figures_while_the_survey_is_open(contact: User, coach: User) -> None:
    """Otherwise the results just before and just after one colleague answered would give
    away that colleague's answers."""
    survey = open_survey(contact, coach)
    for _ in range(6):
        response_submit_by_company_link(
            token=survey.company_token, raw=answers(), about=About(group="employee")
        )
    url = reverse("survey_results", args=[survey.public_id])

    page = client_for(contact).get(url)

    results = page.context["results"]
    assert results.responses == 6
    assert results.by_group is None
    assert results.by_education is None
    assert results.management_chart is None
    assert "<svg" not in page.content.decode()
    survey_close(survey=survey, by=contact)
    assert client_for(contact).get(url).context["results"].by_group is not None
