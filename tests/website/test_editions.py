"""The editions a company can enrol in: until when, and how many places are left by the rule
that accepts enrolments (a place is held once accepted)."""

import datetime
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from companies.models import Edition, Enrolment
from companies.services import places_taken
from tests.factories import EditionFactory, EnrolmentFactory
from website.selectors import coming_editions

pytestmark = pytest.mark.django_db
Status = Enrolment.Status


def days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


def fill(edition: Edition, **statuses: int) -> None:
    for status, count in statuses.items():
        EnrolmentFactory.create_batch(count, edition=edition, status=status)


def test_the_editions_page_shows_places_left_and_the_deadline(client: Client) -> None:
    edition = EditionFactory.create(name="Editie Veluwe", places=10, enrolment_closes=days(20))
    fill(edition, accepted=3, active=2, completed=1, submitted=4, waitlisted=2, withdrawn=1)

    page = client.get(reverse("public_editions")).content.decode()

    assert "Editie Veluwe" in page
    assert f"Open tot en met {days(20):%-d} " in page
    assert "4 van 10" in page  # submitted and waiting enrolments hold no place yet
    assert places_taken(edition) == 6
    assert "Aanmelden voor Editie Veluwe" in page


def test_a_full_edition_says_a_company_goes_on_the_waiting_list(client: Client) -> None:
    edition = EditionFactory.create(name="Editie Vol", places=2)
    fill(edition, accepted=2)

    page = client.get(reverse("public_editions")).content.decode()

    assert "Geen. U kunt zich nog wel aanmelden: u komt dan op de wachtlijst." in page
    assert coming_editions()[0].places_left == 0


def test_a_coming_edition_says_when_enrolment_opens(client: Client) -> None:
    EditionFactory.create(name="Editie Najaar", enrolment_opens=days(10), enrolment_closes=days(40))

    page = client.get(reverse("public_editions")).content.decode()

    assert "Editie Najaar" in page
    assert f"Gaat open op {days(10):%-d} " in page
    assert "Aanmelden voor Editie Najaar" not in page  # not yet


def test_closed_and_unopened_editions_are_not_offered(client: Client) -> None:
    EditionFactory.create(
        name="Editie Voorbij", enrolment_opens=days(-60), enrolment_closes=days(-2)
    )
    EditionFactory.create(name="Editie In Voorbereiding", is_open=False)

    page = client.get(reverse("public_editions")).content.decode()

    assert "Editie Voorbij" not in page
    assert "Editie In Voorbereiding" not in page
    assert "Op dit moment is er geen editie waarvoor u zich kunt aanmelden." in page
    assert coming_editions() == []


def test_editions_come_in_the_order_they_open(client: Client) -> None:
    later = EditionFactory.create(enrolment_opens=days(30), enrolment_closes=days(60))
    now = EditionFactory.create(enrolment_opens=days(-5), enrolment_closes=days(90))

    offers = coming_editions()

    assert [o.edition for o in offers] == [now, later]
    assert [o.open_now for o in offers] == [True, False]


def test_the_home_page_shows_the_next_edition(client: Client) -> None:
    edition = EditionFactory.create(name="Editie Rivierenland", places=12)
    fill(edition, accepted=4)

    page = client.get("/").content.decode()

    assert "Editie Rivierenland" in page
    assert "8 van 12" in page


def test_the_public_pages_read_the_editions_once_a_minute(
    client: Client, django_assert_num_queries: Any
) -> None:
    edition = EditionFactory.create(name="Editie Snel", places=5)
    client.get("/")  # the programme's settings and the editions, read and kept
    fill(edition, accepted=1)

    with django_assert_num_queries(0):
        page = client.get("/").content.decode()
    assert "5 van 5" in page  # a minute behind, at most

    cache.clear()
    assert "4 van 5" in client.get(reverse("public_editions")).content.decode()
