"""The staff dashboard flags trajectories that use their hours too slowly or too fast."""

import datetime

from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from coaching.models import CoachingSession
from companies.models import Enrolment
from tests.conftest import client_for
from tests.factories import EnrolmentFactory

TODAY = timezone.localdate()


def running(coach: User, name: str, *, days_in: int, minutes: int) -> Enrolment:
    start = TODAY - datetime.timedelta(days=days_in)
    enrolment = EnrolmentFactory.create(
        company__legal_name=name,
        status=Enrolment.Status.ACTIVE,
        start_date=start,
        end_date=start + datetime.timedelta(days=300),
        lead_coach=coach,
    )
    for _ in range(minutes // 600):
        CoachingSession.objects.create(
            enrolment=enrolment, coach=coach, date=start, minutes=600, activity="workshop"
        )
    return enrolment


def test_off_pace_trajectories_come_first_with_their_flag(
    staff: User, coach: User, django_assert_max_num_queries: object
) -> None:
    running(coach, "Op Schema B.V.", days_in=150, minutes=3600)
    running(coach, "Achterblijver B.V.", days_in=240, minutes=600)
    running(coach, "Snelle Starter B.V.", days_in=15, minutes=4800)
    client = client_for(staff)

    # A query per queue of the work surface, however many rows each holds.
    with django_assert_max_num_queries(15):  # type: ignore[operator]
        response = client.get(reverse("staff_dashboard"))

    html = response.content.decode()
    order = [html.index(name) for name in ("Achterblijver", "Snelle Starter", "Op Schema")]
    assert order[2] > max(order[:2]), "the trajectory on schedule comes after the flagged ones"
    assert html.count("pace--behind") == 1
    assert html.count("pace--ahead") == 1
    assert html.count("pace--on_track") == 1
