"""The programme's results for everyone to see: per edition and in all, companies and people
reached (and of them the mbo-educated), coach hours, meetings held and the change in
learning culture between the baseline and final measurement.

Anonymous by construction: a figure is only worked out where it rests on at least
``MIN_COMPANIES`` companies; below that it is ``None``, before anything is cached or shown.
The figures are made by a periodic task and kept in the cache; a page only reads them.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.cache import cache
from django.db.models import Count, Sum
from django.db.models.functions import Now
from django.utils import timezone

from companies import questionnaire as q
from companies.models import Edition, Enrolment
from networks.models import Meeting
from reports.dimensions import dimension_changes
from reports.reach import Reach, reach_per_edition, total

MIN_COMPANIES = 5
CACHE_KEY = "public:results"
CACHE_SECONDS = 24 * 3600  # the task refreshes them every quarter of an hour


@dataclass(frozen=True)
class Change:
    """The mean change of one dimension, over the companies measured twice."""

    key: str
    label_nl: str
    label_en: str
    companies: int
    baseline: Decimal
    final: Decimal
    change: Decimal


@dataclass(frozen=True)
class Figures:
    """The results of an edition, or of all editions together (``edition`` empty). Every
    figure is None where fewer than MIN_COMPANIES companies stand behind it."""

    edition: str
    companies: int | None
    people: int | None
    mbo: int | None
    coach_hours: int | None
    meetings: int | None
    changes: list[Change] = field(default_factory=list)

    @property
    def shown(self) -> bool:
        return self.companies is not None


@dataclass(frozen=True)
class Results:
    made_at: datetime.datetime
    editions: list[Figures]
    overall: Figures


def results() -> Results | None:
    """The figures as the task last made them (None before it first ran)."""
    found = cache.get(CACHE_KEY)
    return found if isinstance(found, Results) else None


def results_refresh() -> Results:
    """Work the figures out from the database and keep them for the pages."""
    made = _worked_out()
    cache.set(CACHE_KEY, made, CACHE_SECONDS)
    return made


def _worked_out() -> Results:
    editions = list(Edition.objects.order_by("-enrolment_opens", "-pk"))
    holding = Enrolment.objects.filter(status__in=Enrolment.HOLDS_PLACE)
    per_edition: dict[int, dict[str, Any]] = {
        row["edition_id"]: dict(row)
        for row in holding.values("edition_id")
        .annotate(companies=Count("pk"), minutes=Sum("minutes_used"))
        .order_by()
    }
    meetings = dict(
        Meeting.objects.filter(starts_at__lt=Now())
        .values_list("network__edition_id")
        .annotate(held=Count("pk"))
        .order_by()
    )
    reach = reach_per_edition()
    figures = [
        _figures(
            edition.name,
            per_edition.get(edition.pk, {}),
            reach.get(edition.pk, Reach()),
            meetings.get(edition.pk, 0),
            holding.filter(edition=edition),
        )
        for edition in editions
        if edition.pk in per_edition
    ]
    overall = _figures(
        "",
        {
            "companies": sum(row["companies"] for row in per_edition.values()),
            "minutes": sum(row["minutes"] or 0 for row in per_edition.values()),
        },
        total(reach),
        sum(meetings.values()),
        holding,
    )
    return Results(made_at=timezone.now(), editions=figures, overall=overall)


def _figures(
    name: str, counts: dict[str, Any], reach: Reach, meetings: int, companies: Any
) -> Figures:
    if counts.get("companies", 0) < MIN_COMPANIES:
        return Figures(name, None, None, None, None, None)
    return Figures(
        edition=name,
        companies=counts["companies"],
        people=reach.reached,
        mbo=reach.mbo,
        coach_hours=round((counts["minutes"] or 0) / 60),
        meetings=meetings,
        changes=_changes(companies),
    )


def _changes(companies: Any) -> list[Change]:
    """The change per dimension, only where enough companies were measured twice."""
    dimensions, _per_company = dimension_changes(companies.values_list("pk", flat=True))
    named = {d.key: d for d in q.get_questionnaire().dimensions}
    return [
        Change(
            key=d["key"],
            label_nl=named[d["key"]].nl if d["key"] in named else str(d["label"]),
            label_en=named[d["key"]].en if d["key"] in named else str(d["label"]),
            companies=d["companies"],
            baseline=d["baseline"],
            final=d["final"],
            change=d["change"],
        )
        for d in dimensions
        if d["companies"] >= MIN_COMPANIES and d["change"] is not None
    ]
