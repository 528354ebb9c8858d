"""Who took part in a session: picked from the company's participants, the head counts
follow from them; sessions logged before keep the counts typed in."""

import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from coaching import services
from coaching.models import CoachingSession
from companies.models import Enrolment
from people.models import Education, Group, Participant
from people.services import participant_erase
from tests.conftest import client_for
from tests.factories import CoachingSessionFactory, EnrolmentFactory, ParticipantFactory

TODAY = timezone.localdate()


@pytest.fixture
def enrolment(contact: User, coach: User) -> Enrolment:
    return EnrolmentFactory.create(
        company=contact.contact.company,
        status=Enrolment.Status.ACTIVE,
        start_date=TODAY - datetime.timedelta(days=60),
        end_date=TODAY + datetime.timedelta(days=240),
        lead_coach=coach,
    )


@pytest.fixture
def people(enrolment: Enrolment) -> list[Participant]:
    """An mbo-educated employee, a manager with an hbo diploma, an mbo-educated team leader."""
    company = enrolment.company
    return [
        ParticipantFactory.create(company=company, name="Anna de Vries"),
        ParticipantFactory.create(
            company=company, name="Bram Jansen", group=Group.MANAGEMENT, education=Education.HBO
        ),
        ParticipantFactory.create(company=company, name="Cem Yilmaz", education=Education.MBO4),
    ]


def fields(**overrides: Any) -> dict[str, Any]:
    return {"date": TODAY, "minutes": 60, "activity": "team_session", **overrides}


# --- The service ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_counts_follow_from_the_people_picked(
    enrolment: Enrolment, coach: User, people: list[Participant]
) -> None:
    logged = services.session_log(
        enrolment=enrolment,
        coach=coach,
        # Typed counts are not what counts once people are picked.
        fields=fields(people=people[:2], participants=9, mbo_participants=9),
    )

    logged.refresh_from_db()
    assert set(logged.people.all()) == set(people[:2])
    assert (logged.participants, logged.mbo_participants) == (2, 1)

    services.session_update(session=logged, by=coach, fields={"people": people})
    logged.refresh_from_db()
    assert (logged.participants, logged.mbo_participants) == (3, 2)

    # A change that leaves the people alone keeps them, and the counts theirs.
    services.session_update(session=logged, by=coach, fields={"minutes": 90, "participants": 7})
    logged.refresh_from_db()
    assert (logged.minutes, logged.participants, logged.people.count()) == (90, 3, 3)


@pytest.mark.django_db
def test_without_people_the_typed_counts_stay(
    enrolment: Enrolment, coach: User, people: list[Participant]
) -> None:
    logged = services.session_log(
        enrolment=enrolment,
        coach=coach,
        fields=fields(people=people[:1], participants=1, mbo_participants=1),
    )

    services.session_update(
        session=logged, by=coach, fields={"people": [], "participants": 5, "mbo_participants": 2}
    )

    logged.refresh_from_db()
    assert not logged.people.exists()
    assert (logged.participants, logged.mbo_participants) == (5, 2)


@pytest.mark.django_db
def test_a_session_logged_before_keeps_its_counts(enrolment: Enrolment, coach: User) -> None:
    old = CoachingSessionFactory.create(
        enrolment=enrolment, coach=coach, participants=6, mbo_participants=4
    )

    services.session_update(session=old, by=coach, fields={"summary": "Aangevuld."})

    old.refresh_from_db()
    assert (old.participants, old.mbo_participants, old.summary) == (6, 4, "Aangevuld.")
    assert not old.people.exists()


@pytest.mark.django_db
def test_people_of_another_company_are_refused(
    enrolment: Enrolment, coach: User, people: list[Participant]
) -> None:
    stranger = ParticipantFactory.create(name="Van een ander bedrijf")

    with pytest.raises(ValidationError) as refused:
        services.session_log(
            enrolment=enrolment, coach=coach, fields=fields(people=[people[0], stranger])
        )

    assert list(refused.value.message_dict) == ["people"]
    assert not CoachingSession.objects.exists()

    logged = services.session_log(enrolment=enrolment, coach=coach, fields=fields(people=people))
    with pytest.raises(ValidationError):
        services.session_update(session=logged, by=coach, fields={"people": [stranger]})
    assert set(logged.people.all()) == set(people)


@pytest.mark.django_db
def test_an_erased_person_stays_counted_and_cannot_be_added(
    enrolment: Enrolment, coach: User, people: list[Participant]
) -> None:
    logged = services.session_log(enrolment=enrolment, coach=coach, fields=fields(people=people))
    erased = participant_erase(participant=people[0])

    # The form no longer shows them: picked without them, they stay recorded.
    services.session_update(session=logged, by=coach, fields={"people": people[1:2]})

    logged.refresh_from_db()
    assert set(logged.people.all()) == {erased, people[1]}
    assert logged.participants == 2

    other = services.session_log(
        enrolment=enrolment, coach=coach, fields=fields(people=people[1:2], minutes=30)
    )
    with pytest.raises(ValidationError, match="gewist"):
        services.session_update(session=other, by=coach, fields={"people": [erased]})


