"""Registration for network meetings: the company's participants, capacity, the waiting
list and attendance."""

import datetime
import threading
from functools import partial

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone, translation

from accounts.models import User
from companies.models import Enrolment
from networks import services
from networks.models import Meeting, Registration
from people.models import Education, Group, Participant, PeopleInformed
from people.services import participant_erase, participant_save
from tests.concurrency import blind_first_look, race
from tests.factories import (
    ContactFactory,
    EditionFactory,
    EnrolmentFactory,
    ParticipantFactory,
    meeting_for,
)

Status = Registration.Status
pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def member(contact: User) -> Enrolment:
    PeopleInformed.objects.create(company=contact.contact.company, confirmed_by=contact)
    return EnrolmentFactory.create(company=contact.contact.company, status=Enrolment.Status.ACTIVE)


def person(member: Enrolment, name: str, **fields: object) -> Participant:
    return ParticipantFactory.create(company=member.company, name=name, **fields)


def register(meeting: Meeting, member: Enrolment, by: User, who: Participant) -> Registration:
    return services.registration_add(meeting=meeting, enrolment=member, by=by, participant=who)


@pytest.mark.django_db
def test_places_fill_then_the_waiting_list(member: Enrolment, contact: User) -> None:
    meeting = meeting_for(member, capacity=2)

    statuses = [
        register(meeting, member, contact, person(member, name)).status
        for name in ("Anna", "Bram", "Cem")
    ]

    assert statuses == [Status.REGISTERED, Status.REGISTERED, Status.WAITLISTED]


@pytest.mark.django_db
def test_a_cancellation_moves_the_waiting_list_up(member: Enrolment, contact: User) -> None:
    meeting = meeting_for(member, capacity=1)
    first = register(meeting, member, contact, person(member, "Anna"))
    second = register(meeting, member, contact, person(member, "Bram"))

    moved = services.registration_cancel(registration=first)

    assert moved == second
    second.refresh_from_db()
    assert second.status == Status.REGISTERED
    with pytest.raises(ValidationError, match="already"):
        services.registration_cancel(registration=first)


@pytest.mark.django_db
def test_only_members_register_and_only_before_the_start(member: Enrolment, contact: User) -> None:
    outsider = EnrolmentFactory.create(edition=member.edition, status=Enrolment.Status.ACTIVE)
    meeting = meeting_for(member)
    with pytest.raises(ValidationError, match="not a member"):
        register(meeting, outsider, contact, ParticipantFactory.create(company=outsider.company))

    past = meeting_for(member, days=-1)
    with pytest.raises(ValidationError, match="started"):
        register(past, member, contact, person(member, "Anna"))
    with pytest.raises(ValidationError, match="started"):
        services.registration_add(
            meeting=past,
            enrolment=member,
            by=contact,
            newcomer={"name": "Nieuw", "group": "employee"},
        )
    # Refused before anyone was added to the list.
    assert not Participant.objects.filter(name="Nieuw").exists()


@pytest.mark.django_db(transaction=True)
def test_the_last_place_taken_at_once_leaves_one_on_the_waiting_list() -> None:
    assert connection.vendor == "postgresql", "row locks are what this test proves"
    edition = EditionFactory.create()
    contacts = [ContactFactory.create() for _ in range(2)]
    members = [
        EnrolmentFactory.create(edition=edition, company=c.company, status=Enrolment.Status.ACTIVE)
        for c in contacts
    ]
    meeting = meeting_for(*members, capacity=1)
    people = [ParticipantFactory.create(company=m.company) for m in members]
    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def register_one(index: int) -> None:
        try:
            start.wait(timeout=10)
            services.registration_add(
                meeting=meeting,
                enrolment=members[index],
                by=contacts[index].user,
                participant=people[index],
            )
        except BaseException as exc:  # reported below, in the test's own thread
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=register_one, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert errors == []
    statuses = sorted(Registration.objects.values_list("status", flat=True))
    assert statuses == [Status.REGISTERED, Status.WAITLISTED]


@pytest.mark.django_db
def test_attendance_is_recorded_after_the_start(member: Enrolment, contact: User) -> None:
    meeting = meeting_for(member)
    anna = register(meeting, member, contact, person(member, "Anna"))
    with pytest.raises(ValidationError, match="started"):
        services.attendance_record(meeting=meeting, present={anna.public_id: True})

    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=timezone.now() - datetime.timedelta(hours=3),
        ends_at=timezone.now() - datetime.timedelta(hours=1),
    )
    meeting.refresh_from_db()

    assert services.attendance_record(meeting=meeting, present={anna.public_id: True}) == 1
    anna.refresh_from_db()
    assert anna.attended is True


