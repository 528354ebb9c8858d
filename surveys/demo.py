"""Demo team surveys for `seed_demo`: the baseline survey of two running trajectories.

One company has enough responses in every group to show them apart; the other has too
few managers, so only its total shows. Both are closed, as results show only then.
Answers come through the company link, as a colleague's phone would send them.
"""

import random

from companies.models import Enrolment
from people.models import Group
from surveys.instrument import get_instrument
from surveys.models import TeamSurvey
from surveys.services import About, response_submit_by_company_link, survey_close, survey_open

# (managers, employees, not stated) per demo company, in the order of their enrolment.
RESPONSES = ((5, 7, 0), (2, 4, 1))


def seed_team_surveys() -> list[TeamSurvey]:
    """Safe to run again: a company that has its baseline survey is left as it is."""
    running = (
        Enrolment.objects.filter(
            status__in=[Enrolment.Status.ACCEPTED, Enrolment.Status.ACTIVE],
            company__contacts__isnull=False,
        )
        .select_related("company")
        .distinct()
        .order_by("pk")
    )
    surveys = []
    for enrolment, counts in zip(running, RESPONSES, strict=False):
        existing = TeamSurvey.objects.filter(enrolment=enrolment, kind=TeamSurvey.Kind.BASELINE)
        surveys.append(existing.first() or _survey_with_responses(enrolment, counts))
    return surveys


def _survey_with_responses(enrolment: Enrolment, counts: tuple[int, int, int]) -> TeamSurvey:
    contact = enrolment.company.contacts.select_related("user").first()
    if contact is None:
        raise ValueError(f"{enrolment.company} has no contact to open its team survey.")
    survey = survey_open(enrolment=enrolment, kind=TeamSurvey.Kind.BASELINE, by=contact.user)
    statements = get_instrument(survey.instrument_version).statements()
    rng = random.Random(enrolment.company.kvk_number)  # noqa: S311 - demo answers, not secrets
    groups = (Group.MANAGEMENT.value, Group.EMPLOYEE.value, "")
    for group, count in zip(groups, counts, strict=True):
        for number in range(count):
            # Managers a little more positive than their staff, as is often the case.
            leaning = 4 if group == Group.MANAGEMENT else 3
            raw = {s.key: str(_near(rng, leaning)) for s in statements}
            about = About(group=group, is_mbo=None if not group else number % 2 == 0)
            response_submit_by_company_link(token=survey.company_token, raw=raw, about=about)
    # Closed, so that the results show.
    return survey_close(survey=survey, by=contact.user)


def _near(rng: random.Random, leaning: int) -> int:
    return min(5, max(1, leaning + rng.choice((-1, 0, 0, 1))))
