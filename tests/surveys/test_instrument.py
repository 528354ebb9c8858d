"""The team survey's instrument: the needs analysis's dimensions, short, no free text."""

import dataclasses

import pytest

from companies.questionnaire import (
    CURRENT_VERSION,
    STRATEGY,
    Question,
    Questionnaire,
    Section,
    get_questionnaire,
)
from surveys.instrument import MAX_SECONDS, Instrument, get_instrument
from tests.surveys.helpers import answers


def test_it_scores_the_needs_analysis_dimensions_in_two_or_three_statements() -> None:
    instrument = get_instrument()

    assert instrument.dimensions == get_questionnaire(CURRENT_VERSION).dimensions
    assert len(instrument.dimensions) == 7
    for dimension in instrument.dimensions:
        assert 2 <= len(instrument.statements_of(dimension)) <= 3, dimension.key
    assert {s.kind for s in instrument.statements()} == {"likert"}
    assert all(s.nl.strip() and s.en.strip() for s in instrument.statements())
    assert instrument.estimated_seconds() <= MAX_SECONDS


def test_every_statement_must_be_answered_from_1_to_5() -> None:
    instrument = get_instrument()
    complete = answers(3)

    cleaned, errors = instrument.validate(complete)
    assert errors == {}
    assert cleaned == dict.fromkeys(complete, 3)

    missing_one = dict(complete)
    first = next(iter(missing_one))
    del missing_one[first]
    missing_one["not.a_statement"] = "5"
    cleaned, errors = instrument.validate({**missing_one, next(iter(missing_one)): "6"})
    assert set(errors) == {first, next(iter(missing_one))}
    assert "not.a_statement" not in cleaned


def _with_strategy(*questions: Question) -> Questionnaire:
    base = get_instrument().questionnaire
    sections = tuple(
        Section(s.key, s.nl, s.en, questions) if s.key == STRATEGY.key else s for s in base.sections
    )
    return dataclasses.replace(base, sections=sections)


@pytest.mark.parametrize(
    ("questions", "problem"),
    [
        (
            (
                Question("strategy.open", "text", "Wat vindt u?", "What do you think?"),
                *get_instrument().statements_of(STRATEGY),
            ),
            "no free text",
        ),
        (get_instrument().statements_of(STRATEGY)[:1], "not 2 or 3"),
    ],
    ids=["free text", "one statement"],
)
def test_a_broken_version_is_refused_when_defined(
    questions: tuple[Question, ...], problem: str
) -> None:
    with pytest.raises(ValueError, match=problem):
        Instrument(_with_strategy(*questions))
