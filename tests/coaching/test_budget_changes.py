"""Staff cannot break the budget either: removing or lowering an approved adjustment, or
lowering an edition's budget, is refused once it would leave less than the time used."""

import datetime
from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from accounts.models import User
from coaching import services
from coaching.models import BudgetAdjustment, CoachingSession
from coaching.selectors import budget_status
from companies.models import Edition, Enrolment
from tests.concurrency import race
from tests.factories import (
    CoachFactory,
    CoachingSessionFactory,
    ContactFactory,
    EditionFactory,
    EnrolmentFactory,
    StaffFactory,
)

pytestmark = pytest.mark.usefixtures("english")

TODAY = timezone.localdate()


def running(coach: User, edition: Edition, name: str = "Bakkerij Jansen") -> Enrolment:
    return EnrolmentFactory.create(
        company=ContactFactory.create(company__legal_name=name).company,
        edition=edition,
        status=Enrolment.Status.ACTIVE,
        start_date=TODAY - datetime.timedelta(days=60),
        end_date=TODAY + datetime.timedelta(days=240),
        lead_coach=coach,
    )


def used(enrolment: Enrolment, minutes: int) -> None:
    """Sessions of at most 10 hours, one a day, adding up to ``minutes``."""
    day = 0
    while minutes > 0:
        chunk = min(minutes, 600)
        CoachingSessionFactory.create(
            enrolment=enrolment, date=TODAY - datetime.timedelta(days=day), minutes=chunk
        )
        minutes -= chunk
        day += 1


def approved(enrolment: Enrolment, minutes: int) -> BudgetAdjustment:
    return BudgetAdjustment.objects.create(
        enrolment=enrolment, minutes=minutes, reason="Extra teamsessie", approved_at=timezone.now()
    )


# --- Adjustments -------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_approved_adjustment_goes_only_while_the_rest_covers_the_time_used(
    coach: User, staff: User
) -> None:
    enrolment = running(coach, EditionFactory.create(coach_budget_minutes=120))
    extra = approved(enrolment, 120)
    used(enrolment, 180)

    with pytest.raises(ValidationError, match="3 h used, the budget would become 2 h"):
        services.budget_adjustment_delete(adjustment=extra, by=staff)
    assert BudgetAdjustment.objects.filter(pk=extra.pk).exists()

    CoachingSession.objects.filter(enrolment=enrolment).update(minutes=120)
    services.budget_adjustment_delete(adjustment=extra, by=staff)
    assert budget_status(enrolment).budget_minutes == 120


@pytest.mark.django_db
def test_an_unapproved_adjustment_changes_and_goes_freely(coach: User, staff: User) -> None:
    enrolment = running(coach, EditionFactory.create(coach_budget_minutes=120))
    used(enrolment, 120)
    asked = BudgetAdjustment.objects.create(enrolment=enrolment, minutes=60, reason="Vraag")

    services.budget_adjustment_change(adjustment=asked, by=staff, minutes=-60, reason="Minder")
    asked.refresh_from_db()
    assert (asked.minutes, asked.reason) == (-60, "Minder")
    services.budget_adjustment_delete(adjustment=asked, by=staff)
    assert not BudgetAdjustment.objects.exists()


@pytest.mark.django_db
def test_an_approved_adjustment_is_lowered_only_to_what_is_used(coach: User, staff: User) -> None:
    enrolment = running(coach, EditionFactory.create(coach_budget_minutes=120))
    extra = approved(enrolment, 120)
    used(enrolment, 180)

    with pytest.raises(ValidationError, match="smaller than the time already used"):
        services.budget_adjustment_change(adjustment=extra, by=staff, minutes=45, reason="Minder")
    services.budget_adjustment_change(adjustment=extra, by=staff, minutes=60, reason="Minder")

    assert budget_status(enrolment).budget_minutes == 180


@pytest.mark.django_db
def test_an_adjustment_approved_while_the_form_was_open_is_checked_as_approved(
    coach: User, staff: User
) -> None:
    """The service reads the row again under the lock: the caller's copy may be old."""
    enrolment = running(coach, EditionFactory.create(coach_budget_minutes=60))
    asked = BudgetAdjustment.objects.create(enrolment=enrolment, minutes=120, reason="Extra")
    stale = BudgetAdjustment.objects.get(pk=asked.pk)
    services.budget_adjustment_approve(adjustment=asked, by=staff)
    used(enrolment, 180)

    with pytest.raises(ValidationError, match="smaller"):
        services.budget_adjustment_change(adjustment=stale, by=staff, minutes=15, reason="x")
    with pytest.raises(ValidationError, match="smaller"):
        services.budget_adjustment_delete(adjustment=stale, by=staff)


