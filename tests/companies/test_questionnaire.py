"""The needs analysis questionnaire: its definition, validation and scoring per dimension."""

import itertools
from collections.abc import Mapping
from decimal import Decimal

import pytest
from django.http import QueryDict
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from companies.questionnaire import (
    CURRENT_VERSION,
    LIKERT_LABELS,
    QUESTIONNAIRES,
    Choice,
    Dimension,
    Question,
    Questionnaire,
    Section,
    dimension_scores,
    get_questionnaire,
    missing_required,
    score_changes,
    validate_answers,
)

CURRENT = get_questionnaire(CURRENT_VERSION)
ALL = list(QUESTIONNAIRES.values())

# Answers are stored under these keys: renaming one would orphan every stored answer.
VERSION_1_KEYS = [
    "strategy.learning_in_plan",
    "strategy.future_skills",
    "strategy.budget",
    "strategy.day_to_day_first",
    "strategy.shared_vision",
    "strategy.developments",
    "leadership.managers_encourage",
    "leadership.development_talks",
    "leadership.mistakes_blamed",
    "leadership.speak_up",
    "leadership.role_model",
    "leadership.feedback",
    "formal_learning.forms",
    "formal_learning.training_plan",
    "formal_learning.applied_at_work",
    "formal_learning.no_time",
    "formal_learning.providers",
    "formal_learning.qualifications",
    "informal_learning.from_colleagues",
    "informal_learning.mentoring",
    "informal_learning.reflection",
    "informal_learning.knowledge_lost",
    "informal_learning.new_tasks",
    "informal_learning.forms",
    "mbo_staff.participation",
    "mbo_staff.own_wishes",
    "mbo_staff.low_interest",
    "mbo_staff.basic_skills",
    "mbo_staff.target_groups",
    "mbo_staff.remarks",
    "technology.impact_known",
    "technology.training_with_change",
    "technology.digital_skills",
    "technology.ai_explored",
    "technology.falling_behind",
    "technology.ai_use",
    "careers.career_talks",
    "careers.internal_moves",
    "careers.standing_still",
    "careers.employability",
    "careers.instruments",
    "wishes.priorities",
    "wishes.expected_result",
    "wishes.support",
    "wishes.time_available",
    "wishes.remarks",
]


# --- A small questionnaire whose scores are easy to work out by hand ----------------------

ALPHA = Dimension("alpha", "Alfa", "Alpha")
BETA = Dimension("beta", "Bèta", "Beta")
GAMMA = Dimension("gamma", "Gamma", "Gamma")


def likert(key: str, dimension: Dimension, *, reverse: bool = False) -> Question:
    return Question(key, "likert", "Stelling", "Statement", dimension=dimension, reverse=reverse)


SMALL = Questionnaire(
    version=99,
    dimensions=(ALPHA, BETA, GAMMA),
    sections=(
        Section(
            "one",
            "Een",
            "One",
            questions=(
                likert("one.a1", ALPHA),
                likert("one.a2", ALPHA),
                likert("one.a3", ALPHA, reverse=True),
                likert("one.b1", BETA),
                Question(
                    "one.pick",
                    "choice",
                    "Kies",
                    "Pick",
                    choices=(Choice("yes", "Ja", "Yes"), Choice("no", "Nee", "No")),
                ),
            ),
        ),
        Section(
            "two",
            "Twee",
            "Two",
            questions=(
                *(likert(f"two.b{number}", BETA) for number in range(2, 9)),
                likert("two.c1", GAMMA),
                Question(
                    "two.many",
                    "multi",
                    "Meerdere",
                    "Several",
                    choices=tuple(Choice(key, key, key) for key in ("x", "y", "z")),
                    max_choices=2,
                ),
                Question("two.note", "text", "Toelichting", "Note", required=False),
            ),
        ),
    ),
)


def scores_by_key(answers: Mapping[str, object]) -> dict[str, tuple[Decimal | None, int, int]]:
    return {
        score.dimension.key: (score.mean, score.answered, score.total)
        for score in dimension_scores(SMALL, answers)
    }


# --- The definition -----------------------------------------------------------------------


def test_version_1_keys_never_change() -> None:
    assert [question.key for question in get_questionnaire(1).questions()] == VERSION_1_KEYS


