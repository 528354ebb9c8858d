"""Reads of the team survey: the surveys a user may see, a link's survey, and results."""

import uuid
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import QuerySet
from django.http import Http404
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.roles import is_contact
from companies import questionnaire as q
from companies.models import Enrolment, NeedsAnalysis
from companies.selectors import enrolments_for_user
from leercultuur.charts import bar_chart, paired_bar_chart
from people.models import Group
from people.selectors import participants_of
from surveys.instrument import Instrument, get_instrument
from surveys.models import PersonalLink, SurveyInvitation, TeamSurvey
from surveys.results import (
    TOTAL,
    Answered,
    Breakdown,
    Comparison,
    by_education,
    by_group,
    compare,
    minimum_group_size,
)
from surveys.services import token_hash

# Only a submitted or reviewed needs analysis is complete enough to score.


def surveys_for_user(user: User) -> QuerySet[TeamSurvey]:
    """The team surveys of the enrolments the user may see (its company, coachees, all)."""
    return TeamSurvey.objects.select_related("enrolment__company", "enrolment__edition").filter(
        enrolment__in=enrolments_for_user(user)
    )


def get_survey_for_user(user: User, public_id: uuid.UUID | str) -> TeamSurvey:
    """A survey whose results the user may see; anyone else's is a 404."""
    try:
        return surveys_for_user(user).get(public_id=public_id)
    except (TeamSurvey.DoesNotExist, ValueError) as exc:
        raise Http404 from exc


def get_survey_to_keep(user: User, public_id: uuid.UUID | str) -> TeamSurvey:
    """A survey of the user's own company, for its contact: its links are theirs to hand
    out. Coaches and staff see the results, not the links (404)."""
    if not is_contact(user):
        raise Http404
    survey = get_survey_for_user(user, public_id)
    if survey.enrolment.company_id != user.contact.company_id:
        raise Http404
    return survey


def surveys_of(enrolment: Enrolment) -> dict[str, TeamSurvey]:
    """The enrolment's surveys by measurement kind."""
    return {survey.kind: survey for survey in TeamSurvey.objects.filter(enrolment=enrolment)}


def survey_by_company_token(token: str) -> TeamSurvey | None:
    return (
        TeamSurvey.objects.select_related("enrolment__company").filter(company_token=token).first()
    )


def survey_by_personal_token(token: str) -> TeamSurvey | None:
    """The survey of an unused personal link; None once used (the link is gone) or unknown."""
    link = PersonalLink.objects.select_related("survey__enrolment__company")
    found = link.filter(token_hash=token_hash(token)).first()
    return found.survey if found else None


def invited_count(survey: TeamSurvey) -> int:
    return SurveyInvitation.objects.filter(survey=survey).count()


def not_yet_invited(survey: TeamSurvey) -> int:
    """Active participants with an e-mail address who have had no personal link yet."""
    people = participants_of(survey.enrolment.company, active_only=True).exclude(email="")
    return people.exclude(survey_invitations__survey=survey).count()


# --- Results ------------------------------------------------------------------------------


def group_label(key: str) -> str:
    labels = {
        TOTAL: _("Everyone"),
        Group.MANAGEMENT.value: str(Group.MANAGEMENT.label),
        Group.EMPLOYEE.value: str(Group.EMPLOYEE.label),
        "": _("Not stated"),
        "mbo": _("mbo-educated"),
        "not_mbo": _("Not mbo-educated"),
    }
    return labels[key]


