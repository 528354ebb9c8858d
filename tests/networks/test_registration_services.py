"""Registration for network meetings: capacity, the waiting list and attendance."""

import datetime
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from accounts.models import User
from companies.models import Enrolment
from networks import services
from networks.models import Meeting, Registration
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