@pytest.mark.parametrize("questionnaire", ALL, ids=lambda q: f"v{q.version}")
def test_keys_are_unique(questionnaire: Questionnaire) -> None:
    question_keys = [question.key for question in questionnaire.questions()]
    section_keys = questionnaire.section_keys()
    dimension_keys = [dimension.key for dimension in questionnaire.dimensions]

    assert len(set(question_keys)) == len(question_keys)
    assert len(set(section_keys)) == len(section_keys)
    assert len(set(dimension_keys)) == len(dimension_keys)
    for question in questionnaire.questions():
        assert question.key.startswith(f"{question.key.split('.')[0]}.")
        choice_keys = [choice.key for choice in question.choices]
        assert len(set(choice_keys)) == len(choice_keys), question.key


@pytest.mark.parametrize("questionnaire", ALL, ids=lambda q: f"v{q.version}")
def test_every_likert_item_scores_a_known_dimension(questionnaire: Questionnaire) -> None:
    for question in questionnaire.questions():
        if question.kind == "likert":
            assert question.dimension in questionnaire.dimensions, question.key
        else:
            assert question.dimension is None, question.key
            assert not question.reverse, question.key
    for dimension in questionnaire.dimensions:
        items = [q for q in questionnaire.questions() if q.dimension == dimension]
        assert len(items) >= 3, f"{dimension.key} is measured by too few items"


def test_every_section_the_issue_asks_for_exists() -> None:
    titles = {section.key: section.en for section in CURRENT.sections}

    assert titles == {
        "strategy": "Organisation and strategy",
        "leadership": "Leadership and a safe learning climate",
        "formal_learning": "Formal learning",
        "informal_learning": "Informal learning",
        "mbo_staff": "Mbo-educated staff and target groups",
        "technology": "Technology, automation and AI",
        "careers": "Mobility and careers",
        "wishes": "Wishes and priorities",
    }
    for section in CURRENT.sections:
        assert 4 <= len(section.questions) <= 7, section.key
    kinds = {question.kind for question in CURRENT.questions()}
    assert kinds == {"likert", "text", "choice", "multi"}
    likert_share = sum(q.kind == "likert" for q in CURRENT.questions()) / len(CURRENT.questions())
    assert likert_share > 0.5


@pytest.mark.parametrize("questionnaire", ALL, ids=lambda q: f"v{q.version}")
def test_dutch_and_english_text_everywhere(questionnaire: Questionnaire) -> None:
    texts = [(label.nl, label.en) for label in LIKERT_LABELS.values()]
    texts += [(dimension.nl, dimension.en) for dimension in questionnaire.dimensions]
    for section in questionnaire.sections:
        texts += [(section.nl, section.en), (section.intro_nl, section.intro_en)]
        for question in section.questions:
            texts.append((question.nl, question.en))
            texts += [(choice.nl, choice.en) for choice in question.choices]

    for nl, en in texts:
        assert nl.strip(), en
        assert en.strip(), nl


def test_text_follows_the_active_language() -> None:
    section = CURRENT.section("leadership")

    with translation.override("nl"):
        assert (section.text, section.questions[0].text) == (
            "Leiderschap en een veilig leerklimaat",
            section.questions[0].nl,
        )
        assert LIKERT_LABELS[1].text == "Helemaal oneens"
    with translation.override("en"):
        assert section.text == "Leadership and a safe learning climate"
        assert section.intro == section.intro_en
        assert LIKERT_LABELS[5].text == "Strongly agree"


def test_likert_labels_run_from_1_to_5() -> None:
    assert list(LIKERT_LABELS) == [1, 2, 3, 4, 5]


def test_navigation_between_sections() -> None:
    keys = CURRENT.section_keys()

    assert CURRENT.previous_section(keys[0]) is None
    assert CURRENT.next_section(keys[-1]) is None
    for before, after in itertools.pairwise(keys):
        assert CURRENT.next_section(before) == CURRENT.section(after)
        assert CURRENT.previous_section(after) == CURRENT.section(before)
    with pytest.raises(KeyError):
        CURRENT.next_section("nope")


def test_questions_in_order_and_by_key() -> None:
    questions = CURRENT.questions()

    assert questions[0] == CURRENT.sections[0].questions[0]
    assert CURRENT.question("wishes.priorities").max_choices == 3
    with pytest.raises(KeyError):
        CURRENT.question("strategy.nope")
    with pytest.raises(KeyError):
        CURRENT.section("nope")


