"""Meetings as iCalendar: one meeting's file for members, and each user's private feed."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from accounts.models import User
from coaching.models import Coach
from companies.models import Enrolment
from networks.models import CalendarFeed, LearningNetwork, Meeting
from networks.services import calendar_feed_renew
from tests.conftest import client_for
from tests.factories import EnrolmentFactory, LearningNetworkFactory, MeetingFactory

pytestmark = pytest.mark.django_db
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
SUMMER = datetime.datetime(2027, 3, 30, 19, 0, tzinfo=AMSTERDAM)  # CEST, UTC+2
WINTER = datetime.datetime(2027, 1, 12, 19, 0, tzinfo=AMSTERDAM)  # CET, UTC+1


@pytest.fixture
def network(contact: User, coach: User) -> LearningNetwork:
    member = EnrolmentFactory.create(
        company=contact.contact.company, status=Enrolment.Status.ACTIVE
    )
    return LearningNetworkFactory.create(
        edition=member.edition, name="Netwerk Achterhoek", members=[member], facilitators=[coach]
    )


@pytest.fixture
def other_network(other_contact: User) -> LearningNetwork:
    member = EnrolmentFactory.create(
        company=other_contact.contact.company, status=Enrolment.Status.ACTIVE
    )
    return LearningNetworkFactory.create(edition=member.edition, members=[member])


def meeting_at(network: LearningNetwork, start: datetime.datetime, **fields: object) -> Meeting:
    return MeetingFactory.create(
        network=network, starts_at=start, ends_at=start + datetime.timedelta(hours=2), **fields
    )


def parse(content: bytes) -> Calendar:
    return Calendar.from_ical(content)


def uids(calendar: Calendar) -> set[str]:
    return {str(event["UID"]) for event in calendar.events}


@pytest.mark.parametrize(("start", "utc_hour"), [(SUMMER, 17), (WINTER, 18)], ids=["cest", "cet"])
def test_the_meeting_file_keeps_the_local_time(
    network: LearningNetwork, contact: User, start: datetime.datetime, utc_hour: int
) -> None:
    meeting = meeting_at(
        network, start, theme="Leren van elkaar", agenda="Welkom\nRondgang", location="Winterswijk"
    )

    response = client_for(contact).get(reverse("meeting_ics", args=[meeting.public_id]))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment;")
    calendar = parse(response.content)
    [event] = calendar.events
    assert isinstance(event.start, datetime.datetime)
    assert event.start == start
    assert event.start.tzinfo == AMSTERDAM
    assert event.start.astimezone(datetime.UTC).hour == utc_hour
    assert event.end == start + datetime.timedelta(hours=2)
    assert [tz.tz_name for tz in calendar.timezones] == ["Europe/Amsterdam"]
    assert str(event["UID"]) == f"meeting-{meeting.public_id}@leercultuur"
    assert str(event["SUMMARY"]) == "Netwerk Achterhoek: Leren van elkaar"
    assert str(event["LOCATION"]) == "Winterswijk"
    page = f"{settings.SITE_URL}{reverse('meeting_detail', args=[meeting.public_id])}"
    assert str(event["URL"]) == page
    assert "Welkom\nRondgang" in str(event["DESCRIPTION"])
    assert page in str(event["DESCRIPTION"])
    assert str(calendar["PRODID"]) == "-//VNO-NCW Midden//Leercultuur MKB//NL"
    assert str(calendar["VERSION"]) == "2.0"


def test_an_online_meeting_has_its_link_as_location(network: LearningNetwork, coach: User) -> None:
    meeting = meeting_at(network, SUMMER, location="", online_url="https://meet.example.nl/abc")

    response = client_for(coach).get(reverse("meeting_ics", args=[meeting.public_id]))

    [event] = parse(response.content).events
    assert str(event["LOCATION"]) == "https://meet.example.nl/abc"


def test_outsiders_get_404_and_visitors_the_login_page(
    network: LearningNetwork, other_contact: User, other_coach: User
) -> None:
    url = reverse("meeting_ics", args=[meeting_at(network, SUMMER).public_id])

    assert client_for(other_contact).get(url).status_code == 404
    assert client_for(other_coach).get(url).status_code == 404
    anonymous = Client().get(url)
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith(reverse("account_login"))


def test_the_feed_lists_only_the_users_own_meetings(
    network: LearningNetwork, other_network: LearningNetwork, contact: User
) -> None:
    now = timezone.now()
    mine = [meeting_at(network, SUMMER), meeting_at(network, WINTER)]
    recent = meeting_at(network, now - datetime.timedelta(days=30))
    meeting_at(network, now - datetime.timedelta(days=120))  # too old for the feed
    meeting_at(other_network, SUMMER)  # another company's network
    feed = calendar_feed_renew(user=contact)

    # No session: a calendar app fetches the feed with the link alone.
    response = Client().get(reverse("calendar_feed", args=[feed.token]))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Cache-Control"] == "private, no-store"
    expected = {f"meeting-{m.public_id}@leercultuur" for m in [*mine, recent]}
    assert uids(parse(response.content)) == expected


def test_a_facilitator_and_staff_see_their_networks_in_the_feed(
    network: LearningNetwork, other_network: LearningNetwork, coach: User, staff: User
) -> None:
    ours, theirs = meeting_at(network, SUMMER), meeting_at(other_network, WINTER)

    def feed_of(user: User) -> set[str]:
        token = calendar_feed_renew(user=user).token
        return uids(parse(Client().get(reverse("calendar_feed", args=[token])).content))

    assert feed_of(coach) == {f"meeting-{ours.public_id}@leercultuur"}
    assert feed_of(staff) == {f"meeting-{m.public_id}@leercultuur" for m in (ours, theirs)}


def test_an_inactive_coachs_feed_no_longer_lists_their_networks_meetings(
    network: LearningNetwork, coach: User
) -> None:
    meeting_at(network, SUMMER)
    feed = reverse("calendar_feed", args=[calendar_feed_renew(user=coach).token])
    assert len(parse(Client().get(feed).content).events) == 1

    Coach.objects.filter(user=coach).update(is_active=False)

    response = Client().get(feed)
    assert response.status_code == 200  # an empty calendar: the app keeps the subscription
    assert parse(response.content).events == []


def test_a_renewed_link_replaces_the_old_one(network: LearningNetwork, contact: User) -> None:
    meeting_at(network, SUMMER)
    old = calendar_feed_renew(user=contact).token

    new = calendar_feed_renew(user=contact).token

    assert new != old
    assert CalendarFeed.objects.filter(user=contact).count() == 1
    client = Client()
    assert client.get(reverse("calendar_feed", args=[old])).status_code == 404
    assert client.get(reverse("calendar_feed", args=[new])).status_code == 200


def test_a_deactivated_users_feed_stops(contact: User) -> None:
    token = calendar_feed_renew(user=contact).token
    User.objects.filter(pk=contact.pk).update(is_active=False)

    assert Client().get(reverse("calendar_feed", args=[token])).status_code == 404


def test_the_page_makes_shows_and_renews_the_link(network: LearningNetwork, contact: User) -> None:
    client = client_for(contact)
    page = reverse("calendar_feed_page")
    assert 'id="calendar-link"' not in client.get(page).content.decode()

    assert client.post(page).status_code == 302
    first = CalendarFeed.objects.get(user=contact).token
    html = client.get(page).content.decode()
    link = f"http://testserver{reverse('calendar_feed', args=[first])}"
    assert f'value="{link}" readonly' in html
    assert '<label for="calendar-link">' in html

    client.post(page)
    renewed = CalendarFeed.objects.get(user=contact).token
    assert renewed != first
    assert str(renewed) in client.get(page).content.decode()
    assert Client().get(link).status_code == 404


def test_the_page_wants_a_login_and_a_role(plain_user: User) -> None:
    page = reverse("calendar_feed_page")

    response = Client().get(page)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert client_for(plain_user).get(page).status_code == 404
    assert client_for(plain_user).post(page).status_code == 404
    assert not CalendarFeed.objects.exists()
