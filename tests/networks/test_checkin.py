"""The public check-in page at the door: typed name and company, no list of members, and
a limit per meeting and client address (counted in Redis, let through while it is down).
"""

import socket
import time
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django import Settings

from accounts.models import User
from companies.models import Enrolment
from networks.models import Meeting, Registration
from people.models import Participant
from people.services import participant_erase
from tests.factories import EnrolmentFactory, ParticipantFactory, meeting_for

pytestmark = pytest.mark.django_db
NOT_FOUND = "We kunnen deze naam en dit bedrijf niet vinden bij de aanmeldingen"


@pytest.fixture
def member(contact: User) -> Enrolment:
    company = contact.contact.company
    company.legal_name, company.trade_name = "Bakkerij Jansen B.V.", "Het Zoete Brood"
    company.save()
    return EnrolmentFactory.create(company=company, status=Enrolment.Status.ACTIVE)


@pytest.fixture
def outsider(member: Enrolment) -> Enrolment:
    """A company of the same edition, not in the network."""
    enrolment = EnrolmentFactory.create(
        edition=member.edition,
        status=Enrolment.Status.ACTIVE,
        company__legal_name="Metaalbewerking Oost B.V.",
    )
    return enrolment


def meeting_of(member: Enrolment, hours_from_now: float = 0.5) -> Meeting:
    return meeting_for(member, capacity=10, days=hours_from_now / 24)


@pytest.fixture
def meeting(member: Enrolment) -> Meeting:
    return meeting_of(member)


def check_in(meeting: Meeting, name: str, company: str, client: Client | None = None) -> str:
    response = (client or Client()).post(
        reverse("checkin", args=[meeting.checkin_token]), {"name": name, "company": company}
    )
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    ("name", "company"),
    [
        ("Anna de Vries", "Bakkerij Jansen B.V."),
        (" anna  DE vries ", "bakkerij jansen bv"),
        ("Anna de Vries", "Bakkerij Jansen"),
        ("anna de vries", "het zoete brood"),
    ],
)
def test_checking_in_with_ones_name_and_company(
    meeting: Meeting, member: Enrolment, name: str, company: str
) -> None:
    anna = Registration.objects.create(meeting=meeting, enrolment=member, name="Anna de Vries")

    page = check_in(meeting, name, company)

    anna.refresh_from_db()
    assert anna.attended is True
    assert "u bent ingecheckt" in page


def test_a_participant_checks_in_under_their_name_on_the_list(
    meeting: Meeting, member: Enrolment
) -> None:
    anna = ParticipantFactory.create(company=member.company, name="Anna van 't Hek")
    registration = Registration.objects.create(meeting=meeting, enrolment=member, participant=anna)

    page = check_in(meeting, "anna van t hek", "Het Zoete Brood")

    registration.refresh_from_db()
    assert registration.attended is True
    assert registration.participant == anna
    assert "Anna van &#x27;t Hek, u bent ingecheckt" in page


def test_the_name_to_check_in_under_follows_the_participant(
    meeting: Meeting, member: Enrolment
) -> None:
    anna = ParticipantFactory.create(company=member.company, name="Anna de Vries")
    registration = Registration.objects.create(meeting=meeting, enrolment=member, participant=anna)
    Participant.objects.filter(pk=anna.pk).update(name="Anna Smit")

    assert NOT_FOUND in check_in(meeting, "Anna de Vries", "Bakkerij Jansen")
    check_in(meeting, "Anna Smit", "Bakkerij Jansen")

    registration.refresh_from_db()
    assert registration.attended is True


def test_an_erased_participant_is_not_found_by_the_placeholder(
    meeting: Meeting, member: Enrolment
) -> None:
    anna = participant_erase(participant=ParticipantFactory.create(company=member.company))
    registration = Registration.objects.create(meeting=meeting, enrolment=member, participant=anna)

    assert NOT_FOUND in check_in(meeting, anna.name, "Bakkerij Jansen")

    registration.refresh_from_db()
    assert registration.attended is None