def test_unknown_version_is_a_clear_error() -> None:
    assert get_questionnaire() is QUESTIONNAIRES[CURRENT_VERSION]
    with pytest.raises(ValueError, match="no questionnaire version 42"):
        get_questionnaire(42)


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: Question("a.b", "likert", "x", "y"), "dimension"),
        (lambda: Question("a.b", "text", "x", "y", dimension=ALPHA), "dimension"),
        (lambda: Question("a.b", "slider", "x", "y"), "kind"),  # type: ignore[arg-type]
        (lambda: Question("a.b", "choice", "x", "y"), "choices"),
        (lambda: Question("a.b", "text", "x", ""), "English"),
        (lambda: Question("Bad Key", "text", "x", "y"), "key"),
        (lambda: Question("a.b", "text", "x", "y", reverse=True), "reversed"),
        (
            lambda: Question(
                "a.b", "multi", "x", "y", choices=SMALL.question("two.many").choices, max_choices=4
            ),
            "max_choices",
        ),
        (
            lambda: Questionnaire(
                1,
                (Section("a", "A", "A", (likert("a.x", ALPHA), likert("a.x", ALPHA))),),
                (ALPHA,),
            ),
            "twice",
        ),
        (
            lambda: Questionnaire(1, (Section("a", "A", "A", (likert("a.x", ALPHA),)),), (BETA,)),
            "unknown dimension",
        ),
        (
            lambda: Questionnaire(1, (Section("a", "A", "A", (likert("b.x", ALPHA),)),), (ALPHA,)),
            "must start with",
        ),
    ],
)
def test_a_broken_definition_fails_at_import(build: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        build()  # type: ignore[operator]


# --- Validation ---------------------------------------------------------------------------


def test_answers_are_cleaned() -> None:
    raw = {
        "one.a1": " 4 ",
        "one.a2": 2,
        "one.b1": ["5"],
        "one.pick": " yes ",
        "one.unknown": "ignored",
        "two.c1": "",
    }

    cleaned, errors = validate_answers(SMALL, "one", raw)

    assert errors == {}
    assert cleaned == {"one.a1": 4, "one.a2": 2, "one.b1": 5, "one.pick": "yes"}
    cleaned, errors = validate_answers(
        SMALL, "two", {"two.many": ["z", "x", "z", " "], "two.note": "  Meer leren.  \n"}
    )
    assert (cleaned, errors) == ({"two.many": ["x", "z"], "two.note": "Meer leren."}, {})


def test_a_posted_form_gives_every_ticked_box() -> None:
    posted = QueryDict("two.many=y&two.many=x&two.b2=3&csrfmiddlewaretoken=abc")

    cleaned, errors = validate_answers(SMALL, "two", posted)

    assert (cleaned, errors) == ({"two.many": ["x", "y"], "two.b2": 3}, {})


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("one.a1", "6", "Choose a value from 1 to 5."),
        ("one.a1", 0, "Choose a value from 1 to 5."),
        ("one.a1", -3, "Choose a value from 1 to 5."),
        ("one.a1", 10**100, "Choose a value from 1 to 5."),
        ("one.a1", "9" * 5000, "Choose a value from 1 to 5."),
        ("one.a1", "drie", "Choose a value from 1 to 5."),
        ("one.a1", "3.0", "Choose a value from 1 to 5."),
        ("one.a1", 3.5, "Choose a value from 1 to 5."),
        ("one.a1", True, "Choose a value from 1 to 5."),
        ("one.a1", {"3": 3}, "Choose a value from 1 to 5."),
        ("one.a1", ["3", "4"], "Give only one answer."),
        ("one.pick", "maybe", "Choose one of the options."),
        ("one.pick", 1, "Choose one of the options."),
        ("two.many", ["x", "w"], "Choose from the options."),
        ("two.many", ["x", 3], "Choose from the options."),
        ("two.many", 7, "Choose from the options."),
        ("two.many", ["x", "y", "z"], "Choose at most 2 options."),
        ("two.note", "x" * 2001, "Keep your answer to 2000 characters at most (it has 2001)."),
        ("two.note", "nul\x00byte", "The text contains characters that are not allowed."),
        ("two.note", 12, "Enter text."),
    ],
)
def test_invalid_answers_get_a_message(key: str, value: object, message: str) -> None:
    with translation.override("en"):
        cleaned, errors = validate_answers(SMALL, key.split(".")[0], {key: value})

    assert errors == {key: [message]}
    assert key not in cleaned