@pytest.mark.django_db
def test_a_participant_is_registered_with_their_details_from_the_list(
    member: Enrolment, contact: User
) -> None:
    meeting = meeting_for(member)
    anna = person(member, "Anna de Vries", job_title="Planner", education=Education.MBO2)

    registration = register(meeting, member, contact, anna)

    assert registration.participant == anna
    assert (registration.name, registration.role, registration.is_mbo) == ("", "", True)
    assert (registration.person_name, registration.person_role) == ("Anna de Vries", "Planner")
    assert registration.registered_by == contact
    # The name follows the participant: changed on the list, changed here.
    participant_save(company=member.company, participant=anna, fields={"name": "Anna Smit"})
    assert Registration.objects.get(pk=registration.pk).person_name == "Anna Smit"


@pytest.mark.django_db
def test_someone_not_on_the_list_is_added_to_it_and_registered(
    member: Enrolment, contact: User
) -> None:
    meeting = meeting_for(member)
    newcomer = {"name": " Bram  Jansen ", "group": Group.EMPLOYEE, "education": Education.MBO4}

    registration = services.registration_add(
        meeting=meeting, enrolment=member, by=contact, newcomer=newcomer
    )

    bram = Participant.objects.get(company=member.company)
    assert (bram.name, bram.is_mbo, bram.is_active) == ("Bram Jansen", True, True)
    assert registration.participant == bram
    # Already on the list: they are chosen there, not added twice.
    with pytest.raises(ValidationError) as refused:
        services.registration_add(
            meeting=meeting_for(member), enrolment=member, by=contact, newcomer=newcomer
        )
    assert list(refused.value.message_dict) == ["name"]
    assert Participant.objects.count() == 1


@pytest.mark.django_db
def test_no_one_is_added_before_the_contact_said_the_people_were_told(contact: User) -> None:
    enrolment = EnrolmentFactory.create(
        company=contact.contact.company, status=Enrolment.Status.ACTIVE
    )
    meeting = meeting_for(enrolment)

    with pytest.raises(ValidationError, match="people were told"):
        services.registration_add(
            meeting=meeting,
            enrolment=enrolment,
            by=contact,
            newcomer={"name": "Anna", "group": Group.EMPLOYEE},
        )
    assert not Participant.objects.exists()
    assert not Registration.objects.exists()


@pytest.mark.django_db
def test_only_the_companys_own_people_who_take_part_are_registered(
    member: Enrolment, contact: User
) -> None:
    meeting = meeting_for(member)
    stranger = ParticipantFactory.create(name="Van een ander bedrijf")
    gone = person(member, "Weg", is_active=False)
    erased = participant_erase(participant=person(member, "Gewist"))

    for who, message in (
        (stranger, "company's list"),
        (erased, "company's list"),
        (gone, "no longer takes part"),
    ):
        with pytest.raises(ValidationError, match=message) as refused:
            register(meeting, member, contact, who)
        assert list(refused.value.message_dict) == ["participant"]
    assert not Registration.objects.exists()


@pytest.mark.django_db
def test_the_same_participant_is_registered_once(member: Enrolment, contact: User) -> None:
    meeting = meeting_for(member, capacity=1)
    anna, bram = person(member, "Anna de Vries"), person(member, "Bram")
    register(meeting, member, contact, anna)
    assert register(meeting, member, contact, bram).status == Status.WAITLISTED

    for again in (anna, bram):
        with pytest.raises(ValidationError) as refused:
            register(meeting, member, contact, again)
        assert list(refused.value.message_dict) == ["participant"]
        assert "already registered for this meeting" in refused.value.messages[0]
    assert meeting.registrations.count() == 2

    # Cancelled, the person may register again; a namesake of another company may too.
    services.registration_cancel(registration=meeting.registrations.get(participant=bram))
    register(meeting, member, contact, bram)
    namesake = EnrolmentFactory.create(edition=member.edition, status=Enrolment.Status.ACTIVE)
    meeting.network.members.add(namesake)
    PeopleInformed.objects.create(company=namesake.company)
    register(meeting, namesake, contact, person(namesake, "Anna de Vries"))
    assert meeting.registrations.exclude(status=Status.CANCELLED).count() == 3