# --- The form and the pages ------------------------------------------------------------------


@pytest.mark.django_db
def test_the_coach_ticks_who_took_part(
    enrolment: Enrolment, coach: User, people: list[Participant]
) -> None:
    ParticipantFactory.create(company=enrolment.company, name="Niet Meer", is_active=False)
    stranger = ParticipantFactory.create(name="Van Elders")
    client = client_for(coach)
    url = f"{reverse('session_create')}?enrolment={enrolment.public_id}"

    page = client.get(url).content.decode()
    assert 'type="checkbox" name="people"' in page
    assert "Anna de Vries (Monteur)" in page
    assert "Niet Meer" not in page
    assert "Van Elders" not in page

    form = {
        "enrolment": enrolment.public_id,
        "date": TODAY.isoformat(),
        "minutes": 60,
        "activity": "team_session",
        "mode": "on_site",
        "people": [people[0].public_id, people[1].public_id],
        "participants": "",
        "mbo_participants": "",
    }
    assert client.post(url, form).status_code == 302
    logged = CoachingSession.objects.get()
    assert (logged.participants, logged.mbo_participants) == (2, 1)

    refused = client.post(url, {**form, "people": [stranger.public_id]})
    assert "people" in refused.context["form"].errors
    assert CoachingSession.objects.count() == 1


@pytest.mark.django_db
def test_with_nobody_ticked_the_number_is_asked_for(enrolment: Enrolment, coach: User) -> None:
    form = {
        "enrolment": enrolment.public_id,
        "date": TODAY.isoformat(),
        "minutes": 60,
        "activity": "conversation",
        "mode": "phone",
        "participants": "",
    }

    response = client_for(coach).post(reverse("session_create"), form)

    assert "participants" in response.context["form"].errors
    assert not CoachingSession.objects.exists()


@pytest.mark.django_db
def test_choosing_the_company_brings_in_its_people(
    enrolment: Enrolment, coach: User, people: list[Participant]
) -> None:
    """What htmx asks when the coach picks another company on the form."""
    client = client_for(coach)

    page = client.get(reverse("session_create")).content.decode()
    assert f'hx-get="{reverse("session_create")}"' in page
    assert "Anna de Vries" not in page  # no company chosen yet

    chosen = client.get(
        reverse("session_create"), {"enrolment": str(enrolment.public_id)}, HTTP_HX_REQUEST="true"
    )
    assert 'id="id_people"' in chosen.content.decode()
    assert "Anna de Vries" in chosen.content.decode()


@pytest.mark.django_db
def test_the_edit_form_shows_who_took_part_ticked(
    enrolment: Enrolment, coach: User, people: list[Participant]
) -> None:
    gone = ParticipantFactory.create(company=enrolment.company, name="Inmiddels Weg")
    logged = services.session_log(
        enrolment=enrolment, coach=coach, fields=fields(people=[people[0], gone])
    )
    Participant.objects.filter(pk=gone.pk).update(is_active=False)

    form = client_for(coach).get(reverse("session_edit", args=[logged.public_id])).context["form"]

    assert set(form["people"].value()) == {people[0].public_id, gone.public_id}
    # No longer active, still shown: they took part in this one.
    assert gone in form.fields["people"].queryset


@pytest.mark.django_db
def test_the_session_pages_and_exports_name_who_took_part(
    enrolment: Enrolment,
    coach: User,
    contact: User,
    staff: User,
    other_contact: User,
    people: list[Participant],
) -> None:
    logged = services.session_log(
        enrolment=enrolment, coach=coach, fields=fields(people=people[:2])
    )
    participant_erase(participant=people[1])
    sessions = reverse("enrolment_sessions", args=[enrolment.public_id])
    export = reverse("enrolment_sessions_csv", args=[enrolment.public_id])

    for user in (coach, staff, contact):  # the contact: it is their own company's people
        client = client_for(user)
        page = client.get(sessions).content.decode()
        assert "Anna de Vries" in page, user
        assert "(naam gewist)" in page
        csv = client.get(export).content.decode()
        assert "Anna de Vries; (naam gewist)" in csv, user
    coach_csv = client_for(coach).get(reverse("coach_hours_csv")).content.decode()
    assert "Anna de Vries" in coach_csv
    assert client_for(other_contact).get(sessions).status_code == 404
    assert logged.participants == 2
