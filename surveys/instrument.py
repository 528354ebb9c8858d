"""The team survey (medewerkerspeiling) defined as data: short statements for everyone in the
company, scored on the same seven dimensions as the contact's needs analysis.

It is built from the needs analysis's own pieces (``Questionnaire``, ``Question``, the
dimensions), so answers are validated and scored by the same functions and the two can be
put side by side. Only Likert statements: no open question, because a sentence in
someone's own words can give away who wrote it. Released keys never change meaning; a
reworded statement that is no longer comparable gets a new key in a new version.

The rules below are checked when the module is imported, so a broken version never runs.
"""

from collections.abc import Mapping
from dataclasses import dataclass

from companies import questionnaire as q
from companies.questionnaire import (
    CAREERS,
    FORMAL_LEARNING,
    INFORMAL_LEARNING,
    LEADERSHIP_CLIMATE,
    MBO_DEVELOPMENT,
    STRATEGY,
    TECHNOLOGY,
    Dimension,
    Question,
    Questionnaire,
    Section,
)

MIN_STATEMENTS_PER_DIMENSION = 2
MAX_STATEMENTS_PER_DIMENSION = 3
# Reading and answering one statement on a phone, generously; plus the page around them.
SECONDS_PER_STATEMENT = 20
SECONDS_AROUND = 90
MAX_SECONDS = 10 * 60