@pytest.mark.django_db
def test_the_database_refuses_a_second_active_registration(member: Enrolment) -> None:
    meeting = meeting_for(member)
    anna = person(member, "Anna")
    Registration.objects.create(meeting=meeting, enrolment=member, participant=anna)

    with pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.create(
            meeting=meeting, enrolment=member, participant=anna, status=Status.WAITLISTED
        )
    Registration.objects.create(
        meeting=meeting, enrolment=member, participant=anna, status=Status.CANCELLED
    )
    # A registration of a participant holds no copy of the name.
    with pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.create(
            meeting=meeting_for(member), enrolment=member, participant=anna, name="Anna"
        )


@pytest.mark.django_db
def test_old_registrations_by_typed_name_stay_as_they_are(member: Enrolment) -> None:
    """Made before participants existed: their name, role and mbo flag were typed in."""
    meeting = meeting_for(member)
    old = Registration.objects.create(
        meeting=meeting, enrolment=member, name="Anna", role="Planner", is_mbo=True
    )
    assert (old.person_name, old.person_role, old.person_is_mbo) == ("Anna", "Planner", True)

    with pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.create(
            meeting=meeting, enrolment=member, name="ANNA", status=Status.WAITLISTED
        )
    # The participant of the same name is another row: both may stand.
    Registration.objects.create(
        meeting=meeting, enrolment=member, participant=person(member, "Anna")
    )


def _register_at_once(
    meeting: Meeting, member: Enrolment, by: User, people: list[Participant]
) -> list:
    """Register these participants from as many threads at the same instant."""

    def register_one(who: Participant) -> Registration:
        with translation.override("en"):  # as the test's own thread (this module's fixture)
            return register(meeting, member, by, who)

    return race([partial(register_one, who) for who in people])


@pytest.mark.django_db(transaction=True)
def test_the_same_participant_registered_twice_at_once_is_registered_once(contact: User) -> None:
    assert connection.vendor == "postgresql", "row locks and the unique index are proven here"
    member = EnrolmentFactory.create(
        company=contact.contact.company, status=Enrolment.Status.ACTIVE
    )
    meeting = meeting_for(member)
    anna = person(member, "Anna de Vries")

    outcomes = _register_at_once(meeting, member, contact, [anna, anna])

    registered = [o for o in outcomes if isinstance(o, Registration)]
    refused = [o for o in outcomes if isinstance(o, ValidationError)]
    assert (len(registered), len(refused)) == (1, 1), outcomes
    assert list(refused[0].message_dict) == ["participant"]
    assert Registration.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_past_the_check_the_constraint_still_refuses_with_the_message(
    contact: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Both threads pass the look-up before either writes: the unique index decides."""
    assert connection.vendor == "postgresql", "the partial unique index is what this proves"
    member = EnrolmentFactory.create(
        company=contact.contact.company, status=Enrolment.Status.ACTIVE
    )
    meeting = meeting_for(member)
    bram = person(member, "Bram Jansen")
    blind_first_look(monkeypatch, services, "_registered_already", False)

    outcomes = _register_at_once(meeting, member, contact, [bram, bram])

    assert sorted(type(o).__name__ for o in outcomes) == ["Registration", "ValidationError"]
    (refused,) = [o for o in outcomes if isinstance(o, ValidationError)]
    assert "already registered" in refused.message_dict["participant"][0]
    assert Registration.objects.count() == 1


@pytest.mark.django_db
def test_the_meeting_knows_while_someone_registered_has_no_attendance(
    member: Enrolment, contact: User
) -> None:
    meeting = meeting_for(member, capacity=2)

    def attendance_open() -> bool:
        meeting.refresh_from_db()
        return meeting.attendance_open

    assert not attendance_open()
    anna, bram, cem = (
        register(meeting, member, contact, person(member, name)) for name in ("Anna", "Bram", "Cem")
    )
    assert attendance_open()
    services.registration_cancel(registration=anna)  # Cem moves up
    services.registration_cancel(registration=bram)
    assert attendance_open()
    services.registration_cancel(registration=cem)
    assert not attendance_open()  # nobody registered: nothing to record

    dirk = register(meeting, member, contact, person(member, "Dirk"))
    eva = register(meeting, member, contact, person(member, "Eva"))
    assert attendance_open()
    now = timezone.now()
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=now - datetime.timedelta(minutes=10), ends_at=now + datetime.timedelta(hours=1)
    )
    meeting.refresh_from_db()
    services.checkin_record(
        meeting=meeting, company=member.company.legal_name, name=dirk.person_name
    )
    assert attendance_open()  # Eva's is still open
    services.attendance_record(meeting=meeting, present={eva.public_id: False})
    assert not attendance_open()
