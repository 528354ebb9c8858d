"""Attendance figures per company and per network, and where the users see them."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from companies.models import Enrolment
from networks.models import LearningNetwork, Meeting, Registration
from networks.selectors import attendance_by_company, attendance_by_network, company_attendance
from tests.conftest import client_for
from tests.factories import EnrolmentFactory

pytestmark = pytest.mark.django_db
Status = Registration.Status
Figures = tuple[LearningNetwork, Enrolment, Enrolment]


def _meeting(network: LearningNetwork, days: int) -> Meeting:
    start = timezone.now() + datetime.timedelta(days=days)
    return Meeting.objects.create(
        network=network,
        theme=f"Dag {days}",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        location="Arnhem",
        capacity=10,
    )


def _come(meeting: Meeting, enrolment: Enrolment, name: str, **fields: object) -> Registration:
    return Registration.objects.create(meeting=meeting, enrolment=enrolment, name=name, **fields)


@pytest.fixture
def figures(contact: User) -> Figures:
    """Two past meetings and one to come; the contact's company came once, with two people."""
    ours = EnrolmentFactory.create(company=contact.contact.company, status="active")
    theirs = EnrolmentFactory.create(edition=ours.edition, status="active")
    network = LearningNetwork.objects.create(edition=ours.edition, name="Netwerk Rivierenland")
    network.members.add(ours, theirs)
    first, second, coming = _meeting(network, -30), _meeting(network, -2), _meeting(network, 5)
    _come(first, ours, "Anna", attended=True, is_mbo=True)
    _come(first, ours, "Bram", attended=True)
    _come(second, ours, "Anna", attended=False)
    _come(first, theirs, "Cem", attended=True, is_mbo=True)
    _come(second, theirs, "Cem", attended=True, is_mbo=True)
    _come(second, theirs, "Dirk", status=Status.CANCELLED, attended=True)
    _come(coming, ours, "Anna")
    elsewhere = LearningNetwork.objects.create(edition=ours.edition, name="Ander netwerk")
    elsewhere.members.add(ours)
    _come(_meeting(elsewhere, -1), ours, "Eva", attended=True)
    return network, ours, theirs


def test_attendance_per_company_counts_held_meetings_of_this_network_only(
    figures: Figures,
) -> None:
    network, ours, theirs = figures
    fields = ("meetings_attended", "registered", "attended")
    rows = {row.pop("pk"): row for row in attendance_by_company(network).values("pk", *fields)}

    assert rows[ours.pk] == {"meetings_attended": 1, "registered": 3, "attended": 2}
    assert rows[theirs.pk] == {"meetings_attended": 2, "registered": 2, "attended": 2}


def test_attendance_per_network(figures: Figures) -> None:
    network, _ours, _theirs = figures
    fields = ("meetings_held", "registered", "attended", "attended_mbo")
    rows = attendance_by_network(LearningNetwork.objects.filter(pk=network.pk))
    assert rows.values(*fields).get() == dict(zip(fields, (2, 5, 4, 3), strict=True))


def test_company_attendance_over_all_its_networks(figures: Figures) -> None:
    _network, ours, _theirs = figures
    assert company_attendance(ours) == {
        "meetings_held": 3,
        "meetings_attended": 2,
        "people_attended": 3,
    }


def test_the_company_dashboard_and_the_staff_dashboard_show_attendance(
    figures: Figures, contact: User, staff: User
) -> None:
    dashboard = client_for(contact).get(reverse("company_dashboard")).content.decode()
    staff_page = client_for(staff).get(reverse("staff_reach")).content.decode()

    assert "2 van 3 bijeenkomsten" in dashboard
    assert "Netwerk Rivierenland" in dashboard
    assert "Netwerk Rivierenland" in staff_page
