"""A coach's sessions on one day, over all their companies, stay within a daily maximum
(the setting COACH_MAX_HOURS_PER_DAY, 12 hours unless set otherwise)."""

import datetime
from functools import partial

import pytest
from django.conf import settings as project_settings
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from pytest_django import Settings

from accounts.models import User
from coaching import services
from coaching.models import CoachingSession
from companies.models import Enrolment
from tests.concurrency import race
from tests.conftest import client_for
from tests.factories import CoachFactory, EditionFactory, EnrolmentFactory

TODAY = timezone.localdate()
YESTERDAY = TODAY - datetime.timedelta(days=1)


def running(coach: User) -> Enrolment:
    """An active trajectory in an edition of its own: no lock shared through the edition."""
    return EnrolmentFactory.create(
        edition=EditionFactory.create(),
        status=Enrolment.Status.ACTIVE,
        start_date=TODAY - datetime.timedelta(days=60),
        end_date=TODAY + datetime.timedelta(days=240),
        lead_coach=coach,
    )


def fields(minutes: int, day: datetime.date = TODAY) -> dict[str, object]:
    return {"date": day, "minutes": minutes, "activity": "workshop"}


def test_the_default_is_twelve_hours() -> None:
    assert project_settings.COACH_MAX_HOURS_PER_DAY == 12


@pytest.mark.django_db
@pytest.mark.usefixtures("english")
def test_a_coachs_day_over_all_companies_stays_within_the_maximum(coach: User) -> None:
    first, second = running(coach), running(coach)
    services.session_log(enrolment=first, coach=coach, fields=fields(480))

    with pytest.raises(ValidationError) as error:
        services.session_log(enrolment=second, coach=coach, fields=fields(300))

    message = error.value.message_dict["minutes"][0]
    assert "at most 12 hours" in message
    assert "4 h is left" in message
    services.session_log(enrolment=second, coach=coach, fields=fields(240))
    services.session_log(enrolment=second, coach=coach, fields=fields(300, YESTERDAY))
    assert CoachingSession.objects.count() == 3


@pytest.mark.django_db
def test_other_coaches_and_a_changed_session_count_as_they_should(
    coach: User, other_coach: User
) -> None:
    enrolment = running(coach)
    enrolment.coaches.add(other_coach)
    session = services.session_log(enrolment=enrolment, coach=coach, fields=fields(600))
    services.session_log(enrolment=enrolment, coach=other_coach, fields=fields(600))

    services.session_update(session=session, by=coach, fields={"minutes": 585})
    services.session_log(enrolment=enrolment, coach=coach, fields=fields(135))

    with pytest.raises(ValidationError):
        services.session_update(session=session, by=coach, fields={"minutes": 600})
    with pytest.raises(ValidationError):  # the day is full
        services.session_log(enrolment=enrolment, coach=coach, fields=fields(15))


@pytest.mark.django_db
def test_the_maximum_is_a_setting(coach: User, settings: Settings) -> None:
    settings.COACH_MAX_HOURS_PER_DAY = 2
    enrolment = running(coach)
    services.session_log(enrolment=enrolment, coach=coach, fields=fields(90))

    with pytest.raises(ValidationError, match="2"):
        services.session_log(enrolment=enrolment, coach=coach, fields=fields(45))


@pytest.mark.django_db
def test_the_form_shows_the_refusal_on_the_duration(coach: User) -> None:
    first, second = running(coach), running(coach)
    services.session_log(enrolment=first, coach=coach, fields=fields(600))
    data = {
        "enrolment": str(second.public_id),
        "date": TODAY.isoformat(),
        "minutes": 180,
        "activity": "conversation",
        "mode": "online",
        "participants": 1,
        "mbo_participants": 0,
    }

    response = client_for(coach).post(reverse("session_create"), data)

    assert response.status_code == 200
    (error,) = response.context["form"].errors["minutes"]
    assert error.startswith("Een coach registreert per dag hoogstens 12 uur aan sessies; op ")
    assert error.endswith(" is nog 2 uur over.")
    assert not CoachingSession.objects.filter(enrolment=second).exists()


@pytest.mark.django_db(transaction=True)
def test_sessions_for_different_companies_at_the_same_instant_stay_within_the_day() -> None:
    """Four companies, in four editions so that no enrolment or edition lock is shared:
    only the coach's own row makes them wait for each other."""
    assert connection.vendor == "postgresql", "row locks are what this test proves"
    coach = CoachFactory.create().user
    enrolments = [running(coach) for _ in range(4)]

    results = race(
        [
            partial(services.session_log, enrolment=enrolment, coach=coach, fields=fields(240))
            for enrolment in enrolments
        ]
    )

    logged = [r for r in results if isinstance(r, CoachingSession)]
    refused = [r for r in results if isinstance(r, ValidationError)]
    assert (len(logged), len(refused)) == (3, 1), results
    assert sum(CoachingSession.objects.values_list("minutes", flat=True)) == 12 * 60
