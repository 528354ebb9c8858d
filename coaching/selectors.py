"""Reads about coach time: the budget of an enrolment and what is left of it."""

import datetime
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from enum import StrEnum
from fractions import Fraction
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import (
    Case,
    CharField,
    Count,
    F,
    OuterRef,
    Prefetch,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Greatest, Least
from django.db.models.lookups import GreaterThan, LessThan
from django.http import Http404
from django.utils import timezone

from coaching.models import BudgetAdjustment, CoachingSession
from coaching.next_step import NextStep, next_step
from companies.models import Contact, Edition, Enrolment, PlanAction
from leercultuur.db import DaysBetween


@dataclass(frozen=True)
class BudgetStatus:
    budget_minutes: int
    used_minutes: int

    @property
    def left_minutes(self) -> int:
        return self.budget_minutes - self.used_minutes

    @property
    def used_share(self) -> float:
        """Used as a share of the budget (0.0-1.0 and beyond), for bars and alerts."""
        return self.used_minutes / self.budget_minutes if self.budget_minutes else 1.0


def budget_minutes(enrolment: Enrolment) -> int:
    """The edition's budget plus the adjustments staff approved."""
    approved = BudgetAdjustment.objects.filter(enrolment=enrolment, approved_at__isnull=False)
    extra = approved.aggregate(total=Sum("minutes"))["total"] or 0
    return int(enrolment.edition.coach_budget_minutes + extra)


def used_minutes(enrolment: Enrolment, *, excluding: CoachingSession | None = None) -> int:
    sessions = CoachingSession.objects.filter(enrolment=enrolment)
    if excluding is not None:
        sessions = sessions.exclude(pk=excluding.pk)
    return int(sessions.aggregate(total=Sum("minutes"))["total"] or 0)


def over_budget_at(edition: Edition, base_minutes: int) -> QuerySet[Enrolment]:
    """The edition's enrolments that have used more than they would have with
    ``base_minutes`` as the edition's budget (their approved adjustments added)."""
    return (
        _with_minutes(Enrolment.objects.filter(edition=edition))
        .filter(used__gt=base_minutes + F("extra"))
        .select_related("company")
        .order_by("company__legal_name")
    )


def budget_status(enrolment: Enrolment) -> BudgetStatus:
    """The budget and the minutes used, both summed in one query."""
    sums = _with_minutes(Enrolment.objects.filter(pk=enrolment.pk)).values("used", "extra").get()
    return BudgetStatus(
        budget_minutes=int(enrolment.edition.coach_budget_minutes + sums["extra"]),
        used_minutes=int(sums["used"]),
    )


class Pace(StrEnum):
    BEHIND = "behind"
    ON_TRACK = "on_track"
    AHEAD = "ahead"


# How far hours used may drift from the share of the trajectory that has passed.
PACE_TOLERANCE = 0.2


@dataclass(frozen=True)
class BurnRate:
    used_share: float
    elapsed_share: float

    @property
    def pace(self) -> Pace:
        if self.used_share < self.elapsed_share - PACE_TOLERANCE:
            return Pace.BEHIND
        if self.used_share > self.elapsed_share + PACE_TOLERANCE:
            return Pace.AHEAD
        return Pace.ON_TRACK


def burn_rate(
    enrolment: Enrolment,
    *,
    today: datetime.date | None = None,
    budget: BudgetStatus | None = None,
) -> BurnRate | None:
    """Hours used against the share of the trajectory that has passed (None before it runs).

    Pass the ``budget`` when it is at hand, to spare reading it again.
    """
    return _rate(enrolment, budget or budget_status(enrolment), today)


@dataclass(frozen=True)
class Trajectory:
    enrolment: Enrolment
    budget: BudgetStatus
    rate: BurnRate | None


def running_trajectories(*, today: datetime.date | None = None) -> list[Trajectory]:
    """Every active enrolment with its budget and pace, in one query (staff dashboard)."""
    return trajectories_of(Enrolment.objects.filter(status=Enrolment.Status.ACTIVE), today=today)


def trajectories_of(
    enrolments: QuerySet[Enrolment], *, today: datetime.date | None = None
) -> list[Trajectory]:
    """These enrolments with their budget and pace, in one query (dashboards, reports)."""
    annotated = (
        _with_minutes(enrolments)
        .select_related("company", "edition", "lead_coach")
        .order_by("company__legal_name")
    )
    result = []
    for enrolment in annotated:
        budget = BudgetStatus(
            budget_minutes=enrolment.edition.coach_budget_minutes + enrolment.extra,
            used_minutes=enrolment.used,
        )
        result.append(Trajectory(enrolment, budget, _rate(enrolment, budget, today)))
    return result


@dataclass(frozen=True)
class CompanyCard:
    """What a coach needs of one company at a glance: whom to call, the hours, the pace
    and the next step."""

    trajectory: Trajectory
    contact: Contact | None
    last_session: datetime.date | None
    next_step: NextStep

    @property
    def enrolment(self) -> Enrolment:
        return self.trajectory.enrolment


def company_cards(
    enrolments: QuerySet[Enrolment], *, today: datetime.date | None = None
) -> list[CompanyCard]:
    """A card per enrolment (coach dashboard, session form), in a fixed number of queries
    however many there are."""
    today = today or timezone.localdate()
    contacts = Contact.objects.select_related("user").order_by("created_at", "pk")
    counted = PlanAction.objects.filter(plan__enrolment=OuterRef("pk")).exclude(
        status=PlanAction.Status.CANCELLED
    )
    last = CoachingSession.objects.filter(enrolment=OuterRef("pk")).order_by("-date")
    annotated = enrolments.prefetch_related(
        "analyses", "team_surveys", Prefetch("company__contacts", queryset=contacts)
    ).annotate(
        counted_actions=Coalesce(
            Subquery(counted.values("plan__enrolment").annotate(n=Count("pk")).values("n")), 0
        ),
        last_session=Subquery(last.values("date")[:1]),
    )
    cards = []
    for trajectory in trajectories_of(annotated, today=today):
        enrolment: Any = trajectory.enrolment
        step = next_step(
            enrolment,
            counted_actions=enrolment.counted_actions,
            last_session=enrolment.last_session,
            today=today,
        )
        contact = _main_contact(enrolment)
        cards.append(CompanyCard(trajectory, contact, enrolment.last_session, step))
    return cards


def _main_contact(enrolment: Enrolment) -> Contact | None:
    """Who sent the enrolment in, while still a contact of the company; else the first."""
    contacts = list(enrolment.company.contacts.all())
    submitter = [c for c in contacts if c.user_id == enrolment.submitted_by_id]
    return next(iter(submitter or contacts), None)


@dataclass
class EditionHours:
    """An edition's running trajectories together: minutes used and budgeted, and pace."""

    used_minutes: int = 0
    budget_minutes: int = 0
    pace: Counter[str] = field(default_factory=Counter)


def running_hours_by_edition(*, today: datetime.date | None = None) -> dict[int, EditionHours]:
    """Per edition id, the totals of its active enrolments (the admin dashboard's panels).

    One query of plain rows, with the sums the coaching services keep on each enrolment:
    no model per trajectory and no session read, so it stays quick with tens of thousands.
    """
    rows = Enrolment.objects.filter(status=Enrolment.Status.ACTIVE).values_list(
        "edition_id",
        "edition__coach_budget_minutes",
        "start_date",
        "end_date",
        "minutes_used",
        "minutes_extra",
    )
    totals: dict[int, EditionHours] = defaultdict(EditionHours)
    for edition_id, base, start, end, used, extra in rows:
        budget = BudgetStatus(budget_minutes=base + extra, used_minutes=used)
        edition = totals[edition_id]
        edition.used_minutes += budget.used_minutes
        edition.budget_minutes += budget.budget_minutes
        if (rate := _rate_between(start, end, budget, today)) is not None:
            edition.pace[rate.pace] += 1
    return dict(totals)


def _with_minutes(enrolments: QuerySet[Enrolment]) -> QuerySet[Any]:
    """Each enrolment with ``used`` (its sessions) and ``extra`` (approved adjustments)."""
    return enrolments.annotate(
        used=Coalesce(Subquery(_minutes_of(CoachingSession)), 0),
        extra=Coalesce(Subquery(_minutes_of(BudgetAdjustment, approved_at__isnull=False)), 0),
    )


def _minutes_of(model: type[CoachingSession] | type[BudgetAdjustment], **filters: object) -> Any:
    rows = model.objects.filter(enrolment=OuterRef("pk"), **filters).order_by()
    return rows.values("enrolment").annotate(total=Sum("minutes")).values("total")


def _rate(
    enrolment: Enrolment, budget: BudgetStatus, today: datetime.date | None
) -> BurnRate | None:
    return _rate_between(enrolment.start_date, enrolment.end_date, budget, today)


def _rate_between(
    start: datetime.date | None,
    end: datetime.date | None,
    budget: BudgetStatus,
    today: datetime.date | None,
) -> BurnRate | None:
    if start is None or end is None:
        return None
    today = today or timezone.localdate()
    length = max((end - start).days, 1)
    elapsed = min(max((today - start).days / length, 0.0), 1.0)
    return BurnRate(used_share=budget.used_share, elapsed_share=elapsed)


def with_pace(enrolments: QuerySet[Enrolment], *, today: datetime.date) -> QuerySet[Any]:
    """The running ones among these enrolments, each with ``pace`` worked out by the database
    from the sums kept on the enrolment: the same verdict as ``burn_rate``, without reading
    a single session (the work surface's pace queue, at any size)."""
    tolerance = Fraction(PACE_TOLERANCE).limit_denominator(100)
    length = Greatest(DaysBetween(F("end_date"), F("start_date")), 1)
    elapsed = Least(Greatest(DaysBetween(Value(today), F("start_date")), 0), length)
    budget = F("edition__coach_budget_minutes") + F("minutes_extra")
    # used / budget against elapsed / length ± tolerance, multiplied out to whole numbers
    used = F("minutes_used") * length * tolerance.denominator
    margin = length * tolerance.numerator
    return (
        enrolments.filter(status=Enrolment.Status.ACTIVE)
        .exclude(start_date=None)
        .exclude(end_date=None)
        .annotate(
            budget_minutes=budget,
            pace=Case(
                When(
                    LessThan(used, (elapsed * tolerance.denominator - margin) * budget),
                    then=Value(Pace.BEHIND.value),
                ),
                When(
                    GreaterThan(used, (elapsed * tolerance.denominator + margin) * budget),
                    then=Value(Pace.AHEAD.value),
                ),
                default=Value(Pace.ON_TRACK.value),
                output_field=CharField(),
            ),
        )
    )


def open_extra_hours_requests() -> QuerySet[BudgetAdjustment]:
    """Requests for extra hours that wait for staff, the oldest first (the staff queue)."""
    return (
        BudgetAdjustment.objects.filter(approved_at=None, refused_at=None)
        .select_related("enrolment__company", "enrolment__edition", "requested_by")
        .order_by("created_at", "pk")
    )


def get_extra_hours_request(public_id: uuid.UUID | str) -> BudgetAdjustment:
    """Any request by its public id, for staff deciding it; a 404 for an unknown one."""
    requests = BudgetAdjustment.objects.select_related(
        "enrolment__company", "enrolment__edition", "requested_by", "approved_by", "refused_by"
    )
    try:
        return requests.get(public_id=public_id)
    except (BudgetAdjustment.DoesNotExist, ValidationError, ValueError) as error:
        raise Http404 from error