def test_text_of_exactly_the_limit_is_fine() -> None:
    cleaned, errors = validate_answers(SMALL, "two", {"two.note": " " + "x" * 2000 + " "})

    assert errors == {}
    assert cleaned["two.note"] == "x" * 2000


def test_blank_required_answers_are_errors_only_when_completing() -> None:
    blank: dict[str, object] = {
        "one.a1": "",
        "one.a2": None,
        "one.a3": "   ",
        "one.b1": [],
        "one.pick": "",
    }

    assert validate_answers(SMALL, "one", blank) == ({}, {})
    cleaned, errors = validate_answers(
        SMALL, "two", {"two.many": [""], "two.b2": "4"}, require_complete=True
    )

    assert cleaned == {"two.b2": 4}
    assert set(errors) == {f"two.b{n}" for n in range(3, 9)} | {"two.c1", "two.many"}
    assert "two.note" not in errors  # optional
    assert errors["two.c1"] == ["Beantwoord deze vraag."]  # Dutch, the interface's language


def test_messages_are_marked_for_translation() -> None:
    with translation.override("nl"):
        _cleaned, errors = validate_answers(SMALL, "one", {"one.a1": "x"})

    assert isinstance(errors["one.a1"][0], str)
    assert errors["one.a1"][0]


def test_unknown_section_is_a_programming_error() -> None:
    with pytest.raises(KeyError):
        validate_answers(SMALL, "three", {})


# Anything a browser, a script or a stale JSON column could send.
ANY_VALUE = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.decimals()
    | st.text()
    | st.sampled_from(["1", "5", " 3 ", "yes", "x", "z", "", "\x00"]),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=3), inner),
    max_leaves=8,
)
CURRENT_KEYS = [question.key for question in CURRENT.questions()]


@given(
    section_key=st.sampled_from(CURRENT.section_keys()),
    raw=st.dictionaries(st.sampled_from(CURRENT_KEYS) | st.text(max_size=12), ANY_VALUE),
    require_complete=st.booleans(),
)
def test_arbitrary_input_never_raises(
    section_key: str, raw: dict[str, object], require_complete: bool
) -> None:
    cleaned, errors = validate_answers(CURRENT, section_key, raw, require_complete=require_complete)

    section_keys = {question.key for question in CURRENT.section(section_key).questions}
    assert set(cleaned) <= section_keys
    assert set(errors) <= section_keys
    assert not set(cleaned) & set(errors)
    for key, value in cleaned.items():
        question = CURRENT.question(key)
        if question.kind == "likert":
            assert type(value) is int
            assert 1 <= value <= 5
        elif question.kind == "choice":
            assert value in question.choice_keys
        elif question.kind == "multi":
            assert isinstance(value, list)
            assert value == sorted(set(value))
            assert set(value) <= question.choice_keys
        else:
            assert isinstance(value, str)
            assert value == value.strip()
            assert len(value) <= 2000
    for messages in errors.values():
        assert messages
        assert all(isinstance(message, str) for message in messages)
    # What was cleaned is valid as it stands: saving it again changes nothing.
    assert validate_answers(CURRENT, section_key, cleaned) == (cleaned, {})


@given(answers=st.dictionaries(st.sampled_from(CURRENT_KEYS), ANY_VALUE))
def test_scoring_and_completeness_never_raise(answers: dict[str, object]) -> None:
    for score in dimension_scores(CURRENT, answers):
        assert score.mean is None or Decimal(1) <= score.mean <= Decimal(5)
        assert 0 <= score.answered <= score.total
    assert set(missing_required(CURRENT, answers)) <= set(CURRENT_KEYS)


# --- Completeness -------------------------------------------------------------------------


def test_missing_required_lists_open_questions_in_order() -> None:
    required = [q.key for q in CURRENT.questions() if q.required]

    assert missing_required(CURRENT, {}) == required
    assert "strategy.developments" not in required  # an optional open question
    answers = {"strategy.budget": 3, "strategy.learning_in_plan": "8", "wishes.priorities": []}
    missing = missing_required(CURRENT, answers)
    assert "strategy.budget" not in missing
    assert "strategy.learning_in_plan" in missing  # an invalid stored value is no answer
    assert "wishes.priorities" in missing
    assert missing == [key for key in required if key in missing]


