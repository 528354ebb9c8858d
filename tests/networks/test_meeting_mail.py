"""Invitations when a meeting is scheduled and reminders 48 hours before: each sent once."""

import datetime
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from celery import Celery
from celery.worker import WorkController
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from accounts.models import User
from companies.models import Enrolment
from leercultuur.outbox.models import Mail
from leercultuur.outbox.tasks import send_mail
from networks import services
from networks.models import LearningNetwork, Meeting, Registration
from networks.tasks import remind_meetings
from people.models import Participant, PeopleInformed
from people.services import participant_erase
from tests.conftest import client_for
from tests.factories import (
    ContactFactory,
    EnrolmentFactory,
    LearningNetworkFactory,
    MeetingFactory,
    ParticipantFactory,
    RegistrationFactory,
)

Status = Registration.Status


@dataclass
class Network:
    network: LearningNetwork
    member: Enrolment  # the company of `contact` (and `colleague`)
    second: Enrolment  # another member company, with `second_contact`
    colleague: User
    second_contact: User


@pytest.fixture
def net(contact: User, other_contact: User, coach: User) -> Network:
    """Two member companies; the company of `other_contact` is not a member."""
    member = EnrolmentFactory.create(
        company=contact.contact.company, status=Enrolment.Status.ACTIVE
    )
    second_contact = ContactFactory.create().user
    second = EnrolmentFactory.create(
        company=second_contact.contact.company,
        edition=member.edition,
        status=Enrolment.Status.ACTIVE,
    )
    EnrolmentFactory.create(company=other_contact.contact.company, edition=member.edition)
    colleague = ContactFactory.create(company=member.company).user
    network = LearningNetworkFactory.create(
        edition=member.edition,
        name="Netwerk Veluwe",
        members=[member, second],
        facilitators=[coach],
    )
    return Network(network, member, second, colleague, second_contact)


def meeting_in(net: Network, hours: float, **fields: object) -> Meeting:
    # Whole seconds, as iCalendar writes them.
    start = timezone.now().replace(microsecond=0) + datetime.timedelta(hours=hours)
    return MeetingFactory.create(
        network=net.network,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        theme="Werkplekleren",
        **fields,
    )


def send_waiting() -> int:
    """What the worker does with the outbox: send every waiting mail (twice, to be sure)."""
    waiting = list(Mail.objects.filter(status=Mail.Status.QUEUED).values_list("pk", flat=True))
    return sum(send_mail(pk) + send_mail(pk) for pk in waiting)


def recipients() -> list[str]:
    return sorted(address for message in mail.outbox for address in message.to)


def ics_of(message: mail.EmailMessage) -> Calendar:
    [(filename, content, mimetype)] = message.attachments
    assert filename.endswith(".ics")
    assert mimetype == "text/calendar"
    return Calendar.from_ical(content)


# --- Invitations ------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_invitation_goes_to_every_member_contact_once(
    net: Network, contact: User, other_contact: User
) -> None:
    meeting = meeting_in(net, 24 * 10, agenda="Rondleiding in de werkplaats")

    assert services.meeting_announce(meeting=meeting) == 3
    assert send_waiting() == 3

    members = [contact.email, net.colleague.email, net.second_contact.email]
    assert recipients() == sorted(members)
    assert other_contact.email not in recipients()
    assert all(len(message.to) == 1 for message in mail.outbox)  # no one sees other addresses
    message = mail.outbox[0]
    assert "Netwerk Veluwe" in message.subject
    assert "Werkplekleren" in message.body
    assert "Rondleiding in de werkplaats" in message.body
    assert f"{reverse('meeting_detail', args=[meeting.public_id])}" in message.body
    [event] = ics_of(message).events
    assert str(event["UID"]) == f"meeting-{meeting.public_id}@leercultuur"
    assert event.start == meeting.starts_at


@pytest.mark.django_db
def test_no_invitation_for_a_meeting_that_has_begun(net: Network) -> None:
    meeting = meeting_in(net, -1)

    assert services.meeting_announce(meeting=meeting) == 0
    assert not Mail.objects.exists()


@pytest.mark.django_db
def test_adding_a_meeting_in_the_admin_mails_the_invitations_after_commit(
    net: Network, staff: User, django_capture_on_commit_callbacks: Any
) -> None:
    start = timezone.localtime() + datetime.timedelta(days=20)
    form = {
        "network": net.network.pk,
        "theme": "Leren met AI",
        "starts_at_0": f"{start:%d-%m-%Y}",
        "starts_at_1": "19:00",
        "ends_at_0": f"{start:%d-%m-%Y}",
        "ends_at_1": "21:00",
        "location": "Apeldoorn",
        "capacity": 20,
        "registrations-TOTAL_FORMS": 0,
        "registrations-INITIAL_FORMS": 0,
    }

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client_for(staff).post(reverse("admin:networks_meeting_add"), form)

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert len(callbacks) == 3  # one send task per mail, after the meeting committed
    assert len(mail.outbox) == 3


