"""Reach per person: everyone who took part counts once, in the edition they took part in."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from coaching.models import CoachingSession
from companies.models import Company, Edition, Enrolment
from people.models import ActionParticipant, Education, Group, Participant
from people.services import participant_erase
from reports.reach import Reach, reach_per_edition, reach_per_enrolment, total
from tests.conftest import client_for
from tests.factories import (
    CoachFactory,
    CompanyFactory,
    EditionFactory,
    ParticipantFactory,
    PlanActionFactory,
    RegistrationFactory,
    meeting_for,
    running_enrolment,
)

pytestmark = pytest.mark.django_db


def enrolled(edition: Edition, company: Company | None = None) -> Enrolment:
    coach = CoachFactory.create().user
    return running_enrolment(company or CompanyFactory.create(), coach, edition=edition)


def session_with(enrolment: Enrolment, *people: Participant) -> CoachingSession:
    session = CoachingSession.objects.create(
        enrolment=enrolment,
        coach=enrolment.lead_coach or CoachFactory.create().user,
        date=timezone.localdate(),
        minutes=60,
        activity=CoachingSession.Activity.CONVERSATION,
    )
    session.people.set(people)
    return session


def learning(
    enrolment: Enrolment, person: Participant, *, days_ago: int = 30, **fields: object
) -> ActionParticipant:
    """The person in an action of the enrolment's plan, started some days ago."""
    action = PlanActionFactory.create(plan__enrolment=enrolment)
    started = timezone.localdate() - datetime.timedelta(days=days_ago)
    values = {"started_on": started, **fields}
    return ActionParticipant.objects.create(action=action, participant=person, **values)


def present(
    enrolment: Enrolment, person: Participant, *, days: float = -7, **fields: object
) -> None:
    meeting = meeting_for(enrolment, days=days)
    values = {"attended": True, **fields}
    RegistrationFactory.create(
        meeting=meeting, enrolment=enrolment, participant=person, name="", role="", **values
    )


@pytest.fixture
def edition(db: None) -> Edition:
    return EditionFactory.create(name="Editie Veluwe 2026")


def test_a_person_in_three_sessions_and_two_meetings_counts_once(edition: Edition) -> None:
    enrolment = enrolled(edition)
    anna = ParticipantFactory.create(company=enrolment.company, is_ambassador=True)
    for _ in range(3):
        session_with(enrolment, anna)
    present(enrolment, anna)
    present(enrolment, anna, days=-14)

    assert reach_per_enrolment(edition=edition) == {
        enrolment.pk: Reach(reached=1, mbo=1, management=0, employees=1, ambassadors=1)
    }
    assert reach_per_edition() == {edition.pk: Reach(1, 1, 0, 1, 1)}


def test_the_groups_and_education_split_the_people_reached(edition: Edition) -> None:
    enrolment = enrolled(edition)
    people = [
        ParticipantFactory.create(company=enrolment.company, group=group, education=education)
        for group, education in (
            (Group.MANAGEMENT, Education.HBO),
            (Group.MANAGEMENT, Education.MBO4),
            (Group.EMPLOYEE, Education.MBO1),
            (Group.EMPLOYEE, Education.UNKNOWN),
        )
    ]
    session_with(enrolment, *people[:3])
    present(enrolment, people[3])

    assert reach_per_enrolment(edition=edition)[enrolment.pk] == Reach(
        reached=4, mbo=2, management=2, employees=2, ambassadors=0
    )


def test_learning_in_the_plan_reaches_and_counts_who_started_finished_and_gained_a_diploma(
    edition: Edition,
) -> None:
    enrolment = enrolled(edition)
    company = enrolment.company
    only_started, finished, certified, planned = ParticipantFactory.create_batch(4, company=company)
    learning(enrolment, only_started)
    learning(enrolment, finished, finished_on=timezone.localdate())
    for _ in range(2):  # two courses with a certificate: still one person
        learning(
            enrolment,
            certified,
            finished_on=timezone.localdate(),
            certificate=ActionParticipant.Certificate.DIPLOMA,
            certificate_level=Education.MBO3,
        )
    learning(enrolment, planned, started_on=None)  # named in the action, not started
    session_with(enrolment, certified)

    assert reach_per_enrolment(edition=edition)[enrolment.pk] == Reach(
        reached=3, mbo=3, employees=3, started=3, finished=2, certified=1
    )


