"""The team survey in the privacy registry: invitations are the participant's data, in
their export and erasure and purged with their name; responses are nobody's."""

import datetime

import pytest
from django.utils import timezone

from accounts import privacy
from accounts.models import User
from accounts.services import person_erase, person_export
from people.services import participant_erase
from surveys.models import SurveyInvitation, SurveyResponse
from surveys.services import About, response_submit_by_company_link
from tests.factories import ParticipantFactory
from tests.surveys.helpers import answers, open_survey

pytestmark = pytest.mark.django_db


def test_a_contact_listed_as_participant_finds_her_invitation_in_her_export(
    contact: User, coach: User
) -> None:
    survey = open_survey(contact, coach)
    herself = ParticipantFactory.create(company=survey.enrolment.company, email=contact.email)
    SurveyInvitation.objects.create(
        survey=survey, participant=herself, invited_on=datetime.date(2026, 3, 2)
    )

    exported = person_export(user=contact)["data"]["surveys.surveyinvitation"]

    assert exported == [{"survey": str(survey), "invited_on": datetime.date(2026, 3, 2)}]


def test_erasing_the_person_deletes_the_invitation_not_the_responses(
    contact: User, coach: User, staff: User
) -> None:
    survey = open_survey(contact, coach)
    herself = ParticipantFactory.create(company=survey.enrolment.company, email=contact.email)
    SurveyInvitation.objects.create(
        survey=survey, participant=herself, invited_on=timezone.localdate()
    )
    response_submit_by_company_link(token=survey.company_token, raw=answers(), about=About())

    person_erase(user=contact, by=staff)

    assert not SurveyInvitation.objects.exists()
    assert SurveyResponse.objects.count() == 1


def test_the_purge_deletes_invitations_of_erased_people_and_old_ones(
    contact: User, coach: User
) -> None:
    survey = open_survey(contact, coach)
    company = survey.enrolment.company
    today = timezone.localdate()
    erased, recent, old = (ParticipantFactory.create(company=company) for _ in range(3))
    for person, day in ((erased, today), (recent, today), (old, today.replace(year=2020))):
        SurveyInvitation.objects.create(survey=survey, participant=person, invited_on=day)
    participant_erase(participant=erased)

    purged = privacy.run_purges(timezone.now() - datetime.timedelta(days=365))

    assert purged["team survey invitations past retention or of erased participants"] == 2
    assert list(SurveyInvitation.objects.values_list("participant", flat=True)) == [recent.pk]