@pytest.mark.django_db
def test_a_meeting_added_inline_to_its_network_is_announced_too(
    net: Network, staff: User, coach: User, django_capture_on_commit_callbacks: Any
) -> None:
    existing = meeting_in(net, 24 * 3)
    start = timezone.localtime() + datetime.timedelta(days=30)
    network = net.network
    form = {
        "edition": network.edition_id,
        "name": network.name,
        "facilitators": [coach.pk],
        "members": [net.member.pk, net.second.pk],
        "meetings-TOTAL_FORMS": 2,
        "meetings-INITIAL_FORMS": 1,
        "meetings-0-id": existing.pk,
        "meetings-0-network": network.pk,
        "meetings-0-theme": existing.theme,
        "meetings-0-starts_at_0": f"{timezone.localtime(existing.starts_at):%d-%m-%Y}",
        "meetings-0-starts_at_1": f"{timezone.localtime(existing.starts_at):%H:%M:%S}",
        "meetings-0-ends_at_0": f"{timezone.localtime(existing.ends_at):%d-%m-%Y}",
        "meetings-0-ends_at_1": f"{timezone.localtime(existing.ends_at):%H:%M:%S}",
        "meetings-0-location": existing.location,
        "meetings-0-capacity": existing.capacity,
        "meetings-1-network": network.pk,
        "meetings-1-theme": "Nieuwe bijeenkomst",
        "meetings-1-starts_at_0": f"{start:%d-%m-%Y}",
        "meetings-1-starts_at_1": "19:00",
        "meetings-1-ends_at_0": f"{start:%d-%m-%Y}",
        "meetings-1-ends_at_1": "21:00",
        "meetings-1-location": "Zutphen",
        "meetings-1-capacity": 15,
    }
    url = reverse("admin:networks_learningnetwork_change", args=[network.pk])

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(staff).post(url, form)

    assert response.status_code == 302
    new = Meeting.objects.get(theme="Nieuwe bijeenkomst")
    assert len(mail.outbox) == 3  # the new meeting only
    assert {str(ics_of(m).events[0]["UID"]) for m in mail.outbox} == {
        f"meeting-{new.public_id}@leercultuur"
    }


# --- Reminders --------------------------------------------------------------------------


def register(
    meeting: Meeting, enrolment: Enrolment, name: str, status: str = Status.REGISTERED
) -> None:
    RegistrationFactory.create(meeting=meeting, enrolment=enrolment, name=name, status=status)


@pytest.mark.django_db
def test_the_beat_task_reminds_only_within_48_hours_of_the_start(net: Network) -> None:
    meetings = {hours: meeting_in(net, hours) for hours in (72, 47, -1)}
    for meeting in meetings.values():
        register(meeting, net.member, "Anna de Vries")

    remind_meetings()
    remind_meetings()  # the next run, a quarter of an hour later
    send_waiting()

    reminded = {h for h, m in meetings.items() if Meeting.objects.get(pk=m.pk).reminded_at}
    assert reminded == {47}
    uids = {str(ics_of(message).events[0]["UID"]) for message in mail.outbox}
    assert uids == {f"meeting-{meetings[47].public_id}@leercultuur"}


@pytest.mark.django_db
def test_a_reminder_lists_each_company_its_own_people(
    net: Network, contact: User, coach: User, other_contact: User
) -> None:
    meeting = meeting_in(net, 40)
    register(meeting, net.member, "Anna de Vries")
    register(meeting, net.member, "Bram Jansen")
    register(meeting, net.member, "Cem Yilmaz", Status.CANCELLED)
    register(meeting, net.second, "Dirk Smit", Status.WAITLISTED)  # no place: no reminder

    assert services.meeting_remind(meeting_id=meeting.pk) == 3
    assert services.meeting_remind(meeting_id=meeting.pk) == 0
    send_waiting()

    by_address = {message.to[0]: message for message in mail.outbox}
    assert sorted(by_address) == sorted([contact.email, net.colleague.email, coach.email])
    for address in (contact.email, coach.email):
        body = by_address[address].body
        assert "Anna de Vries" in body
        assert "Bram Jansen" in body
        assert "Cem Yilmaz" not in body
        assert "Dirk Smit" not in body
        assert ics_of(by_address[address]).events[0].start == meeting.starts_at
    assert other_contact.email not in by_address


