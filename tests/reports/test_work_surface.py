"""The work surface (/staf/): the pace queue worked out by the database, the hour sums the
coaching services keep for it, the filters, the pages, and a query count that does not
grow with the rows."""

import datetime
import itertools
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from coaching import services
from coaching.models import BudgetAdjustment, CoachingSession
from coaching.selectors import BudgetStatus, Pace, burn_rate, with_pace
from companies.models import Enrolment, Region
from programme.selectors import current
from reports.queues import Filters, enrolments_awaiting_decision, off_pace
from reports.work_surface import ROWS_PER_PAGE
from tests.conftest import client_for
from tests.factories import CoachFactory, EditionFactory, EnrolmentFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def running(name: str, *, days_in: int, minutes: int, coach: User | None = None) -> Enrolment:
    """A trajectory of 300 days, ``days_in`` days under way, with ``minutes`` logged."""
    start = TODAY - datetime.timedelta(days=days_in)
    enrolment = EnrolmentFactory.create(
        company__legal_name=name,
        status=Enrolment.Status.ACTIVE,
        start_date=start,
        end_date=start + datetime.timedelta(days=300),
        lead_coach=coach,
    )
    Enrolment.objects.filter(pk=enrolment.pk).update(minutes_used=minutes)
    return enrolment


def test_the_pace_queue_holds_the_trajectories_behind_and_ahead(staff: User) -> None:
    running("Op Schema B.V.", days_in=150, minutes=3600)
    behind = running("Achterblijver B.V.", days_in=240, minutes=600)
    ahead = running("Snelle Starter B.V.", days_in=15, minutes=4800)

    assert {e.pace for e in off_pace()} == {Pace.BEHIND, Pace.AHEAD}
    assert set(off_pace()) == {behind, ahead}
    html = page(staff, wachtrij="tempo")
    assert "Achterblijver" in html
    assert "Snelle Starter" in html
    assert "Op Schema" not in html
    assert html.count("pace--behind") == html.count("pace--ahead") == 1


@pytest.mark.parametrize(
    ("days_in", "length", "used", "extra"),
    [
        *itertools.product((-5, 0, 30, 61, 150, 299, 300, 400), (300,), (0, 1440, 3600), (0,)),
        *itertools.product((10, 90, 200), (91, 365), (0, 2000, 7200, 9000), (0, 600)),
    ],
)
def test_the_database_judges_pace_as_burn_rate_does(
    days_in: int, length: int, used: int, extra: int
) -> None:
    start = TODAY - datetime.timedelta(days=days_in)
    enrolment = EnrolmentFactory.create(
        status=Enrolment.Status.ACTIVE,
        start_date=start,
        end_date=start + datetime.timedelta(days=length),
        edition__coach_budget_minutes=7200,
    )
    Enrolment.objects.filter(pk=enrolment.pk).update(minutes_used=used, minutes_extra=extra)
    enrolment.refresh_from_db()
    budget = BudgetStatus(budget_minutes=7200 + extra, used_minutes=used)
    expected = burn_rate(enrolment, today=TODAY, budget=budget)
    judged = with_pace(Enrolment.objects.filter(pk=enrolment.pk), today=TODAY).get()

    assert expected is not None
    assert judged.pace == expected.pace
    assert judged.budget_minutes == 7200 + extra


def test_the_coaching_services_keep_the_hour_sums(coach: User, staff: User) -> None:
    enrolment = EnrolmentFactory.create(
        status=Enrolment.Status.ACTIVE,
        start_date=TODAY - datetime.timedelta(days=10),
        end_date=TODAY + datetime.timedelta(days=290),
        lead_coach=coach,
    )
    fields = {"date": TODAY, "minutes": 90, "activity": "workshop"}
    session = services.session_log(enrolment=enrolment, coach=coach, fields=fields)
    services.session_log(enrolment=enrolment, coach=coach, fields={**fields, "minutes": 30})
    assert sums(enrolment) == (120, 0)

    services.session_update(session=session, by=coach, fields={"minutes": 60})
    assert sums(enrolment) == (90, 0)
    services.session_delete(session=session, by=coach)
    assert sums(enrolment) == (30, 0)

    extra = BudgetAdjustment.objects.create(
        enrolment=enrolment, minutes=600, reason="Meer nodig", requested_by=coach
    )
    assert sums(enrolment) == (30, 0), "asked is not approved"
    services.budget_adjustment_approve(adjustment=extra, by=staff)
    assert sums(enrolment) == (30, 600)
    services.budget_adjustment_change(adjustment=extra, by=staff, minutes=300, reason="Minder")
    assert sums(enrolment) == (30, 300)
    services.budget_adjustment_delete(adjustment=extra, by=staff)
    assert sums(enrolment) == (30, 0)
    total = sum(
        CoachingSession.objects.filter(enrolment=enrolment).values_list("minutes", flat=True)
    )
    assert total == 30


def sums(enrolment: Enrolment) -> tuple[int, int]:
    enrolment.refresh_from_db()
    return enrolment.minutes_used, enrolment.minutes_extra


