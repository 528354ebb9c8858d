"""The progress overview on the admin index: per edition, each figure with its link."""

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from accounts.models import User
from companies.models import Edition, Enrolment
from invoicing import services as invoicing
from reports.admin_dashboard import edition_panels
from tests.conftest import client_for
from tests.factories import (
    CoachingSessionFactory,
    DraftInvoiceFactory,
    EditionFactory,
    EnrolmentFactory,
    IssuerDetailsFactory,
    MeetingFactory,
)

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


def _running(edition: Edition, used_minutes: int) -> Enrolment:
    coach = User.objects.filter(coach__isnull=False).first()
    """Half-way through its ten months, with this much coach time used."""
    enrolment = EnrolmentFactory.create(
        edition=edition,
        status=Enrolment.Status.ACTIVE,
        start_date=TODAY - 150 * DAY,
        end_date=TODAY + 150 * DAY,
        lead_coach=coach,
    )
    if used_minutes:
        CoachingSessionFactory.create(
            enrolment=enrolment, minutes=used_minutes, date=TODAY - 10 * DAY
        )
    return enrolment


@pytest.fixture
def edition(staff: User, coach: User) -> Edition:
    """Five places: two running (one behind, one ahead), one accepted, one waiting."""
    edition = EditionFactory.create(name="Editie Vallei", places=5, coach_budget_minutes=600)
    _running(edition, 60)
    _running(edition, 540)
    EnrolmentFactory.create(edition=edition, status=Enrolment.Status.ACCEPTED)
    EnrolmentFactory.create(edition=edition, status=Enrolment.Status.SUBMITTED)
    network_meeting = MeetingFactory.create(network__edition=edition, theme="Samen leren")
    MeetingFactory.create(network=network_meeting.network, starts_at=timezone.now() - 9 * DAY)
    IssuerDetailsFactory.create()
    invoice = DraftInvoiceFactory.create(enrolment__edition=edition)
    invoicing.invoice_issue(invoice=invoice, by=staff, issue_date=TODAY - 40 * DAY)
    return edition


def test_each_edition_has_its_figures(edition: Edition) -> None:
    other = EditionFactory.create(name="Editie Achterhoek")
    panels = {panel.edition: panel for panel in edition_panels()}

    panel = panels[edition]
    assert {status: n for status, _label, n in panel.statuses} == {
        "submitted": 1,
        "accepted": 2,  # the invoice's enrolment is accepted too
        "active": 2,
    }
    assert panel.places_left == 1
    assert (panel.used_minutes, panel.budget_minutes) == (600, 1200)
    assert (panel.behind, panel.ahead) == (1, 1)
    assert (panel.overdue_count, panel.overdue_amount) == (1, Decimal("2420.00"))
    assert [m.theme for m in panel.meetings] == ["Samen leren"]
    assert panels[other].statuses == []
    assert panels[other].meetings == []


def test_the_overview_takes_the_same_queries_for_more_data(
    edition: Edition, django_assert_num_queries: Any
) -> None:
    with django_assert_num_queries(5) as first:
        edition_panels()
    bigger = EditionFactory.create()
    for minutes in (30, 300, 585):
        _running(bigger, minutes)
    MeetingFactory.create_batch(5, network__edition=bigger)
    with django_assert_num_queries(len(first.captured_queries)):
        edition_panels()


def test_the_admin_index_shows_the_overview_with_links(edition: Edition, staff: User) -> None:
    page = client_for(staff).get(reverse("admin:index")).content.decode()

    enrolments = reverse("admin:companies_enrolment_changelist")
    assert f"{enrolments}?edition__id__exact={edition.pk}&amp;status__exact=active" in page
    dashboard = reverse("staff_dashboard")
    assert f"{dashboard}?wachtrij=tempo&amp;editie={edition.pk}&amp;tempo=behind" in page
    assert "payment_status=overdue" in page
    assert "Samen leren" in page


def test_the_staff_dashboard_filters_by_edition_and_pace(edition: Edition, staff: User) -> None:
    running = Enrolment.objects.filter(edition=edition, status="active")
    behind, ahead = (escape(str(e.company)) for e in running.order_by("pk"))  # 60, 540 min
    url = f"{reverse('staff_dashboard')}?wachtrij=tempo&editie={edition.pk}&tempo=behind"
    page = client_for(staff).get(url).content.decode()
    assert behind in page
    assert ahead not in page