def test_who_did_not_take_part_is_not_reached(edition: Edition) -> None:
    enrolment = enrolled(edition)
    company = enrolment.company
    ParticipantFactory.create(company=company, name="Alleen op de lijst")
    present(enrolment, ParticipantFactory.create(company=company), attended=False)
    present(enrolment, ParticipantFactory.create(company=company), attended=None)
    # Marked present for a meeting that is still to come: not yet a meeting held.
    present(enrolment, ParticipantFactory.create(company=company), days=7)
    session_with(enrolment)  # a session with nobody picked (counts typed in)

    assert reach_per_enrolment(edition=edition) == {}
    assert total(reach_per_enrolment(edition=edition)) == Reach()


def test_each_edition_counts_what_happened_in_its_own_enrolment(edition: Edition) -> None:
    later = EditionFactory.create(name="Editie Veluwe 2027")
    company = CompanyFactory.create()
    first, second = enrolled(edition, company), enrolled(later, company)
    anna = ParticipantFactory.create(company=company)
    bram = ParticipantFactory.create(company=company, group=Group.MANAGEMENT)
    session_with(first, anna)
    session_with(second, anna, bram)
    learning(second, bram, finished_on=timezone.localdate())

    assert reach_per_edition() == {
        edition.pk: Reach(reached=1, mbo=1, employees=1),
        later.pk: Reach(reached=2, mbo=2, management=1, employees=1, started=1, finished=1),
    }
    assert reach_per_enrolment(edition=later) == {second.pk: Reach(2, 2, 1, 1, 0, 1, 1, 0)}


def test_an_erased_person_still_counts_nameless(edition: Edition) -> None:
    enrolment = enrolled(edition)
    anna = ParticipantFactory.create(company=enrolment.company)
    session_with(enrolment, anna)
    participant_erase(participant=anna)

    assert reach_per_enrolment(edition=edition)[enrolment.pk].reached == 1


def test_only_enrolments_that_hold_a_place_count(edition: Edition) -> None:
    enrolment = enrolled(edition)
    anna = ParticipantFactory.create(company=enrolment.company)
    session_with(enrolment, anna)
    Enrolment.objects.filter(pk=enrolment.pk).update(status=Enrolment.Status.WITHDRAWN)

    assert reach_per_edition() == {}


def test_the_reach_is_one_query_however_many_companies(edition: Edition) -> None:
    def counted(companies: int) -> int:
        for _ in range(companies):
            enrolment = enrolled(edition)
            person = ParticipantFactory.create(company=enrolment.company)
            session_with(enrolment, person)
            present(enrolment, person)
            learning(enrolment, person, finished_on=timezone.localdate())
        with CaptureQueriesContext(connection) as queries:
            reach_per_enrolment(edition=edition)
            reach_per_edition()
        return len(queries)

    assert counted(1) == counted(5) == 2


def test_the_reach_page_shows_the_people_reached_per_edition(edition: Edition, staff: User) -> None:
    enrolment = enrolled(edition)
    people = ParticipantFactory.create_batch(3, company=enrolment.company)
    session_with(enrolment, *people)
    session_with(enrolment, people[0])
    EditionFactory.create(name="Editie zonder deelnemers")

    response = client_for(staff).get(reverse("staff_reach"))

    assert response.status_code == 200
    reach = response.context["reach"]
    assert [edition.name for edition in reach["editions"]] == ["Editie Veluwe 2026"]
    assert [numbers for _label, _definition, numbers in reach["rows"]] == [
        [3],
        [3],
        [0],
        [3],
        [0],
        [0],
        [0],
        [0],
    ]
    assert "Editie zonder deelnemers" not in response.content.decode()


def test_the_reach_page_says_when_nobody_is_reached_yet(staff: User) -> None:
    response = client_for(staff).get(reverse("staff_reach"))

    assert response.context["reach"]["editions"] == []
    assert "Nog niemand heeft meegedaan" in response.content.decode()