def test_filters_narrow_every_queue_and_its_count(staff: User, coach: User) -> None:
    north = Region.objects.create(name="Noord-Testregio")
    south = Region.objects.create(name="Zuid-Testregio")
    edition, other_edition = EditionFactory.create(), EditionFactory.create()
    submitted = {"status": Enrolment.Status.SUBMITTED, "submitted_at": timezone.now()}
    bakery = EnrolmentFactory.create(
        company__legal_name="Bakkerij Noord", company__region=north, edition=edition, **submitted
    )
    EnrolmentFactory.create(
        company__legal_name="Garage Zuid", company__region=south, edition=edition, **submitted
    )
    EnrolmentFactory.create(
        company__legal_name="Zorg Noord", company__region=north, edition=other_edition, **submitted
    )
    coached = running("Gecoacht B.V.", days_in=240, minutes=0, coach=coach)

    def names(**filters: Any) -> set[str]:
        return {e.company.legal_name for e in enrolments_awaiting_decision(Filters(**filters))}

    assert names(region=north.pk) == {"Bakkerij Noord", "Zorg Noord"}
    assert names(region=north.pk, edition=edition.pk) == {"Bakkerij Noord"}
    assert names(company="bakkerij") == {"Bakkerij Noord"}
    assert list(off_pace(Filters(coach=coach.pk))) == [coached]
    other_coach = CoachFactory.create().user
    assert list(off_pace(Filters(coach=other_coach.pk))) == []
    coached.coaches.add(other_coach)
    assert list(off_pace(Filters(coach=other_coach.pk))) == [coached], "not only the lead"

    html = page(staff, wachtrij="besluit", regio=north.pk, editie=edition.pk)
    assert "Bakkerij Noord" in html
    assert "Garage Zuid" not in html
    assert "Zorg Noord" not in html
    assert reverse("enrolment_decide", args=[bakery.public_id]) in html
    assert (
        'id="queue-heading">Inschrijvingen die wachten op een besluit <span class="count">(1)'
        in html
    )


def test_bad_filters_are_ignored_not_a_500(staff: User) -> None:
    response = client_for(staff).get(
        reverse("staff_dashboard"),
        {"editie": "x", "regio": "99999", "coach": "-1", "wachtrij": "onbekend", "pagina": "z"},
    )
    assert response.status_code == 200


def test_a_long_queue_comes_in_pages(staff: User) -> None:
    for number in range(ROWS_PER_PAGE + 3):
        EnrolmentFactory.create(
            company__legal_name=f"Bedrijf {number:02d}",
            status=Enrolment.Status.SUBMITTED,
            submitted_at=timezone.now() + datetime.timedelta(seconds=number),
        )
    first = page(staff, wachtrij="besluit")
    second = page(staff, wachtrij="besluit", pagina=2)

    assert "Bedrijf 00" in first
    assert f"Bedrijf {ROWS_PER_PAGE - 1:02d}" in first
    assert f"Bedrijf {ROWS_PER_PAGE:02d}" not in first
    assert f"Bedrijf {ROWS_PER_PAGE:02d}" in second
    assert "Bedrijf 00" not in second
    assert "Pagina 2 van 2" in second


def test_the_first_queue_with_work_is_shown_when_none_is_chosen(staff: User) -> None:
    running("Achterblijver B.V.", days_in=240, minutes=0)
    html = page(staff)
    assert 'aria-current="page">Achter of voor op schema' in html
    assert "Achterblijver" in html


def test_the_work_surface_reads_the_same_number_of_queries_however_much_waits(
    staff: User,
) -> None:
    def count() -> int:
        client = client_for(staff)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("staff_dashboard"), {"wachtrij": "tempo"}).status_code == 200
        return len(captured)

    running("Eerste B.V.", days_in=240, minutes=0)
    current()  # the programme's settings, which every page reads, are in the cache already
    first = count()
    few = count()
    for number in range(6):
        running(f"Bedrijf {number} B.V.", days_in=15, minutes=6000)
        EnrolmentFactory.create(status=Enrolment.Status.SUBMITTED, submitted_at=timezone.now())
        CoachFactory.create()
    assert count() == few
    # The lists to filter by are read once and kept a minute: later visits skip them.
    assert few <= first - 3


def test_a_new_coach_is_in_the_filter_once_the_kept_lists_expire(staff: User) -> None:
    page(staff)
    CoachFactory.create(user__full_name="Nieuwe Coach")
    assert "Nieuwe Coach" not in page(staff)
    cache.delete("work-surface:filter-choices")  # as the minute running out does
    assert "Nieuwe Coach" in page(staff)


def page(staff: User, **query: Any) -> str:
    response = client_for(staff).get(reverse("staff_dashboard"), query)
    assert response.status_code == 200
    return response.content.decode()


def test_the_counts_follow_the_date_and_the_data(monkeypatch: pytest.MonkeyPatch) -> None:
    from reports.work_surface import _counted

    def tempo() -> int:
        return next(c.count for c in _counted(Filters()) if c.queue.key == "tempo")

    steady = running("Op Schema B.V.", days_in=150, minutes=3600)
    assert tempo() == 0
    later = TODAY + datetime.timedelta(days=120)
    monkeypatch.setattr(timezone, "localdate", lambda *args: later)
    assert tempo() == 1  # the same hours, four months on: behind
    Enrolment.objects.filter(pk=steady.pk).update(minutes_used=6000)
    assert tempo() == 0
