"""Registration for network meetings: capacity, the waiting list and attendance."""

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
from tests.concurrency import blind_first_look, race
from tests.factories import ContactFactory, EditionFactory, EnrolmentFactory, meeting_for

Status = Registration.Status
pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def member(contact: User) -> Enrolment:
    return EnrolmentFactory.create(company=contact.contact.company, status=Enrolment.Status.ACTIVE)


@pytest.mark.django_db
def test_places_fill_then_the_waiting_list(member: Enrolment, contact: User) -> None:
    meeting = meeting_for(member, capacity=2)

    statuses = [
        services.registration_add(meeting=meeting, enrolment=member, by=contact, name=n).status
        for n in ("Anna", "Bram", "Cem")
    ]

    assert statuses == [Status.REGISTERED, Status.REGISTERED, Status.WAITLISTED]


@pytest.mark.django_db
def test_a_cancellation_moves_the_waiting_list_up(member: Enrolment, contact: User) -> None:
    meeting = meeting_for(member, capacity=1)
    first = services.registration_add(meeting=meeting, enrolment=member, by=contact, name="Anna")
    second = services.registration_add(meeting=meeting, enrolment=member, by=contact, name="Bram")

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
        services.registration_add(meeting=meeting, enrolment=outsider, by=contact, name="X")

    past = meeting_for(member, days=-1)
    with pytest.raises(ValidationError, match="started"):
        services.registration_add(meeting=past, enrolment=member, by=contact, name="Anna")


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
    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def register(index: int) -> None:
        try:
            start.wait(timeout=10)
            services.registration_add(
                meeting=meeting, enrolment=members[index], by=contacts[index].user, name=f"P{index}"
            )
        except BaseException as exc:  # reported below, in the test's own thread
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=register, args=(i,)) for i in range(2)]
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
    anna = services.registration_add(meeting=meeting, enrolment=member, by=contact, name="Anna")
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
def test_the_same_person_is_registered_once(member: Enrolment, contact: User) -> None:
    meeting = meeting_for(member, capacity=1)
    anna = services.registration_add(
        meeting=meeting, enrolment=member, by=contact, name=" Anna  de Vries "
    )
    bram = services.registration_add(meeting=meeting, enrolment=member, by=contact, name="Bram")
    assert (anna.name, bram.status) == ("Anna de Vries", Status.WAITLISTED)

    for again in ("anna de vries", "ANNA  DE VRIES ", "bram"):
        with pytest.raises(ValidationError) as refused:
            services.registration_add(meeting=meeting, enrolment=member, by=contact, name=again)
        assert list(refused.value.message_dict) == ["name"]
        assert "already registered for this meeting" in refused.value.messages[0]
    assert meeting.registrations.count() == 2

    # Cancelled, the person may register again; so may a namesake of another company.
    services.registration_cancel(registration=bram)
    services.registration_add(meeting=meeting, enrolment=member, by=contact, name="Bram")
    namesake = EnrolmentFactory.create(edition=member.edition, status=Enrolment.Status.ACTIVE)
    meeting.network.members.add(namesake)
    services.registration_add(meeting=meeting, enrolment=namesake, by=contact, name="Anna de Vries")
    assert meeting.registrations.exclude(status=Status.CANCELLED).count() == 3


@pytest.mark.django_db
def test_the_database_refuses_a_second_active_registration(member: Enrolment) -> None:
    meeting = meeting_for(member)
    Registration.objects.create(meeting=meeting, enrolment=member, name="Anna")

    with pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.create(
            meeting=meeting, enrolment=member, name="ANNA", status=Status.WAITLISTED
        )
    Registration.objects.create(
        meeting=meeting, enrolment=member, name="anna", status=Status.CANCELLED
    )


def _register_at_once(meeting: Meeting, member: Enrolment, by: User, names: list[str]) -> list:
    """Register these names from as many threads at the same instant; what each got."""

    def register(name: str) -> Registration:
        with translation.override("en"):  # as the test's own thread (this module's fixture)
            return services.registration_add(meeting=meeting, enrolment=member, by=by, name=name)

    return race([partial(register, name) for name in names])


@pytest.mark.django_db(transaction=True)
def test_the_same_person_registered_twice_at_once_is_registered_once(contact: User) -> None:
    assert connection.vendor == "postgresql", "row locks and the unique index are proven here"
    member = EnrolmentFactory.create(
        company=contact.contact.company, status=Enrolment.Status.ACTIVE
    )
    meeting = meeting_for(member)

    outcomes = _register_at_once(meeting, member, contact, ["Anna de Vries", "anna  de vries "])

    registered = [o for o in outcomes if isinstance(o, Registration)]
    refused = [o for o in outcomes if isinstance(o, ValidationError)]
    assert (len(registered), len(refused)) == (1, 1), outcomes
    assert list(refused[0].message_dict) == ["name"]
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
    blind_first_look(monkeypatch, services, "_registered_already", False)

    outcomes = _register_at_once(meeting, member, contact, ["Bram Jansen", "BRAM JANSEN"])

    assert sorted(type(o).__name__ for o in outcomes) == ["Registration", "ValidationError"]
    (refused,) = [o for o in outcomes if isinstance(o, ValidationError)]
    assert "already registered" in refused.message_dict["name"][0]
    assert Registration.objects.count() == 1
