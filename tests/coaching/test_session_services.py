"""Coach time against the 120-hour budget: the rules of logging, changing and approving."""

import datetime
from functools import partial
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accounts.models import User
from coaching import services
from coaching.models import BudgetAdjustment, CoachingSession
from coaching.selectors import budget_status
from companies.models import Enrolment
from tests.concurrency import race
from tests.factories import CoachFactory, EditionFactory, EnrolmentFactory

# The assertions read the English source messages; the interface itself is Dutch.
pytestmark = pytest.mark.usefixtures("english")

TODAY = timezone.localdate()


def active_enrolment(coach: User, *, budget: int = 120 * 60, **extra: Any) -> Enrolment:
    return EnrolmentFactory.create(
        edition=EditionFactory.create(coach_budget_minutes=budget),
        status=Enrolment.Status.ACTIVE,
        start_date=TODAY - datetime.timedelta(days=60),
        end_date=TODAY + datetime.timedelta(days=240),
        lead_coach=coach,
        **extra,
    )


def session(minutes: int = 60, **overrides: Any) -> dict[str, Any]:
    return {"date": TODAY, "minutes": minutes, "activity": "conversation", **overrides}


@pytest.mark.django_db
def test_logging_uses_the_budget(coach: User) -> None:
    enrolment = active_enrolment(coach)

    services.session_log(enrolment=enrolment, coach=coach, fields=session(90))

    status = budget_status(enrolment)
    assert (status.used_minutes, status.left_minutes) == (90, 120 * 60 - 90)


@pytest.mark.django_db
def test_a_session_past_the_budget_is_refused_with_the_time_left(coach: User) -> None:
    enrolment = active_enrolment(coach, budget=120)
    services.session_log(enrolment=enrolment, coach=coach, fields=session(75))

    with pytest.raises(ValidationError) as error:
        services.session_log(enrolment=enrolment, coach=coach, fields=session(60))

    assert "45 min" in error.value.message_dict["minutes"][0]
    assert CoachingSession.objects.count() == 1


