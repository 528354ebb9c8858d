"""The needs analysis (behoefteanalyse) questionnaire, defined as data.

Answers are stored by question key, so a released key never changes meaning: a reworded
question keeps its key only if the answers stay comparable; otherwise it gets a new key in
a new version. The baseline (nulmeting) and final measurement (eindmeting) of an enrolment
use the same version, so their dimension scores can be compared.

Pure Python: no models, no database. Views build forms from it, services store
``validate_answers`` output, reports draw ``dimension_scores``.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property
from types import MappingProxyType
from typing import Literal

from django.core.exceptions import ValidationError
from django.utils.translation import get_language, gettext, ngettext

from leercultuur.text import normalise_line_endings, validate_multi_line

type Kind = Literal["likert", "text", "choice", "multi"]
type Answer = int | str | list[str]

KINDS: frozenset[str] = frozenset({"likert", "text", "choice", "multi"})
LIKERT_MIN = 1
LIKERT_MAX = 5
TEXT_MAX_LENGTH = 2000

_KEY = re.compile(r"[a-z][a-z0-9_]*")
_QUESTION_KEY = re.compile(r"[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*")
_CHOICE_KEY = re.compile(r"[a-z0-9_]+")
# Characters PostgreSQL's jsonb cannot store (NUL) or UTF-8 cannot encode (lone surrogates).
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def _in_language(nl: str, en: str) -> str:
    """Dutch first: English only when English is the active language."""
    return en if (get_language() or "").startswith("en") else nl


class _Bilingual:
    nl: str
    en: str

    @property
    def text(self) -> str:
        """The text in the active language (for templates: ``{{ question.text }}``)."""
        return _in_language(self.nl, self.en)


@dataclass(frozen=True)
class Dimension(_Bilingual):
    """An aspect of learning culture that the Likert items score."""

    key: str
    nl: str
    en: str

    def __post_init__(self) -> None:
        if not _KEY.fullmatch(self.key):
            raise ValueError(f"Dimension key {self.key!r} must be lower_snake_case.")


@dataclass(frozen=True)
class Choice(_Bilingual):
    key: str
    nl: str
    en: str

    def __post_init__(self) -> None:
        if not _CHOICE_KEY.fullmatch(self.key):
            raise ValueError(f"Choice key {self.key!r} must be lower_snake_case.")


@dataclass(frozen=True)
class LikertLabel(_Bilingual):
    value: int
    nl: str
    en: str


LIKERT_LABELS: Mapping[int, LikertLabel] = MappingProxyType(
    {
        label.value: label
        for label in (
            LikertLabel(1, "Helemaal oneens", "Strongly disagree"),
            LikertLabel(2, "Oneens", "Disagree"),
            LikertLabel(3, "Neutraal", "Neither agree nor disagree"),
            LikertLabel(4, "Eens", "Agree"),
            LikertLabel(5, "Helemaal eens", "Strongly agree"),
        )
    }
)


@dataclass(frozen=True)
class Question(_Bilingual):
    """One question.

    ``likert``: agreement from 1 to 5, scored on ``dimension`` (``reverse`` for negatively
    worded statements: score = 6 - answer). ``choice``: one of ``choices``. ``multi``: any
    of ``choices`` (at most ``max_choices`` when set). ``text``: an open answer of at most
    2000 characters.
    """

    key: str
    kind: Kind
    nl: str
    en: str
    dimension: Dimension | None = None
    choices: tuple[Choice, ...] = ()
    required: bool = True
    reverse: bool = False
    max_choices: int | None = None

    def __post_init__(self) -> None:
        problem = self._definition_problem()
        if problem:
            raise ValueError(f"Question {self.key!r}: {problem}")

    def _definition_problem(self) -> str:
        if not _QUESTION_KEY.fullmatch(self.key):
            return "the key must look like 'section.name' in lower_snake_case."
        if self.kind not in KINDS:
            return f"unknown kind {self.kind!r}."
        if not (self.nl.strip() and self.en.strip()):
            return "needs both Dutch and English text."
        if (self.kind == "likert") != (self.dimension is not None):
            return "Likert items, and only they, belong to a dimension."
        if self.reverse and self.kind != "likert":
            return "only Likert items can be reversed."
        if self.kind in {"choice", "multi"}:
            keys = [choice.key for choice in self.choices]
            if len(keys) < 2 or len(set(keys)) != len(keys):
                return "needs at least two choices with unique keys."
        elif self.choices:
            return "only choice and multi questions have choices."
        if self.max_choices is not None and (
            self.kind != "multi" or not 1 <= self.max_choices <= len(self.choices)
        ):
            return "max_choices belongs to multi questions and must fit the choices."
        return ""

    @cached_property
    def choice_keys(self) -> frozenset[str]:
        return frozenset(choice.key for choice in self.choices)

    def choice(self, key: str) -> Choice:
        for choice in self.choices:
            if choice.key == key:
                return choice
        raise KeyError(f"Question {self.key!r} has no choice {key!r}.")


@dataclass(frozen=True)
class Section(_Bilingual):
    """One page of the questionnaire."""

    key: str
    nl: str
    en: str
    questions: tuple[Question, ...]
    intro_nl: str = ""
    intro_en: str = ""

    @property
    def intro(self) -> str:
        return _in_language(self.intro_nl, self.intro_en)


@dataclass(frozen=True)
class Questionnaire:
    version: int
    sections: tuple[Section, ...]
    dimensions: tuple[Dimension, ...]

    def __post_init__(self) -> None:
        problem = self._definition_problem()
        if problem:
            raise ValueError(f"Questionnaire version {self.version}: {problem}")

    def _definition_problem(self) -> str:
        section_keys = self.section_keys()
        if not section_keys or len(set(section_keys)) != len(section_keys):
            return "needs sections with unique keys."
        dimension_keys = [dimension.key for dimension in self.dimensions]
        if len(set(dimension_keys)) != len(dimension_keys):
            return "dimension keys must be unique."
        seen: set[str] = set()
        for section in self.sections:
            if not _KEY.fullmatch(section.key) or not section.questions:
                return f"section {section.key!r} needs a lower_snake_case key and questions."
            for question in section.questions:
                if question.key in seen:
                    return f"question key {question.key!r} is used twice."
                seen.add(question.key)
                if not question.key.startswith(f"{section.key}."):
                    return f"question {question.key!r} must start with {section.key!r}."
                if question.dimension is not None and question.dimension not in self.dimensions:
                    return f"question {question.key!r} scores an unknown dimension."
        return ""

    @cached_property
    def _questions(self) -> tuple[Question, ...]:
        return tuple(question for section in self.sections for question in section.questions)

    @cached_property
    def _questions_by_key(self) -> Mapping[str, Question]:
        return {question.key: question for question in self._questions}

    @cached_property
    def _sections_by_key(self) -> Mapping[str, Section]:
        return {section.key: section for section in self.sections}

    def questions(self) -> tuple[Question, ...]:
        """Every question, in the order asked."""
        return self._questions

    def question(self, key: str) -> Question:
        """The question with this key; ``KeyError`` if there is none."""
        return self._questions_by_key[key]

    def section(self, key: str) -> Section:
        """The section with this key; ``KeyError`` if there is none."""
        return self._sections_by_key[key]

    def section_keys(self) -> tuple[str, ...]:
        return tuple(section.key for section in self.sections)

    def next_section(self, key: str) -> Section | None:
        """The section after ``key``, or None after the last one."""
        index = self.section_keys().index(self.section(key).key)
        return self.sections[index + 1] if index + 1 < len(self.sections) else None

    def previous_section(self, key: str) -> Section | None:
        """The section before ``key``, or None before the first one."""
        index = self.section_keys().index(self.section(key).key)
        return self.sections[index - 1] if index > 0 else None


# --- Version 1 ---------------------------------------------------------------------------

STRATEGY = Dimension("strategy", "Strategie en visie op leren", "Strategy and vision on learning")
LEADERSHIP_CLIMATE = Dimension(
    "leadership_climate", "Leiderschap en leerklimaat", "Leadership and learning climate"
)
FORMAL_LEARNING = Dimension("formal_learning", "Formeel leren", "Formal learning")
INFORMAL_LEARNING = Dimension("informal_learning", "Informeel leren", "Informal learning")
MBO_DEVELOPMENT = Dimension(
    "mbo_development", "Ontwikkeling mbo-medewerkers", "Development of mbo-educated staff"
)
TECHNOLOGY = Dimension(
    "technology", "Technologie, automatisering en AI", "Technology, automation and AI"
)
CAREERS = Dimension("careers", "Mobiliteit en loopbaan", "Mobility and careers")


def _likert(key: str, dimension: Dimension, nl: str, en: str, *, reverse: bool = False) -> Question:
    return Question(key, "likert", nl, en, dimension=dimension, reverse=reverse)


_VERSION_1 = Questionnaire(
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
        Section(
            "strategy",
            "Organisatie en strategie",
            "Organisation and strategy",
            intro_nl=(
                "Deze vragen gaan over de plaats van leren en ontwikkelen in de koers van "
                "uw organisatie. Geef bij elke stelling aan in hoeverre die voor uw "
                "organisatie klopt."
            ),
            intro_en=(
                "These questions are about the place of learning and development in your "
                "organisation's direction. For each statement, indicate how far it is true "
                "for your organisation."
            ),
            questions=(
                _likert(
                    "strategy.learning_in_plan",
                    STRATEGY,
                    "Leren en ontwikkelen zijn een vast onderdeel van ons ondernemingsplan "
                    "of onze jaarplannen.",
                    "Learning and development are a fixed part of our business plan or "
                    "annual plans.",
                ),
                _likert(
                    "strategy.future_skills",
                    STRATEGY,
                    "Wij weten welke kennis en vaardigheden wij over drie tot vijf jaar "
                    "nodig hebben.",
                    "We know which knowledge and skills we will need in three to five years.",
                ),
                _likert(
                    "strategy.budget",
                    STRATEGY,
                    "Wij reserveren elk jaar tijd en budget voor opleiding en ontwikkeling.",
                    "Every year we set aside time and budget for training and development.",
                ),
                _likert(
                    "strategy.day_to_day_first",
                    STRATEGY,
                    "Door de waan van de dag komt leren bij ons op de tweede plaats.",
                    "Day-to-day pressures push learning into second place here.",
                    reverse=True,
                ),
                _likert(
                    "strategy.shared_vision",
                    STRATEGY,
                    "Medewerkers weten waarom leren belangrijk is voor de toekomst van onze "
                    "organisatie.",
                    "Staff understand why learning matters for the future of our organisation.",
                ),
                Question(
                    "strategy.developments",
                    "text",
                    "Welke ontwikkelingen in uw markt of sector vragen de komende jaren om "
                    "nieuwe kennis of vaardigheden?",
                    "Which developments in your market or sector will call for new knowledge "
                    "or skills in the coming years?",
                    required=False,
                ),
            ),
        ),
        Section(
            "leadership",
            "Leiderschap en een veilig leerklimaat",
            "Leadership and a safe learning climate",
            intro_nl=(
                "Leren gaat het best waar leidinggevenden het stimuleren en waar "
                "medewerkers fouten durven te maken en vragen durven te stellen."
            ),
            intro_en=(
                "People learn best where managers encourage it and where staff dare to make "
                "mistakes and ask questions."
            ),
            questions=(
                _likert(
                    "leadership.managers_encourage",
                    LEADERSHIP_CLIMATE,
                    "Leidinggevenden moedigen medewerkers actief aan om te leren en zich te "
                    "ontwikkelen.",
                    "Managers actively encourage staff to learn and develop.",
                ),
                _likert(
                    "leadership.development_talks",
                    LEADERSHIP_CLIMATE,
                    "Leidinggevenden voeren minstens één keer per jaar een ontwikkelgesprek "
                    "met iedere medewerker.",
                    "Managers hold a development conversation with every employee at least "
                    "once a year.",
                ),
                _likert(
                    "leadership.mistakes_blamed",
                    LEADERSHIP_CLIMATE,
                    "Wie bij ons een fout maakt, wordt daarop eerder afgerekend dan dat wij "
                    "er samen van leren.",
                    "Here, people who make a mistake are blamed for it rather than helped to "
                    "learn from it.",
                    reverse=True,
                ),
                _likert(
                    "leadership.speak_up",
                    LEADERSHIP_CLIMATE,
                    "Medewerkers durven vragen te stellen, twijfels te uiten en nieuwe "
                    "ideeën in te brengen.",
                    "Staff feel free to ask questions, voice doubts and put forward new ideas.",
                ),
                _likert(
                    "leadership.role_model",
                    LEADERSHIP_CLIMATE,
                    "Directie en leidinggevenden geven het goede voorbeeld door zelf te "
                    "blijven leren.",
                    "Management sets a good example by continuing to learn themselves.",
                ),
                _likert(
                    "leadership.feedback",
                    LEADERSHIP_CLIMATE,
                    "Wij geven elkaar regelmatig feedback op het werk.",
                    "We regularly give each other feedback on our work.",
                ),
            ),
        ),
        Section(
            "formal_learning",
            "Formeel leren",
            "Formal learning",
            intro_nl=(
                "Formeel leren is leren in een georganiseerde vorm: cursussen, trainingen "
                "en opleidingen, vaak met een certificaat of diploma."
            ),
            intro_en=(
                "Formal learning is organised learning: courses, training and education, "
                "often leading to a certificate or diploma."
            ),
            questions=(
                Question(
                    "formal_learning.forms",
                    "multi",
                    "Welke vormen van formeel leren gebruikt uw organisatie? Laat leeg als "
                    "u geen van deze vormen gebruikt.",
                    "Which forms of formal learning does your organisation use? Leave empty "
                    "if you use none of them.",
                    choices=(
                        Choice("in_house_training", "Interne trainingen", "In-house training"),
                        Choice(
                            "external_courses",
                            "Cursussen bij een opleider",
                            "Courses with a training provider",
                        ),
                        Choice(
                            "mbo_programmes",
                            "Mbo-opleidingen (bbl of bol) bij een ROC of vakschool",
                            "Mbo programmes (work-based or school-based) at a regional "
                            "or trade college",
                        ),
                        Choice(
                            "higher_education",
                            "Hbo- of wo-opleidingen",
                            "Higher professional or university education",
                        ),
                        Choice(
                            "e_learning",
                            "E-learning en online cursussen",
                            "E-learning and online courses",
                        ),
                        Choice(
                            "certification",
                            "Verplichte certificeringen, zoals VCA of bhv",
                            "Mandatory certificates, such as safety or first-aid training",
                        ),
                        Choice("other", "Anders", "Other"),
                    ),
                    required=False,
                ),
                _likert(
                    "formal_learning.training_plan",
                    FORMAL_LEARNING,
                    "Wij hebben een opleidingsplan waarin staat wie welke opleiding volgt.",
                    "We have a training plan that sets out who takes which training.",
                ),
                _likert(
                    "formal_learning.applied_at_work",
                    FORMAL_LEARNING,
                    "Wat medewerkers in een opleiding leren, passen zij daarna ook toe in "
                    "hun werk.",
                    "What staff learn in training, they then apply in their work.",
                ),
                _likert(
                    "formal_learning.no_time",
                    FORMAL_LEARNING,
                    "In de praktijk hebben medewerkers geen tijd om een opleiding te volgen.",
                    "In practice, staff have no time to take part in training.",
                    reverse=True,
                ),
                _likert(
                    "formal_learning.providers",
                    FORMAL_LEARNING,
                    "Wij werken goed samen met opleiders, zoals ROC's en vakscholen.",
                    "We work well with training providers, such as regional and trade colleges.",
                ),
                _likert(
                    "formal_learning.qualifications",
                    FORMAL_LEARNING,
                    "Medewerkers kunnen bij ons een erkend diploma of certificaat halen.",
                    "Staff can obtain a recognised diploma or certificate with us.",
                ),
            ),
        ),
        Section(
            "informal_learning",
            "Informeel leren",
            "Informal learning",
            intro_nl=(
                "Informeel leren gebeurt tijdens het werk: door te doen, van collega's, "
                "door mee te kijken en door samen problemen op te lossen."
            ),
            intro_en=(
                "Informal learning happens while working: by doing, from colleagues, by "
                "watching others and by solving problems together."
            ),
            questions=(
                _likert(
                    "informal_learning.from_colleagues",
                    INFORMAL_LEARNING,
                    "Medewerkers leren veel van elkaar tijdens het werk.",
                    "Staff learn a lot from each other while working.",
                ),
                _likert(
                    "informal_learning.mentoring",
                    INFORMAL_LEARNING,
                    "Nieuwe en minder ervaren medewerkers krijgen een vaste collega als "
                    "buddy, mentor of praktijkopleider.",
                    "New and less experienced staff are paired with a colleague as buddy, "
                    "mentor or workplace trainer.",
                ),
                _likert(
                    "informal_learning.reflection",
                    INFORMAL_LEARNING,
                    "Na een project of een probleem bespreken wij samen wat wij ervan "
                    "kunnen leren.",
                    "After a project or a problem, we discuss together what we can learn from it.",
                ),
                _likert(
                    "informal_learning.knowledge_lost",
                    INFORMAL_LEARNING,
                    "Als een ervaren collega vertrekt, gaat er kennis verloren die niemand "
                    "anders heeft.",
                    "When an experienced colleague leaves, we lose knowledge that nobody else has.",
                    reverse=True,
                ),
                _likert(
                    "informal_learning.new_tasks",
                    INFORMAL_LEARNING,
                    "Medewerkers krijgen de ruimte om nieuwe taken uit te proberen.",
                    "Staff are given room to try out new tasks.",
                ),
                Question(
                    "informal_learning.forms",
                    "multi",
                    "Welke vormen van leren op de werkplek komen bij u voor?",
                    "Which forms of workplace learning take place in your organisation?",
                    choices=(
                        Choice("induction", "Inwerken en meelopen", "Induction and shadowing"),
                        Choice(
                            "mentoring", "Mentoring of een buddysysteem", "Mentoring or buddies"
                        ),
                        Choice("job_rotation", "Taakroulatie", "Job rotation"),
                        Choice(
                            "work_meetings",
                            "Werkoverleg of toolboxmeetings",
                            "Team meetings or toolbox talks",
                        ),
                        Choice(
                            "knowledge_sharing",
                            "Kennisdeling, zoals lunchsessies of instructievideo's",
                            "Knowledge sharing, such as lunch sessions or instruction videos",
                        ),
                        Choice(
                            "company_visits",
                            "Bedrijfsbezoeken en netwerkbijeenkomsten",
                            "Company visits and network meetings",
                        ),
                    ),
                    required=False,
                ),
            ),
        ),
        Section(
            "mbo_staff",
            "Mbo-medewerkers en doelgroepen",
            "Mbo-educated staff and target groups",
            intro_nl=(
                "Het programma richt zich vooral op medewerkers met een mbo-opleiding of "
                "een vergelijkbaar werk- en denkniveau."
            ),
            intro_en=(
                "The programme is aimed above all at staff with an mbo (secondary "
                "vocational) education or an equivalent level of work."
            ),
            questions=(
                _likert(
                    "mbo_staff.participation",
                    MBO_DEVELOPMENT,
                    "Mbo-opgeleide medewerkers volgen net zo vaak een opleiding als hoger "
                    "opgeleide collega's.",
                    "Mbo-educated staff take part in training as often as colleagues with a "
                    "higher education.",
                ),
                _likert(
                    "mbo_staff.own_wishes",
                    MBO_DEVELOPMENT,
                    "Mbo-opgeleide medewerkers geven zelf aan wat zij willen leren.",
                    "Mbo-educated staff say for themselves what they want to learn.",
                ),
                _likert(
                    "mbo_staff.low_interest",
                    MBO_DEVELOPMENT,
                    "Een deel van onze medewerkers heeft weinig zin in leren of ziet er het "
                    "nut niet van in.",
                    "Some of our staff have little appetite for learning or see no point in it.",
                    reverse=True,
                ),
                _likert(
                    "mbo_staff.basic_skills",
                    MBO_DEVELOPMENT,
                    "Wij weten of medewerkers moeite hebben met taal, rekenen of digitale "
                    "vaardigheden, en bieden dan hulp.",
                    "We know whether staff struggle with language, numeracy or digital "
                    "skills, and we offer help if they do.",
                ),
                Question(
                    "mbo_staff.target_groups",
                    "multi",
                    "Voor welke groepen wilt u vooral aan de slag met leren en ontwikkelen?",
                    "Which groups do you most want to focus on for learning and development?",
                    choices=(
                        Choice("mbo_staff", "Mbo-opgeleide medewerkers", "Mbo-educated staff"),
                        Choice(
                            "no_basic_qualification",
                            "Medewerkers zonder startkwalificatie",
                            "Staff without a basic qualification",
                        ),
                        Choice(
                            "young_staff",
                            "Jonge medewerkers en nieuwe instroom",
                            "Young staff and new recruits",
                        ),
                        Choice("older_staff", "Oudere medewerkers", "Older staff"),
                        Choice("managers", "Leidinggevenden", "Managers"),
                        Choice(
                            "non_native_speakers",
                            "Anderstalige medewerkers en statushouders",
                            "Non-native speakers and refugees with a residence permit",
                        ),
                        Choice("everyone", "Alle medewerkers", "All staff"),
                    ),
                ),
                Question(
                    "mbo_staff.remarks",
                    "text",
                    "Wat wilt u ons nog meer vertellen over uw medewerkers en doelgroepen?",
                    "Is there anything else you would like to tell us about your staff and "
                    "target groups?",
                    required=False,
                ),
            ),
        ),
        Section(
            "technology",
            "Technologie, automatisering en AI",
            "Technology, automation and AI",
            intro_nl=(
                "Nieuwe machines, software en kunstmatige intelligentie (AI) veranderen het "
                "werk en vragen om nieuwe vaardigheden."
            ),
            intro_en=(
                "New machines, software and artificial intelligence (AI) change the work "
                "and call for new skills."
            ),
            questions=(
                _likert(
                    "technology.impact_known",
                    TECHNOLOGY,
                    "Wij weten welke gevolgen nieuwe technologie en automatisering hebben "
                    "voor het werk in onze organisatie.",
                    "We know how new technology and automation will affect the work in our "
                    "organisation.",
                ),
                _likert(
                    "technology.training_with_change",
                    TECHNOLOGY,
                    "Als wij nieuwe machines, software of werkwijzen invoeren, leiden wij "
                    "medewerkers daar tijdig voor op.",
                    "When we introduce new machines, software or ways of working, we train "
                    "staff for them in good time.",
                ),
                _likert(
                    "technology.digital_skills",
                    TECHNOLOGY,
                    "Onze medewerkers hebben voldoende digitale vaardigheden voor hun werk.",
                    "Our staff have sufficient digital skills for their work.",
                ),
                _likert(
                    "technology.ai_explored",
                    TECHNOLOGY,
                    "Wij verkennen hoe toepassingen van AI ons werk kunnen ondersteunen.",
                    "We are exploring how AI applications could support our work.",
                ),
                _likert(
                    "technology.falling_behind",
                    TECHNOLOGY,
                    "Sommige medewerkers dreigen de aansluiting te verliezen nu hun werk "
                    "digitaler wordt.",
                    "Some staff are at risk of falling behind as their work becomes more digital.",
                    reverse=True,
                ),
                Question(
                    "technology.ai_use",
                    "choice",
                    "In welke mate gebruikt uw organisatie al AI-toepassingen?",
                    "To what extent does your organisation already use AI applications?",
                    choices=(
                        Choice("not_yet", "Nog niet", "Not yet"),
                        Choice("exploring", "Wij oriënteren ons", "We are exploring"),
                        Choice(
                            "individual",
                            "Enkele medewerkers gebruiken het op eigen initiatief",
                            "Some staff use it on their own initiative",
                        ),
                        Choice(
                            "structural",
                            "Wij gebruiken het structureel in onze werkprocessen",
                            "We use it as a standard part of our work processes",
                        ),
                    ),
                ),
            ),
        ),
        Section(
            "careers",
            "Mobiliteit en loopbaan",
            "Mobility and careers",
            intro_nl=(
                "Deze vragen gaan over doorgroeien, van functie wisselen en inzetbaar "
                "blijven, binnen en buiten uw organisatie."
            ),
            intro_en=(
                "These questions are about moving up, changing jobs and staying employable, "
                "inside and outside your organisation."
            ),
            questions=(
                _likert(
                    "careers.career_talks",
                    CAREERS,
                    "Medewerkers praten met hun leidinggevende over hun loopbaan en toekomst.",
                    "Staff discuss their career and future with their manager.",
                ),
                _likert(
                    "careers.internal_moves",
                    CAREERS,
                    "Medewerkers kunnen bij ons doorgroeien naar een andere of hogere functie.",
                    "Staff can move on to a different or more senior job with us.",
                ),
                _likert(
                    "careers.standing_still",
                    CAREERS,
                    "Wie bij ons eenmaal een functie heeft, blijft daar meestal jaren in "
                    "zonder zich verder te ontwikkelen.",
                    "Once people have a job here, they usually stay in it for years without "
                    "developing further.",
                    reverse=True,
                ),
                _likert(
                    "careers.employability",
                    CAREERS,
                    "Wij vinden het belangrijk dat medewerkers ook buiten onze organisatie "
                    "inzetbaar blijven.",
                    "We think it matters that staff stay employable outside our organisation too.",
                ),
                Question(
                    "careers.instruments",
                    "multi",
                    "Welke loopbaaninstrumenten gebruikt uw organisatie?",
                    "Which career instruments does your organisation use?",
                    choices=(
                        Choice(
                            "development_budget",
                            "Een persoonlijk ontwikkelbudget",
                            "A personal development budget",
                        ),
                        Choice(
                            "career_advice",
                            "Loopbaanadvies of loopbaancoaching",
                            "Career advice or coaching",
                        ),
                        Choice(
                            "prior_learning",
                            "Erkenning van eerder verworven competenties (evc)",
                            "Recognition of prior learning",
                        ),
                        Choice(
                            "development_paths",
                            "Ontwikkelpaden of een functiehuis met groeistappen",
                            "Development paths or a job structure with steps up",
                        ),
                        Choice(
                            "subsidies",
                            "Subsidies voor scholing, zoals de SLIM-regeling of een sectorfonds",
                            "Training subsidies, such as the SLIM scheme or a sector fund",
                        ),
                    ),
                    required=False,
                ),
            ),
        ),
        Section(
            "wishes",
            "Wensen en prioriteiten",
            "Wishes and priorities",
            intro_nl=(
                "Tot slot: wat wilt u met het traject bereiken, en hoe kan de "
                "arbeidsmarktcoach u daarbij helpen?"
            ),
            intro_en=(
                "Finally: what do you want to achieve with the trajectory, and how can the "
                "labour-market coach help you?"
            ),
            questions=(
                Question(
                    "wishes.priorities",
                    "multi",
                    "Wat zijn voor uw organisatie de belangrijkste prioriteiten zolang het "
                    "traject loopt? Kies er hoogstens drie.",
                    "What are your organisation's main priorities while the trajectory runs? "
                    "Choose up to three.",
                    choices=(
                        Choice(
                            "learning_strategy",
                            "Leren verankeren in beleid en strategie",
                            "Embed learning in policy and strategy",
                        ),
                        Choice(
                            "leadership",
                            "Leidinggevenden sterker maken als coach",
                            "Strengthen managers as coaches",
                        ),
                        Choice(
                            "formal_training",
                            "Meer en betere opleidingen",
                            "More and better training",
                        ),
                        Choice(
                            "workplace_learning",
                            "Leren op de werkplek versterken",
                            "Strengthen learning in the workplace",
                        ),
                        Choice(
                            "mbo_staff",
                            "Mbo-medewerkers meer kansen geven om zich te ontwikkelen",
                            "Give mbo-educated staff more opportunities to develop",
                        ),
                        Choice(
                            "digital_skills",
                            "Digitale vaardigheden en AI",
                            "Digital skills and AI",
                        ),
                        Choice(
                            "careers",
                            "Loopbaanontwikkeling en interne doorstroom",
                            "Career development and internal mobility",
                        ),
                        Choice(
                            "knowledge_retention",
                            "Kennis behouden en overdragen",
                            "Keep and pass on knowledge",
                        ),
                        Choice(
                            "recruitment",
                            "Personeel aantrekken en behouden",
                            "Attract and retain staff",
                        ),
                    ),
                    max_choices=3,
                ),
                Question(
                    "wishes.expected_result",
                    "text",
                    "Wat moet het traject uw organisatie aan het eind hebben opgeleverd?",
                    "What should the trajectory have achieved for your organisation by its end?",
                ),
                Question(
                    "wishes.support",
                    "multi",
                    "Welke ondersteuning wilt u van de arbeidsmarktcoach?",
                    "What support would you like from the labour-market coach?",
                    choices=(
                        Choice("advice", "Advies en meedenken", "Advice and a sounding board"),
                        Choice(
                            "development_plan",
                            "Hulp bij het opstellen van een ontwikkelplan",
                            "Help with drawing up a development plan",
                        ),
                        Choice(
                            "training_providers",
                            "Contact met opleiders en ROC's",
                            "Contact with training providers and regional colleges",
                        ),
                        Choice(
                            "workshops",
                            "Workshops voor leidinggevenden of medewerkers",
                            "Workshops for managers or staff",
                        ),
                        Choice(
                            "subsidies",
                            "Informatie over subsidies en regelingen",
                            "Information about subsidies and schemes",
                        ),
                        Choice(
                            "network",
                            "Kennismaken met andere bedrijven in het lerend netwerk",
                            "Meeting other companies in the learning network",
                        ),
                    ),
                    required=False,
                ),
                Question(
                    "wishes.time_available",
                    "choice",
                    "Hoeveel tijd kan uw organisatie per maand vrijmaken voor het traject?",
                    "How much time a month can your organisation set aside for the trajectory?",
                    choices=(
                        Choice("under_4", "Minder dan 4 uur", "Less than 4 hours"),
                        Choice("from_4_to_8", "4 tot 8 uur", "4 to 8 hours"),
                        Choice("from_8_to_16", "8 tot 16 uur", "8 to 16 hours"),
                        Choice("over_16", "Meer dan 16 uur", "More than 16 hours"),
                    ),
                ),
                Question(
                    "wishes.remarks",
                    "text",
                    "Heeft u verder nog opmerkingen of vragen?",
                    "Do you have any other comments or questions?",
                    required=False,
                ),
            ),
        ),
    ),
)

QUESTIONNAIRES: dict[int, Questionnaire] = {1: _VERSION_1}
CURRENT_VERSION = 1


def get_questionnaire(version: int = CURRENT_VERSION) -> Questionnaire:
    try:
        return QUESTIONNAIRES[version]
    except (KeyError, TypeError):
        known = ", ".join(str(number) for number in sorted(QUESTIONNAIRES))
        raise ValueError(
            f"There is no questionnaire version {version!r} (known versions: {known})."
        ) from None


# --- Validation --------------------------------------------------------------------------


def _clean(question: Question, value: object) -> tuple[Answer | None, str | None]:
    """One raw value as (cleaned answer, error); (None, None) when left blank."""
    if question.kind == "multi":
        return _clean_multi(question, value)
    if isinstance(value, list | tuple):
        # A form posted as lists (dict(request.POST.lists())): one value is fine.
        if len(value) > 1:
            return None, gettext("Give only one answer.")
        value = value[0] if value else None
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, None
    if question.kind == "likert":
        return _clean_likert(value)
    if question.kind == "choice":
        if isinstance(value, str) and value.strip() in question.choice_keys:
            return value.strip(), None
        return None, gettext("Choose one of the options.")
    return _clean_text(value)


def _clean_likert(value: object) -> tuple[int | None, str | None]:
    number: int | None = None
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, str) and value.strip() in {"1", "2", "3", "4", "5"}:
        number = int(value.strip())
    if number is None or not LIKERT_MIN <= number <= LIKERT_MAX:
        return None, gettext("Choose a value from 1 to 5.")
    return number, None


def _clean_multi(question: Question, value: object) -> tuple[list[str] | None, str | None]:
    if value is None:
        return None, None
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list | tuple | set | frozenset):
        return None, gettext("Choose from the options.")
    keys: set[str] = set()
    for item in value:
        if not isinstance(item, str):
            return None, gettext("Choose from the options.")
        if item.strip():
            keys.add(item.strip())
    if not keys:
        return None, None
    if not keys <= question.choice_keys:
        return None, gettext("Choose from the options.")
    if question.max_choices is not None and len(keys) > question.max_choices:
        return None, ngettext(
            "Choose at most %(count)d option.",
            "Choose at most %(count)d options.",
            question.max_choices,
        ) % {"count": question.max_choices}
    return sorted(keys), None


def _clean_text(value: object) -> tuple[str | None, str | None]:
    if not isinstance(value, str):
        return None, gettext("Enter text.")
    text = normalise_line_endings(value).strip()
    if _UNSTORABLE.search(text):
        return None, gettext("The text contains characters that are not allowed.")
    try:
        validate_multi_line(text)
    except ValidationError as error:
        return None, error.messages[0]
    if len(text) > TEXT_MAX_LENGTH:
        return None, gettext(
            "Keep your answer to %(limit)d characters at most (it has %(length)d)."
        ) % {"limit": TEXT_MAX_LENGTH, "length": len(text)}
    return text, None


def _raw_value(raw: Mapping[str, object], question: Question) -> object:
    getlist = getattr(raw, "getlist", None)
    if question.kind == "multi" and callable(getlist):
        # request.POST: a plain lookup would give only the last ticked box.
        return getlist(question.key)
    return raw.get(question.key)


def validate_answers(
    questionnaire: Questionnaire,
    section_key: str,
    raw: Mapping[str, object],
    *,
    require_complete: bool = False,
) -> tuple[dict[str, Answer], dict[str, list[str]]]:
    """Clean one section's answers from ``raw`` (for example ``request.POST``).

    Returns ``(cleaned, errors)``. ``cleaned`` holds only the questions answered validly:
    Likert as int 1-5, choice as its key, multi as a sorted list of keys, text stripped.
    Questions left blank are absent, so the caller replaces the section's earlier answers
    with ``cleaned``. ``errors`` maps question keys to messages for the user. A blank
    required question is an error only with ``require_complete`` (at submit): pages are
    saved as the user goes. Keys of other questions are ignored; no input raises. An
    unknown ``section_key`` is a programming error and raises ``KeyError``.
    """
    section = questionnaire.section(section_key)
    cleaned: dict[str, Answer] = {}
    errors: dict[str, list[str]] = {}
    for question in section.questions:
        value, error = _clean(question, _raw_value(raw, question))
        if error is not None:
            errors[question.key] = [error]
        elif value is not None:
            cleaned[question.key] = value
        elif require_complete and question.required:
            errors[question.key] = [gettext("Answer this question.")]
    return cleaned, errors


def is_answered(question: Question, answers: Mapping[str, object]) -> bool:
    value, error = _clean(question, answers.get(question.key))
    return value is not None and error is None


def missing_required(questionnaire: Questionnaire, answers: Mapping[str, object]) -> list[str]:
    """Keys of the required questions without a valid answer, in the order asked."""
    return [
        question.key
        for question in questionnaire.questions()
        if question.required and not is_answered(question, answers)
    ]


# --- Scoring -----------------------------------------------------------------------------

_CENTS = Decimal("0.01")


@dataclass(frozen=True)
class DimensionScore:
    dimension: Dimension
    mean: Decimal | None  # None when no item of the dimension is answered
    answered: int
    total: int


def dimension_scores(
    questionnaire: Questionnaire, answers: Mapping[str, object]
) -> list[DimensionScore]:
    """Per dimension, in dimension order: the mean of its answered Likert items.

    Reverse items count as 6 - answer. Unanswered and invalid values don't count. The
    mean is rounded half up to two decimals, and None when nothing was answered.
    """
    scores = []
    for dimension in questionnaire.dimensions:
        items = [q for q in questionnaire.questions() if q.dimension == dimension]
        points = []
        for question in items:
            value, error = _clean(question, answers.get(question.key))
            if isinstance(value, int) and error is None:
                points.append(LIKERT_MIN + LIKERT_MAX - value if question.reverse else value)
        mean = (
            (Decimal(sum(points)) / len(points)).quantize(_CENTS, rounding=ROUND_HALF_UP)
            if points
            else None
        )
        scores.append(DimensionScore(dimension, mean, answered=len(points), total=len(items)))
    return scores


def score_changes(
    questionnaire: Questionnaire,
    baseline: Mapping[str, object],
    final: Mapping[str, object],
) -> list[tuple[Dimension, Decimal | None, Decimal | None, Decimal | None]]:
    """Per dimension: (dimension, baseline mean, final mean, final - baseline or None)."""
    changes = []
    for before, after in zip(
        dimension_scores(questionnaire, baseline),
        dimension_scores(questionnaire, final),
        strict=True,
    ):
        change = (
            after.mean - before.mean if before.mean is not None and after.mean is not None else None
        )
        changes.append((before.dimension, before.mean, after.mean, change))
    return changes