def test_nothing_matching_gets_one_message_that_tells_nothing(
    meeting: Meeting, member: Enrolment, outsider: Enrolment
) -> None:
    """A wrong name, a member company, a company outside the network or none at all: the
    page answers the same, so it cannot be used to find out who takes part. Too early,
    the right name marks nobody either."""
    anna = Registration.objects.create(meeting=meeting, enrolment=member, name="Anna de Vries")
    cancelled = Registration.objects.create(
        meeting=meeting, enrolment=member, name="Bram", status=Registration.Status.CANCELLED
    )

    pages = [
        check_in(meeting, "Onbekend", "Bakkerij Jansen B.V."),
        check_in(meeting, "Anna de Vries", "Metaalbewerking Oost B.V."),
        check_in(meeting, "Anna de Vries", "Bestaat Niet B.V."),
        check_in(meeting, "Bram", "Bakkerij Jansen B.V."),
    ]

    assert all(NOT_FOUND in page for page in pages)
    assert len({page.count(NOT_FOUND) for page in pages}) == 1
    coming = meeting_of(member, hours_from_now=24)
    early = Registration.objects.create(meeting=coming, enrolment=member, name="Anna de Vries")
    assert "een uur voor de bijeenkomst" in check_in(coming, "Anna de Vries", "Bakkerij Jansen")
    for registration in (anna, cancelled, early):
        registration.refresh_from_db()
        assert registration.attended is None


def test_the_page_lists_no_member_companies(meeting: Meeting, member: Enrolment) -> None:
    Registration.objects.create(meeting=meeting, enrolment=member, name="Anna de Vries")

    page = Client().get(reverse("checkin", args=[meeting.checkin_token])).content.decode()

    assert "<select" not in page
    for text in ("Bakkerij Jansen", "Het Zoete Brood", str(member.public_id), "Anna"):
        assert text not in page
    assert 'name="name"' in page
    assert 'name="company"' in page


# --- The limit ---------------------------------------------------------------------------


@pytest.fixture
def limit(settings: Settings) -> int:
    settings.CHECKIN_RATE_LIMIT = 3
    return 3


def attempts(meeting: Meeting, count: int, **address: Any) -> list[int]:
    url = reverse("checkin", args=[meeting.checkin_token])
    data = {"name": "Raad Maar", "company": "Geraden B.V."}
    return [Client().post(url, data, **address).status_code for _ in range(count)]


def test_too_many_attempts_from_one_address_get_a_clear_429(
    meeting: Meeting, member: Enrolment, limit: int
) -> None:
    assert attempts(meeting, limit) == [200] * limit

    response = Client().get(reverse("checkin", args=[meeting.checkin_token]))

    assert response.status_code == 429
    assert response["Retry-After"] == "600"
    page = response.content.decode()
    assert "Te veel pogingen" in page
    assert "Wacht een paar minuten" in page
    assert meeting.theme not in page
    # Another address, and the same address at another meeting, go on as usual.
    assert attempts(meeting, 1, REMOTE_ADDR="198.51.100.7") == [200]
    assert attempts(meeting_of(member), 1) == [200]


def test_the_limit_ends_with_its_window(meeting: Meeting, limit: int, settings: Settings) -> None:
    settings.CHECKIN_RATE_WINDOW = 1
    attempts(meeting, limit)
    assert attempts(meeting, 1) == [429]

    time.sleep(1.2)

    assert attempts(meeting, 1) == [200]


def test_behind_the_proxy_each_client_has_its_own_limit(
    meeting: Meeting, limit: int, settings: Settings
) -> None:
    """As for the login limits: the proxy's own (last) X-Forwarded-For entry names the
    client; a spoofed first entry does not give a fresh limit."""
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    assert attempts(meeting, limit, HTTP_X_FORWARDED_FOR="203.0.113.9", **proxy) == [200] * 3

    spoofed = "198.51.100.1, 203.0.113.9"
    assert attempts(meeting, 1, HTTP_X_FORWARDED_FOR=spoofed, **proxy) == [429]
    assert attempts(meeting, 1, HTTP_X_FORWARDED_FOR="203.0.113.10", **proxy) == [200]


@pytest.fixture
def redis_down(settings: Settings) -> None:
    """The portal's cache backend, pointed at a port where no Redis listens."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    settings.CACHES = {
        "default": {
            "BACKEND": "leercultuur.cache.FailSoftRedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }


@pytest.mark.usefixtures("redis_down")
def test_with_redis_down_checking_in_still_works(
    meeting: Meeting, member: Enrolment, limit: int
) -> None:
    """Decided: the limit fails open (leercultuur/ratelimit.py). The page is behind the
    meeting's secret link; a Redis outage must not stop people checking in at the door."""
    anna = Registration.objects.create(meeting=meeting, enrolment=member, name="Anna")

    assert attempts(meeting, limit + 2) == [200] * (limit + 2)
    assert "u bent ingecheckt" in check_in(meeting, "Anna", "Bakkerij Jansen")

    anna.refresh_from_db()
    assert anna.attended is True
