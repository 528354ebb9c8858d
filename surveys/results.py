"""Team survey results that protect the respondents: pure functions over the responses.

A group's figures show only from ``minimum`` responses (``SURVEY_MIN_GROUP_SIZE``, at
least 5). Hiding one small group is not enough: its figures would follow from the total
and the other groups (7 responses in total, 5 of them employees: the total and the
employees' mean give away the other two). So a split is shown only when *every* group
that has responses, "not stated" included, reaches the minimum; otherwise the groups are
merged into the total, which is shown when it reaches the minimum itself.
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings

from companies.questionnaire import Dimension
from surveys.instrument import Instrument

# Whatever the setting says, never fewer (settings.py refuses a lower value at start-up).
FLOOR = 5
_CENTS = Decimal("0.01")


def minimum_group_size() -> int:
    return max(FLOOR, int(settings.SURVEY_MIN_GROUP_SIZE))


@dataclass(frozen=True)
class Answered:
    """What the results need of one response."""

    group: str  # "" when not stated
    is_mbo: bool | None
    answers: dict[str, int]


@dataclass(frozen=True)
class GroupResult:
    key: str
    count: int
    means: tuple[Decimal | None, ...]  # one per dimension, in the instrument's order


@dataclass(frozen=True)
class Breakdown:
    """The total (None below the minimum) and, when safe, the groups that make it up."""

    total: GroupResult | None
    groups: tuple[GroupResult, ...]  # empty when the split is not shown

    @property
    def split_shown(self) -> bool:
        return bool(self.groups)

    def result(self, key: str) -> GroupResult | None:
        if self.total is not None and key == self.total.key:
            return self.total
        return next((group for group in self.groups if group.key == key), None)


TOTAL = "all"
BY_GROUP: tuple[str, ...] = ("management", "employee", "")
BY_EDUCATION: tuple[bool | None, ...] = (True, False, None)


def by_group(instrument: Instrument, responses: Sequence[Answered], *, minimum: int) -> Breakdown:
    return breakdown(
        instrument, responses, key=lambda r: r.group, categories=BY_GROUP, minimum=minimum
    )


def by_education(
    instrument: Instrument, responses: Sequence[Answered], *, minimum: int
) -> Breakdown:
    return breakdown(
        instrument,
        responses,
        key=lambda r: education_key(r.is_mbo),
        categories=tuple(education_key(value) for value in BY_EDUCATION),
        minimum=minimum,
    )


def education_key(is_mbo: bool | None) -> str:
    return {True: "mbo", False: "not_mbo", None: ""}[is_mbo]


def breakdown(
    instrument: Instrument,
    responses: Sequence[Answered],
    *,
    key: Callable[[Answered], str],
    categories: Sequence[str],
    minimum: int,
) -> Breakdown:
    """The total and the groups of ``categories``, hidden or merged as the module says."""
    minimum = max(FLOOR, minimum)
    if len(responses) < minimum:
        return Breakdown(total=None, groups=())
    total = _result(instrument, TOTAL, responses)
    members = {category: [r for r in responses if key(r) == category] for category in categories}
    if sum(map(len, members.values())) != len(responses):
        raise ValueError("Every response must fall in one of the categories.")
    if any(0 < len(group) < minimum for group in members.values()):
        return Breakdown(total=total, groups=())
    groups = tuple(
        _result(instrument, category, group) for category, group in members.items() if group
    )
    return Breakdown(total=total, groups=groups)


def _result(instrument: Instrument, key: str, responses: Sequence[Answered]) -> GroupResult:
    return GroupResult(key, len(responses), dimension_means(instrument, responses))


def dimension_means(
    instrument: Instrument, responses: Iterable[Answered]
) -> tuple[Decimal | None, ...]:
    """Per dimension: the mean of the respondents' own dimension scores (1 to 5)."""
    per_dimension: list[list[Decimal]] = [[] for _ in instrument.dimensions]
    for response in responses:
        for index, score in enumerate(instrument.scores(response.answers)):
            if score.mean is not None:
                per_dimension[index].append(score.mean)
    return tuple(
        (sum(scores, Decimal(0)) / len(scores)).quantize(_CENTS, rounding=ROUND_HALF_UP)
        if scores
        else None
        for scores in per_dimension
    )


@dataclass(frozen=True)
class Comparison:
    """Baseline against final for one group: (dimension, baseline, final, change)."""

    key: str
    rows: tuple[tuple[Dimension, Decimal | None, Decimal | None, Decimal | None], ...]


def compare(instrument: Instrument, baseline: Breakdown, final: Breakdown) -> list[Comparison]:
    """Every group shown in both measurements (the total first)."""
    keys = [TOTAL, *(group.key for group in baseline.groups)]
    comparisons = []
    for key in keys:
        before, after = baseline.result(key), final.result(key)
        if before is None or after is None:
            continue
        rows = tuple(
            (dimension, old, new, new - old if old is not None and new is not None else None)
            for dimension, old, new in zip(
                instrument.dimensions, before.means, after.means, strict=True
            )
        )
        comparisons.append(Comparison(key, rows))
    return comparisons