@pytest.mark.django_db
def test_only_staff_change_budgets(coach: User) -> None:
    edition = EditionFactory.create()
    extra = approved(running(coach, edition), 60)

    with pytest.raises(ValidationError, match="Only programme staff"):
        services.budget_adjustment_delete(adjustment=extra, by=coach)
    with pytest.raises(ValidationError, match="Only programme staff"):
        services.budget_adjustment_change(adjustment=extra, by=coach, minutes=15, reason="x")
    with pytest.raises(ValidationError, match="Only programme staff"):
        services.edition_budget_change(edition=edition, minutes=60, by=coach)


# --- An edition's budget -----------------------------------------------------------------


@pytest.mark.django_db
def test_an_editions_budget_is_lowered_only_to_what_every_company_used(
    coach: User, staff: User
) -> None:
    edition = EditionFactory.create(coach_budget_minutes=600)
    busy, quiet = running(coach, edition, "Bakkerij Druk"), running(coach, edition, "Metaal Rustig")
    used(busy, 300)
    used(quiet, 60)
    approved(busy, 60)  # so 240 + 60 still covers the 300 used

    with pytest.raises(ValidationError) as error:
        services.edition_budget_change(edition=edition, minutes=225, by=staff)
    assert "Bakkerij Druk" in error.value.message_dict["minutes"][0]
    assert "Metaal Rustig" not in error.value.message_dict["minutes"][0]
    edition.refresh_from_db()
    assert edition.coach_budget_minutes == 600

    services.edition_budget_change(edition=edition, minutes=240, by=staff)
    fresh = Enrolment.objects.filter(pk__in=[busy.pk, quiet.pk]).order_by("company__legal_name")
    assert [budget_status(e).budget_minutes for e in fresh] == [300, 240]


@pytest.mark.django_db
@pytest.mark.parametrize("minutes", [-15, 100])
def test_an_editions_budget_is_whole_quarter_hours(staff: User, minutes: int) -> None:
    with pytest.raises(ValidationError, match="quarter hours"):
        services.edition_budget_change(edition=EditionFactory.create(), minutes=minutes, by=staff)


# --- Staff and coaches at the same instant -----------------------------------------------


def failures(results: list[object]) -> list[object]:
    """What went wrong other than a refusal: a deadlock or another database error."""
    return [
        r for r in results if isinstance(r, BaseException) and not isinstance(r, ValidationError)
    ]


def log_hour(enrolment: Enrolment, coach: User) -> Callable[[], object]:
    fields = {"date": TODAY, "minutes": 60, "activity": "conversation"}
    return lambda: services.session_log(enrolment=enrolment, coach=coach, fields=fields)


def coaches_of(enrolment: Enrolment, count: int) -> list[User]:
    coaches = [CoachFactory.create().user for _ in range(count)]
    enrolment.coaches.add(*coaches)
    return coaches


def within_budget(enrolment: Enrolment) -> bool:
    status = budget_status(Enrolment.objects.get(pk=enrolment.pk))
    return status.used_minutes <= status.budget_minutes


@pytest.mark.django_db(transaction=True)
def test_removing_an_adjustment_while_coaches_log_never_passes_the_budget() -> None:
    assert connection.vendor == "postgresql", "row locks are what this test proves"
    staff = StaffFactory.create()
    enrolment = running(CoachFactory.create().user, EditionFactory.create(coach_budget_minutes=120))
    extra = approved(enrolment, 180)
    coaches = coaches_of(enrolment, 4)

    results = race(
        [
            *(log_hour(enrolment, coach) for coach in coaches),
            lambda: services.budget_adjustment_delete(adjustment=extra, by=staff),
        ]
    )

    assert not failures(results), results
    assert within_budget(enrolment), results
    removed = not BudgetAdjustment.objects.filter(pk=extra.pk).exists()
    logged = CoachingSession.objects.filter(enrolment=enrolment).count()
    assert logged == (2 if removed else 4), results


@pytest.mark.django_db(transaction=True)
def test_lowering_an_editions_budget_while_coaches_log_never_passes_it() -> None:
    """Two companies of one edition, coaches logging for both, staff lowering the edition's
    budget in the same instant: no company ends up above its budget, and nobody deadlocks."""
    assert connection.vendor == "postgresql", "row locks are what this test proves"
    staff = StaffFactory.create()
    edition = EditionFactory.create(coach_budget_minutes=240)
    lead = CoachFactory.create().user
    first, second = running(lead, edition, "Bakkerij Een"), running(lead, edition, "Metaal Twee")
    work: list[Callable[[], object]] = []
    for enrolment in (first, second):
        used(enrolment, 60)
        work += [log_hour(enrolment, coach) for coach in coaches_of(enrolment, 3)]

    results = race(
        [*work, lambda: services.edition_budget_change(edition=edition, minutes=120, by=staff)]
    )

    assert not failures(results), results
    assert within_budget(first), results
    assert within_budget(second), results
    edition.refresh_from_db()
    assert edition.coach_budget_minutes in {120, 240}