@dataclass(frozen=True)
class Table:
    """Means per dimension (rows) per group (columns), for a page or a PDF."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, tuple[Decimal | None, ...]], ...]
    counts: tuple[int, ...]


def _table(instrument: Instrument, breakdown: Breakdown) -> Table | None:
    if breakdown.total is None:
        return None
    shown = (breakdown.total, *breakdown.groups)
    return Table(
        columns=tuple(group_label(result.key) for result in shown),
        rows=tuple(
            (dimension.text, tuple(result.means[index] for result in shown))
            for index, dimension in enumerate(instrument.dimensions)
        ),
        counts=tuple(result.count for result in shown),
    )


@dataclass(frozen=True)
class SurveyResults:
    survey: TeamSurvey
    minimum: int
    responses: int
    participants: int  # active participants of the company
    by_group: Table | None
    by_education: Table | None
    split_shown: bool
    management_chart: SafeString | None
    comparisons: list[tuple[str, SafeString, Comparison]] = field(default_factory=list)

    @property
    def rate(self) -> int | None:
        """Responses as a share of the active participants, in whole percents (at most
        100: the company link may reach people not on the list)."""
        if not self.participants:
            return None
        return min(100, round(100 * self.responses / self.participants))


def _answered(survey: TeamSurvey) -> list[Answered]:
    rows = survey.responses.values_list("group", "is_mbo", "answers")
    return [Answered(group, is_mbo, answers) for group, is_mbo, answers in rows]


def survey_results(survey: TeamSurvey) -> SurveyResults:
    """Everything the results page and the progress report show of one survey.

    Figures only once the survey is closed: while responses still come in, the results
    before and after a colleague answered would give away that one person's answers.
    """
    instrument = get_instrument(survey.instrument_version)
    minimum = minimum_group_size()
    answered = _answered(survey)
    final_set = [] if survey.is_open else answered
    groups = by_group(instrument, final_set, minimum=minimum)
    other_kind = (
        TeamSurvey.Kind.FINAL
        if survey.kind == TeamSurvey.Kind.BASELINE
        else TeamSurvey.Kind.BASELINE
    )
    other = TeamSurvey.objects.filter(
        enrolment_id=survey.enrolment_id, kind=other_kind, is_open=False
    ).first()
    comparisons: list[tuple[str, SafeString, Comparison]] = []
    if other is not None and not survey.is_open:
        other_groups = by_group(instrument, _answered(other), minimum=minimum)
        baseline, final = (
            (groups, other_groups)
            if survey.kind == TeamSurvey.Kind.BASELINE
            else (other_groups, groups)
        )
        comparisons = [
            (group_label(c.key), _comparison_chart(c), c)
            for c in compare(instrument, baseline, final)
        ]
    return SurveyResults(
        survey=survey,
        minimum=minimum,
        responses=len(answered),
        participants=participants_of(survey.enrolment.company, active_only=True).count(),
        by_group=_table(instrument, groups),
        by_education=_table(instrument, by_education(instrument, final_set, minimum=minimum)),
        split_shown=groups.split_shown,
        management_chart=_management_chart(survey, instrument, groups),
        comparisons=comparisons,
    )


def _management_chart(
    survey: TeamSurvey, instrument: Instrument, groups: Breakdown
) -> SafeString | None:
    """The contact's needs analysis of the same measurement beside the employees' view
    (everyone's, when the employees cannot be shown on their own)."""
    team = groups.result(Group.EMPLOYEE.value) or groups.total
    if team is None:
        return None
    analysis = NeedsAnalysis.objects.filter(
        enrolment_id=survey.enrolment_id, kind=survey.kind, status__in=NeedsAnalysis.SCORED
    ).first()
    team_name = _("Employees (team survey)") if team.key != TOTAL else _("Everyone (team survey)")
    if analysis is None:
        return bar_chart(
            _("Score per dimension (1 to 5): %(who)s") % {"who": team_name},
            [(d.text, mean) for d, mean in zip(instrument.dimensions, team.means, strict=True)],
            maximum=5,
            decimals=2,
        )
    management = q.dimension_scores(
        q.get_questionnaire(analysis.questionnaire_version), analysis.answers
    )
    return paired_bar_chart(
        _("Score per dimension (1 to 5): management and team"),
        [
            (d.text, score.mean, mean)
            for d, score, mean in zip(instrument.dimensions, management, team.means, strict=True)
        ],
        maximum=5,
        legend=(_("Management (needs analysis)"), team_name),
        decimals=2,
    )


def _comparison_chart(comparison: Comparison) -> SafeString:
    return paired_bar_chart(
        _("%(group)s: baseline and final measurement (1 to 5)")
        % {"group": group_label(comparison.key)},
        [(dimension.text, old, new) for dimension, old, new, _change in comparison.rows],
        maximum=5,
        legend=(_("Baseline measurement"), _("Final measurement")),
        decimals=2,
    )
