"""Group results only from five responses, and never a hidden group by subtraction."""

from decimal import Decimal

import pytest
from pytest_django import Settings

from surveys.instrument import get_instrument
from surveys.results import Answered, by_education, by_group, minimum_group_size

INSTRUMENT = get_instrument()


def responses(group: str, count: int, value: int = 4, is_mbo: bool | None = None) -> list[Answered]:
    scores = {statement.key: value for statement in INSTRUMENT.statements()}
    return [Answered(group, is_mbo, scores) for _ in range(count)]


def test_four_responses_show_nothing_and_five_show_the_group() -> None:
    four = by_group(INSTRUMENT, responses("employee", 4), minimum=5)
    assert four.total is None
    assert four.groups == ()

    five = by_group(INSTRUMENT, responses("employee", 5), minimum=5)
    assert five.total is not None
    assert five.total.count == 5
    assert [group.key for group in five.groups] == ["employee"]
    assert five.result("employee").means[1] == Decimal("4.00")  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "small",
    [("management", 2), ("", 1)],
    ids=["two managers", "one not stated"],
)
def test_a_small_group_cannot_be_worked_out_from_the_total(small: tuple[str, int]) -> None:
    """Shown: the total of everyone. Not shown: the five (or more) others on their own,
    for total minus them would give the small group's answers."""
    group, count = small
    answered = [*responses("employee", 5, value=2), *responses(group, count, value=5)]
    if group == "":
        answered += responses("management", 5, value=3)

    result = by_group(INSTRUMENT, answered, minimum=5)

    assert result.total is not None
    assert result.total.count == len(answered)
    assert result.groups == ()
    assert result.result("employee") is None


def test_the_split_shows_when_every_group_that_answered_is_large_enough() -> None:
    answered = [*responses("employee", 6, value=2), *responses("management", 5, value=5)]

    result = by_group(INSTRUMENT, answered, minimum=5)

    assert [(g.key, g.count, g.means[1]) for g in result.groups] == [
        ("management", 5, Decimal("5.00")),
        ("employee", 6, Decimal("2.00")),
    ]


def test_education_follows_the_same_rule() -> None:
    answered = [*responses("employee", 5, is_mbo=True), *responses("employee", 3, is_mbo=None)]

    result = by_education(INSTRUMENT, answered, minimum=5)

    assert result.total is not None
    assert result.groups == ()


def test_the_minimum_never_drops_below_five(settings: Settings) -> None:
    settings.SURVEY_MIN_GROUP_SIZE = 3
    assert minimum_group_size() == 5
    assert by_group(INSTRUMENT, responses("employee", 4), minimum=3).total is None
    settings.SURVEY_MIN_GROUP_SIZE = 8
    assert minimum_group_size() == 8
