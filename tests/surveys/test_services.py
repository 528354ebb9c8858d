"""The team survey's services: opening, mailing personal links, responses through both
kinds of link, closing; one response per personal link, also at the same instant."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone
from pytest_django import Settings

from accounts.models import User
from leercultuur.outbox.models import Mail
from surveys.models import PersonalLink, SurveyInvitation, SurveyResponse, TeamSurvey
from surveys.services import (
    CLOSED,
    FULL,
    USED,
    About,
    response_submit_by_company_link,
    response_submit_by_personal_link,
    survey_close,
    survey_invite,
    survey_open,
)
from tests.concurrency import race
from tests.factories import ParticipantFactory, running_enrolment
from tests.surveys.helpers import answers, mailed_tokens, open_survey

pytestmark = pytest.mark.django_db
# --- Opening and closing ---------------------------------------------------------------------


def test_a_contact_opens_one_survey_per_measurement(contact: User, coach: User) -> None:
    survey = open_survey(contact, coach)

    assert survey.is_open
    assert survey.opened_on == timezone.localdate()
    assert len(survey.company_token) >= 20
    with pytest.raises(ValidationError, match="al geopend"):
        survey_open(enrolment=survey.enrolment, kind=TeamSurvey.Kind.BASELINE, by=contact)


def test_only_the_companys_own_contact_opens_it(
    contact: User, other_contact: User, coach: User
) -> None:
    enrolment = running_enrolment(contact.contact.company, coach)
    for outsider in (other_contact, coach):
        with pytest.raises(ValidationError, match="contactpersoon van het bedrijf"):
            survey_open(enrolment=enrolment, kind=TeamSurvey.Kind.BASELINE, by=outsider)
    assert not TeamSurvey.objects.exists()


def test_the_final_survey_waits_for_the_last_three_months(contact: User, coach: User) -> None:
    enrolment = running_enrolment(contact.contact.company, coach)
    with pytest.raises(ValidationError, match="laatste drie maanden"):
        survey_open(enrolment=enrolment, kind=TeamSurvey.Kind.FINAL, by=contact)
    enrolment.end_date = timezone.localdate() + datetime.timedelta(days=30)
    enrolment.save()
    assert survey_open(enrolment=enrolment, kind=TeamSurvey.Kind.FINAL, by=contact).is_open


def test_closing_stops_both_kinds_of_link(contact: User, coach: User) -> None:
    survey = open_survey(contact, coach)
    ParticipantFactory.create(company=survey.enrolment.company, email="anna@bakkerij.nl")
    [token] = mailed_tokens(lambda: survey_invite(survey=survey, by=contact))

    survey_close(survey=survey, by=contact)

    for submit, key in (
        (response_submit_by_company_link, survey.company_token),
        (response_submit_by_personal_link, token),
    ):
        with pytest.raises(ValidationError) as caught:
            submit(token=key, raw=answers(), about=About())
        assert caught.value.code == CLOSED
    assert not SurveyResponse.objects.exists()
    with pytest.raises(ValidationError, match="al gesloten"):
        survey_close(survey=survey, by=contact)


# --- Personal links --------------------------------------------------------------------------


def test_personal_links_go_to_active_people_with_an_address_once(
    contact: User, coach: User
) -> None:
    survey = open_survey(contact, coach)
    company = survey.enrolment.company
    anna = ParticipantFactory.create(company=company, email="anna@bakkerij.nl")
    ParticipantFactory.create(company=company, email="")
    ParticipantFactory.create(company=company, email="oud@bakkerij.nl", is_active=False)

    tokens = mailed_tokens(lambda: survey_invite(survey=survey, by=contact))

    assert [message.to for message in mail.outbox] == [["anna@bakkerij.nl"]]
    assert "anoniem" in mail.outbox[0].body
    assert len(tokens) == 1
    assert list(SurveyInvitation.objects.values_list("participant", "invited_on")) == [
        (anna.pk, timezone.localdate())
    ]
    assert PersonalLink.objects.count() == 1
    assert tokens[0] not in str(list(PersonalLink.objects.values()))  # only its hash
    # Nobody is mailed twice.
    assert mailed_tokens(lambda: survey_invite(survey=survey, by=contact)) == []


def test_the_outbox_forgets_the_link_once_the_mail_is_sent(contact: User, coach: User) -> None:
    survey = open_survey(contact, coach)
    ParticipantFactory.create(company=survey.enrolment.company, email="anna@bakkerij.nl")

    [token] = mailed_tokens(lambda: survey_invite(survey=survey, by=contact))

    [sent] = Mail.objects.all()
    assert sent.status == Mail.Status.SENT
    assert sent.secret == ""
    assert token not in sent.body
    assert token in mail.outbox[0].body  # the addressee did get it


def test_a_personal_link_takes_one_response(contact: User, coach: User) -> None:
    survey = open_survey(contact, coach)
    ParticipantFactory.create(company=survey.enrolment.company, email="anna@bakkerij.nl")
    [token] = mailed_tokens(lambda: survey_invite(survey=survey, by=contact))

    about = About(group="employee", is_mbo=True)
    response = response_submit_by_personal_link(token=token, raw=answers(), about=about)
    with pytest.raises(ValidationError) as caught:
        response_submit_by_personal_link(token=token, raw=answers(), about=about)

    assert caught.value.code == USED
    assert (response.group, response.is_mbo) == ("employee", True)
    assert SurveyResponse.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_one_response_per_personal_link_when_submitted_at_the_same_instant(
    contact: User, coach: User
) -> None:
    survey = open_survey(contact, coach)
    ParticipantFactory.create(company=survey.enrolment.company, email="anna@bakkerij.nl")
    [token] = mailed_tokens(lambda: survey_invite(survey=survey, by=contact))

    def submit() -> SurveyResponse:
        return response_submit_by_personal_link(token=token, raw=answers(), about=About())

    results = race([submit] * 4)

    stored = [r for r in results if isinstance(r, SurveyResponse)]
    refused = [r for r in results if isinstance(r, ValidationError)]
    assert len(stored) == 1, results
    assert len(refused) == 3, results
    assert all(error.code == USED for error in refused)
    assert SurveyResponse.objects.count() == 1


# --- Company link and bad input ---------------------------------------------------------------


def test_the_company_link_stops_at_its_cap(contact: User, coach: User, settings: Settings) -> None:
    settings.SURVEY_COMPANY_LINK_CAP = 2
    survey = open_survey(contact, coach)
    for _ in range(2):
        response_submit_by_company_link(token=survey.company_token, raw=answers(), about=About())

    with pytest.raises(ValidationError) as caught:
        response_submit_by_company_link(token=survey.company_token, raw=answers(), about=About())

    assert caught.value.code == FULL
    assert SurveyResponse.objects.count() == 2


@pytest.mark.parametrize(
    ("raw", "about"),
    [
        ({**answers(), "strategy.know_why": "7"}, About()),
        ({key: value for key, value in answers().items() if key != "careers.talk"}, About()),
        (answers(), About(group="director")),
    ],
    ids=["out of range", "missing", "unknown group"],
)
def test_bad_input_saves_nothing(
    contact: User, coach: User, raw: dict[str, str], about: About
) -> None:
    survey = open_survey(contact, coach)

    with pytest.raises(ValidationError):
        response_submit_by_company_link(token=survey.company_token, raw=raw, about=about)

    assert not SurveyResponse.objects.exists()
    survey.refresh_from_db()
    assert survey.company_link_uses == 0
