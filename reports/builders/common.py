"""Small helpers the builders share: hours as numbers, months, averages."""

import datetime
import math
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone
from django.utils.formats import date_format

CENTS = Decimal("0.01")


def hours(minutes: int) -> Decimal:
    """Whole minutes as hours with two decimals, for charts and exports."""
    return (Decimal(minutes) / 60).quantize(CENTS, rounding=ROUND_HALF_UP)


def chart_maximum(values: Iterable[Decimal | int | None], *, at_least: int = 1) -> int:
    """A chart's right edge: a round number at or above the largest value, never zero,
    so that the axis ticks are whole numbers (5, 12, 40, 100, 140)."""
    largest = max((value for value in values if value is not None), default=0)
    top = max(math.ceil(largest), at_least)
    if top <= 10:
        return top
    step = 4 if top <= 40 else 20
    return math.ceil(top / step) * step


def mean(values: Iterable[Decimal]) -> Decimal | None:
    numbers = list(values)
    if not numbers:
        return None
    return (sum(numbers, Decimal(0)) / len(numbers)).quantize(CENTS, rounding=ROUND_HALF_UP)


def first_of_month(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def months_between(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    """The first day of every month from ``first`` to ``last``, both included."""
    months = []
    month = first_of_month(first)
    while month <= last:
        months.append(month)
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    return months


def month_label(month: datetime.date) -> str:
    return date_format(month, "F Y")


def today() -> datetime.date:
    return timezone.localdate()


def subject_id(value: int | None) -> int:
    """The primary key of the report's subject; the check constraint makes it present."""
    if value is None:
        raise ValueError("The report has no subject of its kind.")
    return value
