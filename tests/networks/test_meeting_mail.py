"""Invitations when a meeting is scheduled and reminders 48 hours before: each sent once."""

import datetime
import threading
from dataclasses import dataclass
from typing import Any

import pytest
from celery import Celery
from celery.signals import task_postrun
from celery.worker import WorkController
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar
from pytest_django import Settings

from accounts.models import User
from companies.models import Enrolment
from networks import services
from networks.models import LearningNetwork, Meeting, Registration
from networks.tasks import send_meeting_invitations, send_meeting_messages, send_meeting_reminders
from tests.conftest import client_for
from tests.factories import (
    ContactFactory,
    EnrolmentFactory,
    LearningNetworkFactory,
    MeetingFactory,
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

    assert send_meeting_invitations(meeting.pk) == 3
    assert send_meeting_invitations(meeting.pk) == 0  # delivered a second time

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
    meeting.refresh_from_db()
    assert meeting.invitations_sent_at is not None


@pytest.mark.django_db
def test_no_invitation_for_a_meeting_that_has_begun(net: Network) -> None:
    meeting = meeting_in(net, -1)

    assert services.meeting_announce(meeting=meeting) is False
    assert send_meeting_invitations(meeting.pk) == 0
    assert mail.outbox == []


@pytest.mark.django_db
def test_a_mail_server_that_is_down_leaves_the_invitations_to_send(
    net: Network, settings: Settings
) -> None:
    meeting = meeting_in(net, 24 * 10)
    real = settings.MAILERS
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": 9, "timeout": 5},  # nothing listens
        }
    }

    with pytest.raises(OSError):  # noqa: PT011 - refused or unreachable, either will do
        services.meeting_invitations_send(meeting_id=meeting.pk)

    meeting.refresh_from_db()
    assert meeting.invitations_sent_at is None  # the claim is released for a retry
    settings.MAILERS = real
    assert services.meeting_invitations_send(meeting_id=meeting.pk) == 3


@pytest.mark.django_db
def test_adding_a_meeting_in_the_admin_sends_invitations_after_commit(
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
    assert len(callbacks) == 1
    assert len(mail.outbox) == 3
    assert Meeting.objects.get(theme="Leren met AI").invitations_sent_at is not None


@pytest.mark.django_db
def test_a_meeting_added_inline_to_its_network_is_announced_too(
    net: Network, staff: User, coach: User, django_capture_on_commit_callbacks: Any
) -> None:
    existing = meeting_in(net, 24 * 3, invitations_sent_at=timezone.now())
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

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client_for(staff).post(url, form)

    assert response.status_code == 302
    assert len(callbacks) == 1  # the new meeting only
    new = Meeting.objects.get(theme="Nieuwe bijeenkomst")
    assert new.invitations_sent_at is not None
    assert {str(ics_of(m).events[0]["UID"]) for m in mail.outbox} == {
        f"meeting-{new.public_id}@leercultuur"
    }


# --- Reminders --------------------------------------------------------------------------


def register(
    meeting: Meeting, enrolment: Enrolment, name: str, status: str = Status.REGISTERED
) -> None:
    RegistrationFactory.create(meeting=meeting, enrolment=enrolment, name=name, status=status)


@pytest.mark.django_db
def test_the_sweep_reminds_only_within_48_hours_of_the_start(net: Network) -> None:
    sent = timezone.now()
    meetings = {hours: meeting_in(net, hours, invitations_sent_at=sent) for hours in (72, 47, -1)}
    for meeting in meetings.values():
        register(meeting, net.member, "Anna de Vries")

    send_meeting_messages()
    send_meeting_messages()  # the next run, a quarter of an hour later

    reminded = {h for h, m in meetings.items() if Meeting.objects.get(pk=m.pk).reminders_sent_at}
    assert reminded == {47}
    uids = {str(ics_of(message).events[0]["UID"]) for message in mail.outbox}
    assert uids == {f"meeting-{meetings[47].public_id}@leercultuur"}


@pytest.mark.django_db
def test_the_sweep_sends_invitations_that_never_went_out(net: Network) -> None:
    coming = meeting_in(net, 24 * 10)
    meeting_in(net, -24)  # over: no invitation any more

    assert send_meeting_messages() == 1
    assert send_meeting_messages() == 0

    assert len(mail.outbox) == 3
    coming.refresh_from_db()
    assert coming.invitations_sent_at is not None


@pytest.mark.django_db
def test_a_reminder_lists_each_company_its_own_people(
    net: Network, contact: User, coach: User, other_contact: User
) -> None:
    meeting = meeting_in(net, 40, invitations_sent_at=timezone.now())
    register(meeting, net.member, "Anna de Vries")
    register(meeting, net.member, "Bram Jansen")
    register(meeting, net.member, "Cem Yilmaz", Status.CANCELLED)
    register(meeting, net.second, "Dirk Smit", Status.WAITLISTED)  # no place: no reminder

    assert send_meeting_reminders(meeting.pk) == 3
    assert send_meeting_reminders(meeting.pk) == 0

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
    meeting = meeting_in(net, 40, invitations_sent_at=timezone.now())
    register(meeting, net.member, "Anna de Vries")
    register(meeting, net.second, "Dirk Smit")

    send_meeting_reminders(meeting.pk)

    by_address = {message.to[0]: message.body for message in mail.outbox}
    assert "Dirk Smit" not in by_address[contact.email]
    assert "Anna de Vries" not in by_address[net.second_contact.email]
    assert "Anna de Vries" in by_address[coach.email]
    assert "Dirk Smit" in by_address[coach.email]
    assert str(net.second.company) in by_address[coach.email]


# --- Through a real worker ----------------------------------------------------------------


def test_a_real_worker_sends_each_message_once(
    celery_app: Celery, celery_worker: WorkController, net: Network
) -> None:
    meeting = meeting_in(net, 40)  # both the invitation and the reminder are due
    register(meeting, net.member, "Anna de Vries")
    finished = threading.Semaphore(0)

    def count(**_kwargs: object) -> None:
        finished.release()

    task_postrun.connect(count, weak=False)
    try:
        for task in [send_meeting_invitations] * 2 + [send_meeting_reminders] * 2:
            task.delay(meeting.pk)  # each delivered twice, as after a lost acknowledgement
        for _ in range(4):
            assert finished.acquire(timeout=60), "the worker did not finish the tasks"
    finally:
        task_postrun.disconnect(count)

    assert len(mail.outbox) == 6  # three invitations, then two contacts and the facilitator
    assert sum("Anna de Vries" not in message.body for message in mail.outbox) == 3
    meeting.refresh_from_db()
    assert meeting.invitations_sent_at is not None
    assert meeting.reminders_sent_at is not None
