"""A response cannot be tied to a person: checked on the models' own definitions, and on
what a real submit leaves in the database (DESIGN §5)."""

import pytest
from auditlog.registry import auditlog
from django.apps import apps
from django.contrib import admin
from django.db import models

from accounts.models import User
from surveys.models import PersonalLink, SurveyInvitation, SurveyResponse, TeamSurvey
from surveys.services import About, response_submit_by_personal_link, survey_invite
from tests.factories import ParticipantFactory
from tests.surveys.helpers import answers, mailed_tokens, open_survey

TIME_FIELDS = (models.DateTimeField, models.TimeField, models.DurationField)


def forward_relations(model: type[models.Model]) -> dict[str, type[models.Model]]:
    return {
        field.name: field.related_model  # type: ignore[misc]
        for field in model._meta.get_fields()
        if field.is_relation and field.concrete
    }


def test_a_response_links_only_to_its_survey_and_the_survey_only_to_the_enrolment() -> None:
    assert forward_relations(SurveyResponse) == {"survey": TeamSurvey}
    # From the survey on, the way leads to the company, never to one person of it.
    assert forward_relations(TeamSurvey) == {"enrolment": apps.get_model("companies.Enrolment")}


def test_the_link_side_has_no_person_and_no_time() -> None:
    assert forward_relations(PersonalLink) == {"survey": TeamSurvey}
    assert {f.name for f in PersonalLink._meta.concrete_fields} == {"id", "survey", "token_hash"}
    # The invitation says who and which day, but never which link.
    assert {f.name for f in SurveyInvitation._meta.concrete_fields} == {
        "id",
        "survey",
        "participant",
        "invited_on",
    }


@pytest.mark.parametrize("model", [SurveyResponse, PersonalLink, SurveyInvitation, TeamSurvey])
def test_no_survey_model_keeps_a_time_finer_than_the_day(model: type[models.Model]) -> None:
    finer = [f.name for f in model._meta.concrete_fields if isinstance(f, TIME_FIELDS)]
    assert finer == []


@pytest.mark.parametrize("model", [SurveyResponse, PersonalLink])
def test_keys_and_order_say_nothing_about_the_order_of_arrival(model: type[models.Model]) -> None:
    assert isinstance(model._meta.pk, models.UUIDField)
    assert model._meta.ordering == ["id"]
    assert not model._meta.get_latest_by


def test_no_audit_log_or_admin_page_gives_responses_a_time() -> None:
    for model in (SurveyResponse, PersonalLink, SurveyInvitation):
        assert not auditlog.contains(model), model
        assert not admin.site.is_registered(model), model


@pytest.mark.django_db
def test_after_a_personal_submit_nothing_ties_the_response_to_the_link_or_person(
    contact: User, coach: User
) -> None:
    survey = open_survey(contact, coach)
    ParticipantFactory.create(company=survey.enrolment.company, email="anna@bakkerij.nl")
    with_tokens = mailed_tokens(lambda: survey_invite(survey=survey, by=contact))
    [token] = with_tokens

    response = response_submit_by_personal_link(token=token, raw=answers(), about=About())

    assert not PersonalLink.objects.exists()  # used: gone, not even marked
    stored = SurveyResponse.objects.filter(pk=response.pk).values().get()
    assert set(stored) == {"id", "survey_id", "group", "is_mbo", "answers", "submitted_on"}
    assert token not in str(stored)