@pytest.mark.django_db
def test_a_facilitator_sees_every_company_and_a_contact_only_their_own(
    net: Network, contact: User, coach: User
) -> None:
    meeting = meeting_in(net, 40)
    register(meeting, net.member, "Anna de Vries")
    register(meeting, net.second, "Dirk Smit")

    services.meeting_remind(meeting_id=meeting.pk)
    send_waiting()

    by_address = {message.to[0]: message.body for message in mail.outbox}
    assert "Dirk Smit" not in by_address[contact.email]
    assert "Anna de Vries" not in by_address[net.second_contact.email]
    assert "Anna de Vries" in by_address[coach.email]
    assert "Dirk Smit" in by_address[coach.email]
    assert str(net.second.company) in by_address[coach.email]


# --- Participants' own mails ---------------------------------------------------------------


@pytest.fixture
def people(net: Network, contact: User) -> dict[str, Participant]:
    """Two of the contact's company with an address, one without, one of the second company."""
    PeopleInformed.objects.create(company=net.member.company, confirmed_by=contact)
    return {
        "anna": ParticipantFactory.create(
            company=net.member.company, name="Anna de Vries", email="anna@bakkerij-jansen.nl"
        ),
        "bram": ParticipantFactory.create(
            company=net.member.company, name="Bram Jansen", email="bram@bakkerij-jansen.nl"
        ),
        "cem": ParticipantFactory.create(company=net.member.company, name="Cem Yilmaz"),
        "dirk": ParticipantFactory.create(
            company=net.second.company, name="Dirk Smit", email="dirk@example.nl"
        ),
    }


def assert_only_about(message: mail.EmailMessage, person: Participant, others: list) -> None:
    """One addressee, the person; nobody else's name or address in the mail or its file."""
    assert message.to == [person.email]
    assert not message.cc
    assert not message.bcc
    files = [a[1].decode() if isinstance(a[1], bytes) else str(a[1]) for a in message.attachments]
    text = f"{message.subject}{message.body}" + "".join(files)
    assert person.name in message.body
    for other in others:
        assert other.name not in text
        if other.email:
            assert other.email not in text


@pytest.mark.django_db
def test_a_registered_participant_gets_a_confirmation_with_the_ics(
    net: Network, contact: User, people: dict[str, Participant]
) -> None:
    meeting = meeting_in(net, 24 * 10, capacity=1)

    services.registration_add(
        meeting=meeting, enrolment=net.member, by=contact, participant=people["anna"]
    )
    services.registration_add(
        meeting=meeting, enrolment=net.member, by=contact, participant=people["cem"]
    )  # no address: no mail
    services.registration_add(
        meeting=meeting, enrolment=net.member, by=contact, participant=people["bram"]
    )  # full: the waiting list
    send_waiting()

    anna, bram = people["anna"], people["bram"]
    by_address = {message.to[0]: message for message in mail.outbox}
    assert sorted(by_address) == sorted([anna.email, bram.email])
    confirmation = by_address[anna.email]
    assert_only_about(confirmation, anna, [bram, people["cem"], people["dirk"]])
    assert "Netwerk Veluwe" in confirmation.subject
    assert "Werkplekleren" in confirmation.body
    [event] = ics_of(confirmation).events
    assert str(event["UID"]) == f"meeting-{meeting.public_id}@leercultuur"
    assert event.start == meeting.starts_at
    # No link to the members' page: the participant has no account.
    assert reverse("meeting_detail", args=[meeting.public_id]) not in confirmation.body
    assert "URL" not in event
    waiting = by_address[bram.email]
    assert_only_about(waiting, bram, [anna, people["cem"]])
    assert "wachtlijst" in f"{waiting.subject} {waiting.body}"
    assert waiting.attachments == []


@pytest.mark.django_db
def test_moving_up_from_the_waiting_list_and_a_cancellation_are_told(
    net: Network, contact: User, people: dict[str, Participant]
) -> None:
    meeting = meeting_in(net, 24 * 10, capacity=1)
    anna = services.registration_add(
        meeting=meeting, enrolment=net.member, by=contact, participant=people["anna"]
    )
    services.registration_add(
        meeting=meeting, enrolment=net.member, by=contact, participant=people["bram"]
    )
    Mail.objects.all().delete()

    services.registration_cancel(registration=anna)
    send_waiting()

    by_address = {message.to[0]: message for message in mail.outbox}
    assert sorted(by_address) == sorted([people["anna"].email, people["bram"].email])
    assert "geannuleerd" in by_address[people["anna"].email].body
    assert by_address[people["anna"].email].attachments == []
    moved_up = by_address[people["bram"].email]
    assert_only_about(moved_up, people["bram"], [people["anna"]])
    assert "plaats vrijgekomen" in moved_up.body
    assert len(ics_of(moved_up).events) == 1