def test_complete_answers_miss_nothing() -> None:
    answers: dict[str, object] = {}
    for question in CURRENT.questions():
        answers[question.key] = {
            "likert": 3,
            "choice": question.choices[0].key if question.choices else "",
            "multi": [choice.key for choice in question.choices[:1]],
            "text": "Ja.",
        }[question.kind]

    assert missing_required(CURRENT, answers) == []


# --- Scoring ------------------------------------------------------------------------------


def test_scores_per_dimension_count_only_answered_items() -> None:
    scores = scores_by_key({"one.a1": 4, "one.a2": 5, "one.b1": 2, "two.b2": 3})

    assert scores == {
        "alpha": (Decimal("4.50"), 2, 3),
        "beta": (Decimal("2.50"), 2, 8),
        "gamma": (None, 0, 1),
    }


def test_reverse_items_are_scored_six_minus_the_answer() -> None:
    assert scores_by_key({"one.a3": 1})["alpha"] == (Decimal("5.00"), 1, 3)
    assert scores_by_key({"one.a3": 5, "one.a1": 5})["alpha"] == (Decimal("3.00"), 2, 3)
    assert scores_by_key({"one.a1": 2, "one.a2": 3, "one.a3": "2"})["alpha"] == (
        Decimal("3.00"),
        3,
        3,
    )


def test_invalid_values_do_not_count() -> None:
    answers: dict[str, object] = {
        "one.a1": 7,
        "one.a2": "veel",
        "one.a3": True,
        "one.b1": None,
        "two.b2": 3.0,
        "two.b3": [4, 5],
        "two.b4": "4",
        "two.c1": 0,
    }

    assert scores_by_key(answers) == {
        "alpha": (None, 0, 3),
        "beta": (Decimal("4.00"), 1, 8),
        "gamma": (None, 0, 1),
    }


def test_nothing_answered_gives_no_score() -> None:
    assert all(score.mean is None and score.answered == 0 for score in dimension_scores(SMALL, {}))
    scores = dimension_scores(CURRENT, {})
    assert [score.dimension for score in scores] == list(CURRENT.dimensions)
    assert all(score.mean is None for score in scores)


def test_means_are_rounded_half_up_to_cents() -> None:
    five_thirds = {"one.a1": 2, "one.a2": 2, "one.a3": 5}  # 2 + 2 + 1 = 5 / 3
    eighths = {"one.b1": 5, **{f"two.b{n}": 3 for n in range(2, 9)}}  # 26 / 8 = 3.25
    three_and_an_eighth = {**eighths, "one.b1": 4}  # 25 / 8 = 3.125

    assert scores_by_key(five_thirds)["alpha"][0] == Decimal("1.67")
    assert scores_by_key(eighths)["beta"][0] == Decimal("3.25")
    assert scores_by_key(three_and_an_eighth)["beta"][0] == Decimal("3.13")
    assert str(scores_by_key(three_and_an_eighth)["beta"][0]) == "3.13"


def test_best_possible_answers_score_five_everywhere() -> None:
    answers = {
        question.key: 1 if question.reverse else 5
        for question in CURRENT.questions()
        if question.kind == "likert"
    }

    for score in dimension_scores(CURRENT, answers):
        assert score.mean == Decimal("5.00")
        assert score.answered == score.total


def test_score_changes_between_baseline_and_final() -> None:
    baseline = {"one.a1": 2, "one.a2": 3, "one.b1": 4}
    final = {"one.a1": 4, "one.a2": 4, "two.c1": 5}

    changes = {dimension.key: rest for dimension, *rest in score_changes(SMALL, baseline, final)}

    assert changes == {
        "alpha": [Decimal("2.50"), Decimal("4.00"), Decimal("1.50")],
        "beta": [Decimal("4.00"), None, None],
        "gamma": [None, Decimal("5.00"), None],
    }
    (first, *_rest) = score_changes(SMALL, final, baseline)
    assert first[3] == Decimal("-1.50")
    assert [row[0] for row in score_changes(SMALL, {}, {})] == [ALPHA, BETA, GAMMA]
