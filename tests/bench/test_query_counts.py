"""The key pages of the benchmark make at most 15 queries, and the same number whatever the
amount of data: 2 companies or 10, each with sessions, analyses, a plan, network meetings
and invoices (no N+1, no query per row). `make bench` times the same pages on 2,000 and on
20,000 enrolments; this is its deterministic guard. The admin's enrolment list is guarded
as staff use it too: filtered, by one coach, searched."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from companies.models import Edition, Enrolment, NeedsAnalysis
from networks.models import LearningNetwork, Meeting
from tests.conftest import client_for
from tests.factories import (
    CoachFactory,
    CoachingSessionFactory,
    ContactFactory,
    DraftInvoiceFactory,
    EditionFactory,
    LearningNetworkFactory,
    MeetingFactory,
    NeedsAnalysisFactory,
    PlanActionFactory,
    RegistrationFactory,
    with_totp,
)

MAX_QUERIES = 15
# The company file shows a whole trajectory, a dozen sections, each one query.
QUERY_CAPS = {"company file": 22}
CHANGELIST = reverse("admin:companies_enrolment_changelist")


@dataclass
class World:
    edition: Edition
    coach: User
    staff: User
    network: LearningNetwork
    meetings: list[Meeting]
    contacts: list[User]
    enrolments: list[Enrolment]

    def add_companies(self, count: int) -> None:
        """Companies with a running trajectory and all that goes with it."""
        today = timezone.localdate()
        helper = with_totp(CoachFactory.create().user)
        for _ in range(count):
            contact = ContactFactory.create()
            ContactFactory.create(company=contact.company)  # a colleague
            enrolment = Enrolment.objects.create(
                edition=self.edition,
                company=contact.company,
                status=Enrolment.Status.ACTIVE,
                lead_coach=self.coach,
                start_date=today - datetime.timedelta(days=60),
                end_date=today + datetime.timedelta(days=240),
            )
            enrolment.coaches.add(helper)
            for day in range(4):
                CoachingSessionFactory.create(
                    enrolment=enrolment,
                    coach=self.coach if day else helper,
                    date=today - datetime.timedelta(days=day),
                )
            NeedsAnalysisFactory.create(
                enrolment=enrolment, status=NeedsAnalysis.Status.REVIEWED, answers={}
            )
            for status in ("done", "planned", "cancelled"):
                PlanActionFactory.create(
                    plan__enrolment=enrolment,
                    status=status,
                    done_date=today if status == "done" else None,
                )
            self.network.members.add(enrolment)
            for meeting in self.meetings:
                RegistrationFactory.create(meeting=meeting, enrolment=enrolment, attended=True)
                RegistrationFactory.create(
                    meeting=meeting, enrolment=enrolment, status="waitlisted"
                )
            DraftInvoiceFactory.create(enrolment=enrolment)
            self.contacts.append(contact.user)
            self.enrolments.append(enrolment)


@pytest.fixture
def world(coach: User, staff: User) -> World:
    edition = EditionFactory.create()
    network = LearningNetworkFactory.create(edition=edition, facilitators=[coach])
    now = timezone.now()
    meetings = [
        MeetingFactory.create(network=network, starts_at=now + datetime.timedelta(days=days))
        for days in (-30, -7, 14)
    ]
    return World(edition, coach, staff, network, meetings, [], [])


# (page, who opens it, its address) for the key pages of bench/RESULTS.md.
type Address = Callable[[World], str]
PAGES: list[tuple[str, Callable[[World], User], Address]] = [
    ("company dashboard", lambda w: w.contacts[0], lambda w: reverse("company_dashboard")),
    ("coach session page", lambda w: w.coach, lambda w: reverse("session_create")),
    ("coach week overview", lambda w: w.coach, lambda w: reverse("coach_week")),
    (
        "enrolment detail",
        lambda w: w.contacts[0],
        lambda w: reverse("enrolment_detail", args=[w.enrolments[0].public_id]),
    ),
    (
        "network page",
        lambda w: w.contacts[0],
        lambda w: reverse("network_detail", args=[w.network.public_id]),
    ),
    (
        "network page, facilitator",
        lambda w: w.coach,
        lambda w: reverse("network_detail", args=[w.network.public_id]),
    ),
    ("work surface", lambda w: w.staff, lambda w: reverse("staff_dashboard")),
    (
        "company file",
        lambda w: w.staff,
        lambda w: reverse("company_file", args=[w.enrolments[0].public_id]),
    ),
    ("admin enrolment list", lambda w: w.staff, lambda w: CHANGELIST),
    (
        "admin enrolment list, filtered",
        lambda w: w.staff,
        lambda w: f"{CHANGELIST}?status__exact=active&edition__id__exact={w.edition.pk}",
    ),
    (
        "admin enrolment list, one coach",
        lambda w: w.staff,
        lambda w: f"{CHANGELIST}?lead_coach={w.coach.pk}",
    ),
    ("admin enrolment list, searched", lambda w: w.staff, lambda w: f"{CHANGELIST}?q=a"),
    ("admin dashboard", lambda w: w.staff, lambda w: reverse("admin:index")),
]


def opened(client: Client, url: str, assert_max: Any, cap: int) -> int:
    """Queries of one request, the page opened once before (as in a running server)."""
    assert client.get(url).status_code == 200
    with assert_max(cap) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize(("page", "who", "address"), PAGES, ids=[page[0] for page in PAGES])
def test_key_page_queries_do_not_grow_with_the_data(
    world: World,
    page: str,
    who: Callable[[World], User],
    address: Address,
    django_assert_max_num_queries: Any,
) -> None:
    world.add_companies(2)
    client = client_for(who(world))
    cap = QUERY_CAPS.get(page, MAX_QUERIES)
    small = opened(client, address(world), django_assert_max_num_queries, cap)
    world.add_companies(8)
    large = opened(client, address(world), django_assert_max_num_queries, cap)
    assert small == large, f"{page}: {small} queries with 2 companies, {large} with 10"