@pytest.mark.django_db
def test_editing_a_session_counts_its_own_minutes_once(coach: User) -> None:
    enrolment = active_enrolment(coach, budget=120)
    logged = services.session_log(enrolment=enrolment, coach=coach, fields=session(120))

    services.session_update(session=logged, by=coach, fields={"minutes": 105})

    assert budget_status(enrolment).left_minutes == 15


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (session(date=TODAY + datetime.timedelta(days=1)), "future"),
        (session(date=TODAY - datetime.timedelta(days=90)), "within the trajectory"),
    ],
)
def test_session_dates_lie_in_the_trajectory_and_not_ahead(
    coach: User, fields: dict[str, Any], message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        services.session_log(enrolment=active_enrolment(coach), coach=coach, fields=fields)


@pytest.mark.django_db
def test_a_coach_logs_only_for_assigned_companies(coach: User, other_coach: User) -> None:
    enrolment = active_enrolment(coach)

    with pytest.raises(ValidationError, match="your own sessions"):
        services.session_log(enrolment=enrolment, coach=other_coach, fields=session())


@pytest.mark.django_db
def test_a_closed_month_is_corrected_by_staff_only(coach: User, staff: User) -> None:
    enrolment = active_enrolment(coach)
    logged = services.session_log(enrolment=enrolment, coach=coach, fields=session())
    services.period_close(month=TODAY, by=staff)

    with pytest.raises(ValidationError, match="closed"):
        services.session_update(session=logged, by=coach, fields={"minutes": 45})
    services.session_update(session=logged, by=staff, fields={"minutes": 45})

    logged.refresh_from_db()
    assert logged.minutes == 45


@pytest.mark.django_db
def test_approved_adjustments_change_the_budget(coach: User, staff: User) -> None:
    enrolment = active_enrolment(coach, budget=60)
    extra = BudgetAdjustment.objects.create(enrolment=enrolment, minutes=120, reason="Extra team")
    assert budget_status(enrolment).budget_minutes == 60  # not yet approved

    services.budget_adjustment_approve(adjustment=extra, by=staff)

    assert budget_status(enrolment).budget_minutes == 180
    with pytest.raises(ValidationError, match="approved already"):
        services.budget_adjustment_approve(adjustment=extra, by=staff)


@pytest.mark.django_db
def test_a_reduction_never_goes_below_what_is_used(coach: User, staff: User) -> None:
    enrolment = active_enrolment(coach, budget=120)
    services.session_log(enrolment=enrolment, coach=coach, fields=session(90))
    cut = BudgetAdjustment.objects.create(enrolment=enrolment, minutes=-60, reason="Te veel")

    with pytest.raises(ValidationError, match="smaller"):
        services.budget_adjustment_approve(adjustment=cut, by=staff)


@given(minutes=st.integers(min_value=-1000, max_value=2000))
def test_durations_are_whole_quarter_hours_within_bounds(minutes: int) -> None:
    valid = 15 <= minutes <= 600 and minutes % 15 == 0
    try:
        services.validate_duration(minutes)
    except ValidationError:
        assert not valid
    else:
        assert valid


@given(minutes=st.integers(min_value=-100_000, max_value=100_000))
def test_format_minutes_reads_back_to_the_same_number(minutes: int) -> None:
    text = services.format_minutes(minutes)
    sign, body = (-1, text[1:]) if text.startswith("-") else (1, text)
    hours = int(body.split(" h")[0]) if " h" in body else 0
    rest = int(body.split(" ")[-2]) if body.endswith("min") else 0
    assert sign * (hours * 60 + rest) == minutes


@pytest.mark.django_db(transaction=True)
def test_coaches_saving_at_the_same_instant_never_pass_the_budget() -> None:
    assert connection.vendor == "postgresql", "row locks are what this test proves"
    coaches = [CoachFactory.create().user for _ in range(6)]
    enrolment = active_enrolment(coaches[0], budget=240)
    enrolment.coaches.add(*coaches[1:])

    results = race(
        [
            partial(services.session_log, enrolment=enrolment, coach=coach, fields=session(60))
            for coach in coaches
        ]
    )

    logged = [r for r in results if isinstance(r, CoachingSession)]
    refused = [r for r in results if isinstance(r, ValidationError)]
    assert (len(logged), len(refused)) == (4, 2), results  # a database error is neither
    assert budget_status(enrolment).used_minutes == 240


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("used", "day", "pace"),
    [(0, 150, "behind"), (3600, 150, "on_track"), (3600, 30, "ahead"), (7200, 300, "on_track")],
)
def test_burn_rate_compares_hours_used_with_time_passed(
    coach: User, used: int, day: int, pace: str
) -> None:
    from coaching.selectors import burn_rate

    enrolment = active_enrolment(coach)
    start = enrolment.start_date
    assert start is not None
    for _ in range(used // 600):
        CoachingSession.objects.create(
            enrolment=enrolment, coach=coach, date=start, minutes=600, activity="workshop"
        )

    rate = burn_rate(enrolment, today=start + datetime.timedelta(days=day))

    assert rate is not None
    assert rate.pace == pace


quarters = st.integers(min_value=1, max_value=40).map(lambda n: n * 15)


@pytest.mark.django_db
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    base=st.integers(min_value=1, max_value=20).map(lambda n: n * 60),
    adjustments=st.lists(st.tuples(quarters, st.booleans()), max_size=4),
    sessions=st.lists(quarters, max_size=12),
)
def test_budget_arithmetic_with_adjustments(
    coach: User, base: int, adjustments: list[tuple[int, bool]], sessions: list[int]
) -> None:
    with transaction.atomic():
        enrolment = active_enrolment(coach, budget=base)
        for minutes, approved in adjustments:
            BudgetAdjustment.objects.create(
                enrolment=enrolment,
                minutes=minutes,
                reason="Extra",
                approved_at=timezone.now() if approved else None,
            )
        budget = base + sum(minutes for minutes, approved in adjustments if approved)
        expected_used = 0
        for day, minutes in enumerate(sessions):
            fits = expected_used + minutes <= budget
            # One a day, so that the daily maximum plays no part.
            fields = session(minutes, date=TODAY - datetime.timedelta(days=day))
            try:
                services.session_log(enrolment=enrolment, coach=coach, fields=fields)
            except ValidationError:
                assert not fits
            else:
                assert fits
                expected_used += minutes

        status = budget_status(enrolment)
        assert (status.budget_minutes, status.used_minutes) == (budget, expected_used)
        assert status.left_minutes >= 0
        transaction.set_rollback(True)
