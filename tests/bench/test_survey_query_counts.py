"""The team survey's pages make the same number of queries whatever the number of people
and responses: the respondent's page, the contact's page and the results."""

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from surveys.models import SurveyInvitation, SurveyResponse, TeamSurvey
from tests.bench.test_query_counts import MAX_QUERIES
from tests.conftest import client_for
from tests.factories import ParticipantFactory
from tests.surveys.helpers import answers, open_survey

pytestmark = pytest.mark.django_db
GROUPS = ("management", "employee", "")


def add_people_and_responses(survey: TeamSurvey, final: TeamSurvey, count: int) -> None:
    """``count`` more participants (mailed a link), and as many responses to both surveys."""
    scores = {key: int(value) for key, value in answers(4).items()}
    today = timezone.localdate()
    for index in range(count):
        person = ParticipantFactory.create(
            company=survey.enrolment.company, email=f"p{survey.pk}-{index}-{count}@bedrijf.nl"
        )
        SurveyInvitation.objects.create(survey=survey, participant=person, invited_on=today)
        for measured in (survey, final):
            SurveyResponse.objects.create(
                survey=measured,
                group=GROUPS[index % 3],
                is_mbo=index % 2 == 0,
                answers=scores,
                submitted_on=today,
            )


PAGES: list[tuple[str, Callable[[TeamSurvey, User], tuple[Client, str]]]] = [
    (
        "survey page",
        lambda s, _contact: (Client(), reverse("survey_company", args=[s.company_token])),
    ),
    (
        "results page",
        lambda s, contact: (client_for(contact), reverse("survey_results", args=[s.public_id])),
    ),
    (
        "contact's survey page",
        lambda s, contact: (client_for(contact), reverse("survey_detail", args=[s.public_id])),
    ),
]


def opened(client: Client, url: str, assert_max: Any) -> int:
    assert client.get(url).status_code == 200
    with assert_max(MAX_QUERIES) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize(("page", "address"), PAGES, ids=[page for page, _ in PAGES])
def test_survey_page_queries_do_not_grow_with_the_responses(
    contact: User,
    coach: User,
    page: str,
    address: Callable[[TeamSurvey, User], tuple[Client, str]],
    django_assert_max_num_queries: Any,
) -> None:
    survey = open_survey(contact, coach)
    final = TeamSurvey.objects.create(
        enrolment=survey.enrolment,
        kind=TeamSurvey.Kind.FINAL,
        instrument_version=survey.instrument_version,
        company_token="bedrijfslink-eindmeting",
        opened_on=timezone.localdate(),
        is_open=False,
        closed_on=timezone.localdate(),
    )
    if page == "results page":  # figures show once closed
        TeamSurvey.objects.filter(pk=survey.pk).update(is_open=False, closed_on=final.closed_on)
    client, url = address(survey, contact)
    add_people_and_responses(survey, final, 6)
    small = opened(client, url, django_assert_max_num_queries)
    add_people_and_responses(survey, final, 30)
    large = opened(client, url, django_assert_max_num_queries)

    assert small == large, f"{page}: {small} queries with 6 responses, {large} with 36"