@pytest.mark.django_db
def test_a_confirmation_commits_with_its_registration(
    net: Network, contact: User, people: dict[str, Participant]
) -> None:
    """Written in the registration's transaction: refused, and there is no mail either."""
    meeting = meeting_in(net, 24 * 10)
    services.registration_add(
        meeting=meeting, enrolment=net.member, by=contact, participant=people["anna"]
    )
    with pytest.raises(ValidationError):
        services.registration_add(
            meeting=meeting, enrolment=net.member, by=contact, participant=people["anna"]
        )

    assert Mail.objects.filter(to=people["anna"].email).count() == 1


@pytest.mark.django_db
def test_the_reminder_also_goes_to_each_registered_participant_with_an_address(
    net: Network, contact: User, coach: User, people: dict[str, Participant]
) -> None:
    meeting = meeting_in(net, 40)
    for who, enrolment in (
        ("anna", net.member),
        ("cem", net.member),
        ("dirk", net.second),
    ):
        Registration.objects.create(meeting=meeting, enrolment=enrolment, participant=people[who])
    Registration.objects.create(
        meeting=meeting,
        enrolment=net.member,
        participant=people["bram"],
        status=Status.WAITLISTED,  # no place: no reminder
    )
    register(meeting, net.member, "Eva Typed")  # typed in, as of old: no address

    # The contacts of the two companies, the facilitator, and Anna and Dirk.
    assert services.meeting_remind(meeting_id=meeting.pk) == 6
    send_waiting()

    by_address = {message.to[0]: message for message in mail.outbox}
    anna, dirk = people["anna"], people["dirk"]
    assert set(by_address) >= {anna.email, dirk.email}
    assert people["bram"].email not in by_address
    for person, others in (
        (anna, [dirk, people["bram"], people["cem"]]),
        (dirk, [anna, people["bram"], people["cem"]]),
    ):
        reminder = by_address[person.email]
        assert_only_about(reminder, person, others)
        assert "Eva Typed" not in reminder.body
        assert ics_of(reminder).events[0].start == meeting.starts_at
    # The contact's list names the participants by their names on the list.
    assert "Anna de Vries" in by_address[contact.email].body
    assert "Cem Yilmaz" in by_address[contact.email].body
    assert "Eva Typed" in by_address[contact.email].body
    assert "Dirk Smit" in by_address[coach.email].body


@pytest.mark.django_db
def test_no_mail_to_an_erased_participant(
    net: Network, contact: User, people: dict[str, Participant]
) -> None:
    meeting = meeting_in(net, 40)
    Registration.objects.create(meeting=meeting, enrolment=net.member, participant=people["anna"])
    participant_erase(participant=people["anna"])

    services.meeting_remind(meeting_id=meeting.pk)

    assert not Mail.objects.filter(to="anna@bakkerij-jansen.nl").exists()
    assert "Anna de Vries" not in "".join(Mail.objects.values_list("body", flat=True))


# --- Through a real worker ----------------------------------------------------------------


def unsent() -> bool:
    return Mail.objects.exclude(status=Mail.Status.SENT).exists()


def wait_until(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + 60
    while not condition():
        assert time.monotonic() < deadline, f"waited 60 s for {what}"
        time.sleep(0.1)


def test_a_real_worker_sends_each_message_once(
    celery_app: Celery, celery_worker: WorkController, net: Network
) -> None:
    meeting = meeting_in(net, 40)  # both the invitation and the reminder are due
    register(meeting, net.member, "Anna de Vries")
    services.meeting_announce(meeting=meeting)  # committed: the test database is transactional

    remind_meetings.delay()
    remind_meetings.delay()  # the beat task delivered twice, as after a lost acknowledgement
    wait_until(lambda: Mail.objects.count() == 6 and not unsent(), "the worker to send them")
    for pk in Mail.objects.values_list("pk", flat=True):
        send_mail.delay(pk)  # each mail's task delivered a second time
    time.sleep(2)

    assert len(mail.outbox) == 6  # three invitations, then two contacts and the facilitator
    assert sum("Anna de Vries" not in message.body for message in mail.outbox) == 3
    meeting.refresh_from_db()
    assert meeting.reminded_at is not None