@dataclass(frozen=True)
class Instrument:
    """One version of the team survey: a questionnaire of Likert statements only."""

    questionnaire: Questionnaire

    def __post_init__(self) -> None:
        problem = self._definition_problem()
        if problem:
            raise ValueError(f"Team survey version {self.version}: {problem}")

    def _definition_problem(self) -> str:
        analysis_dimensions = q.get_questionnaire(q.CURRENT_VERSION).dimensions
        if self.dimensions != analysis_dimensions:
            return "must score the needs analysis's dimensions, in the same order."
        for question in self.statements():
            if question.kind != "likert" or not question.required:
                return f"{question.key!r} must be a required Likert statement (no free text)."
        for dimension in self.dimensions:
            count = len(self.statements_of(dimension))
            if not MIN_STATEMENTS_PER_DIMENSION <= count <= MAX_STATEMENTS_PER_DIMENSION:
                return f"dimension {dimension.key!r} has {count} statements, not 2 or 3."
        if self.estimated_seconds() > MAX_SECONDS:
            return f"takes about {self.estimated_seconds()} seconds, more than 10 minutes."
        return ""

    @property
    def version(self) -> int:
        return self.questionnaire.version

    @property
    def dimensions(self) -> tuple[Dimension, ...]:
        return self.questionnaire.dimensions

    @property
    def sections(self) -> tuple[Section, ...]:
        return self.questionnaire.sections

    def statements(self) -> tuple[Question, ...]:
        return self.questionnaire.questions()

    def statements_of(self, dimension: Dimension) -> tuple[Question, ...]:
        return tuple(s for s in self.statements() if s.dimension == dimension)

    def estimated_seconds(self) -> int:
        return SECONDS_AROUND + SECONDS_PER_STATEMENT * len(self.statements())

    def estimated_minutes(self) -> int:
        return -(-self.estimated_seconds() // 60)  # rounded up

    def validate(self, raw: Mapping[str, object]) -> tuple[dict[str, int], dict[str, list[str]]]:
        """Every statement answered 1-5: ``(answers, errors)``; keys of nothing else kept."""
        answers: dict[str, int] = {}
        errors: dict[str, list[str]] = {}
        for section in self.sections:
            cleaned, problems = q.validate_answers(
                self.questionnaire, section.key, raw, require_complete=True
            )
            answers.update({key: int(value) for key, value in cleaned.items()})  # type: ignore[arg-type]
            errors.update(problems)
        return answers, errors

    def scores(self, answers: Mapping[str, object]) -> list[q.DimensionScore]:
        return q.dimension_scores(self.questionnaire, answers)


def _statement(
    key: str, dimension: Dimension, nl: str, en: str, *, reverse: bool = False
) -> Question:
    return Question(key, "likert", nl, en, dimension=dimension, reverse=reverse)


def _section(dimension: Dimension, *statements: Question) -> Section:
    return Section(dimension.key, dimension.nl, dimension.en, statements)


# --- Version 1 ---------------------------------------------------------------------------

_VERSION_1 = Instrument(
    Questionnaire(
        version=1,
        dimensions=(
            STRATEGY,
            LEADERSHIP_CLIMATE,
            FORMAL_LEARNING,
            INFORMAL_LEARNING,
            MBO_DEVELOPMENT,
            TECHNOLOGY,
            CAREERS,
        ),
        sections=(
            _section(
                STRATEGY,
                _statement(
                    "strategy.know_why",
                    STRATEGY,
                    "Ik weet waarom leren belangrijk is voor de toekomst van ons bedrijf.",
                    "I know why learning matters for the future of our company.",
                ),
                _statement(
                    "strategy.time_for_learning",
                    STRATEGY,
                    "In ons bedrijf is er tijd om iets nieuws te leren.",
                    "In our company there is time to learn something new.",
                ),
                _statement(
                    "strategy.work_first",
                    STRATEGY,
                    "Door de drukte op het werk schiet leren er vaak bij in.",
                    "Because of the pressure of work, learning often gets left out.",
                    reverse=True,
                ),
            ),
            _section(
                LEADERSHIP_CLIMATE,
                _statement(
                    "leadership_climate.manager_helps",
                    LEADERSHIP_CLIMATE,
                    "Mijn leidinggevende helpt mij om te leren en te groeien.",
                    "My manager helps me to learn and grow.",
                ),
                _statement(
                    "leadership_climate.safe_to_ask",
                    LEADERSHIP_CLIMATE,
                    "Ik durf hier vragen te stellen, ook als ik iets niet weet.",
                    "I dare to ask questions here, even when I don't know something.",
                ),
                _statement(
                    "leadership_climate.mistakes",
                    LEADERSHIP_CLIMATE,
                    "Als ik een fout maak, leren we daar samen van.",
                    "When I make a mistake, we learn from it together.",
                ),
            ),
            _section(
                FORMAL_LEARNING,
                _statement(
                    "formal_learning.can_follow_course",
                    FORMAL_LEARNING,
                    "Als ik een cursus of opleiding wil volgen, kan dat.",
                    "If I want to take a course or training, I can.",
                ),
                _statement(
                    "formal_learning.useful",
                    FORMAL_LEARNING,
                    "Wat ik op een cursus leer, kan ik in mijn werk gebruiken.",
                    "What I learn on a course, I can use in my work.",
                ),
            ),
            _section(
                INFORMAL_LEARNING,
                _statement(
                    "informal_learning.from_colleagues",
                    INFORMAL_LEARNING,
                    "Ik leer veel van mijn collega's tijdens het werk.",
                    "I learn a lot from my colleagues while working.",
                ),
                _statement(
                    "informal_learning.share",
                    INFORMAL_LEARNING,
                    "Collega's laten elkaar zien hoe je iets beter kunt doen.",
                    "Colleagues show each other how to do something better.",
                ),
                _statement(
                    "informal_learning.feedback",
                    INFORMAL_LEARNING,
                    "Ik hoor van anderen hoe ik mijn werk doe.",
                    "I hear from others how I do my work.",
                ),
            ),
            _section(
                MBO_DEVELOPMENT,
                _statement(
                    "mbo_development.everyone",
                    MBO_DEVELOPMENT,
                    "Iedereen krijgt hier de kans om te leren, welke opleiding je ook hebt.",
                    "Everyone gets the chance to learn here, whatever their education.",
                ),
                _statement(
                    "mbo_development.next_step",
                    MBO_DEVELOPMENT,
                    "Ik weet wat ik kan leren om een volgende stap te zetten.",
                    "I know what I can learn to take a next step.",
                ),
            ),
            _section(
                TECHNOLOGY,
                _statement(
                    "technology.new_tools",
                    TECHNOLOGY,
                    "Ik krijg hulp als ik met nieuwe machines of software moet werken.",
                    "I get help when I have to work with new machines or software.",
                ),
                _statement(
                    "technology.ready",
                    TECHNOLOGY,
                    "Ik voel me klaar voor de veranderingen door techniek en computers.",
                    "I feel ready for the changes that technology and computers bring.",
                ),
            ),
            _section(
                CAREERS,
                _statement(
                    "careers.talk",
                    CAREERS,
                    "Ik praat met mijn leidinggevende over mijn toekomst in het werk.",
                    "I talk with my manager about my future at work.",
                ),
                _statement(
                    "careers.other_tasks",
                    CAREERS,
                    "Als ik andere taken wil leren, kan dat hier.",
                    "If I want to learn other tasks, I can do that here.",
                ),
            ),
        ),
    )
)

INSTRUMENTS: dict[int, Instrument] = {1: _VERSION_1}
CURRENT_VERSION = 1


def get_instrument(version: int = CURRENT_VERSION) -> Instrument:
    try:
        return INSTRUMENTS[version]
    except (KeyError, TypeError):
        known = ", ".join(str(number) for number in sorted(INSTRUMENTS))
        raise ValueError(
            f"There is no team survey version {version!r} (known versions: {known})."
        ) from None
