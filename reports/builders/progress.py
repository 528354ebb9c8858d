"""The company progress report (voortgangsrapportage) of one enrolment.

For the company contact, its coaches and staff: the company and its trajectory, coach
hours by month and by activity, the sessions with their summaries (never the coach's
private notes), the development plan, network attendance, the baseline and final
measurement per dimension, the notes shared with the company (never the internal ones),
and the coach's closing summary, which is the summary the coach writes when reviewing the
final measurement.
"""

import datetime
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q
from django.db.models.functions import Now
from django.utils.translation import gettext as _

from coaching.models import CoachingSession
from coaching.selectors import BudgetStatus, budget_minutes
from companies import questionnaire as q
from companies.models import DevelopmentPlan, Enrolment, NeedsAnalysis, PlanAction
from companies.selectors import shared_notes
from leercultuur.charts import bar_chart, paired_bar_chart
from networks.models import Meeting, Registration
from networks.selectors import company_attendance
from reports.builders import progress_people
from reports.builders.common import (
    chart_maximum,
    first_of_month,
    hours,
    month_label,
    months_between,
    subject_id,
    today,
)
from reports.builders.team_survey import team_survey
from reports.models import Report

# Only a submitted or reviewed measurement is complete enough to score.


@dataclass(frozen=True)
class MonthRow:
    label: str
    minutes: int
    used: int  # up to and including this month
    left: int  # of the budget, at the end of this month


@dataclass(frozen=True)
class ActivityRow:
    label: str
    minutes: int


def build(report: Report) -> dict[str, Any]:
    enrolment = Enrolment.objects.select_related(
        "company__region", "company__sector", "edition", "lead_coach"
    ).get(pk=subject_id(report.enrolment_id))
    sessions = list(
        CoachingSession.objects.filter(enrolment=enrolment)
        .select_related("coach")
        .only(  # never the private notes: they are not even read
            "date",
            "minutes",
            "activity",
            "mode",
            "participants",
            "mbo_participants",
            "summary",
            "follow_up",
            "coach__full_name",
            "coach__email",
        )
        .order_by("date", "pk")
    )
    budget = BudgetStatus(
        budget_minutes=budget_minutes(enrolment),
        used_minutes=sum(session.minutes for session in sessions),
    )
    return {
        "enrolment": enrolment,
        "company": enrolment.company,
        "coaches": _coaches(enrolment),
        "budget": budget,
        "budget_chart": bar_chart(
            _("Coach hours: used and left"),
            [(_("Used"), hours(budget.used_minutes)), (_("Left"), hours(budget.left_minutes))],
            maximum=chart_maximum([hours(budget.budget_minutes)]),
            unit=_("hours"),
            decimals=1,
        ),
        **_by_month(enrolment, sessions, budget),
        **_by_activity(sessions),
        "sessions": sessions,
        **_plan(enrolment),
        **progress_people.learning_per_person(enrolment),
        **progress_people.ambassador_activities(enrolment),
        **_attendance(enrolment),
        **measurements(enrolment),
        **team_survey(enrolment),
        # The company reads this report: shared notes only, never internal ones.
        "notes": list(shared_notes(enrolment)),
    }


def _coaches(enrolment: Enrolment) -> list[str]:
    """The lead coach first, then the other coaches."""
    others = enrolment.coaches.exclude(pk=enrolment.lead_coach_id).order_by("full_name", "email")
    lead = [enrolment.lead_coach] if enrolment.lead_coach else []
    return [coach.get_full_name() for coach in [*lead, *others]]


def _by_month(
    enrolment: Enrolment, sessions: list[CoachingSession], budget: BudgetStatus
) -> dict[str, Any]:
    """Hours used per month, and what was left of the budget at the end of each month."""
    per_month: Counter[datetime.date] = Counter()
    for session in sessions:
        per_month[first_of_month(session.date)] += session.minutes
    dates = [session.date for session in sessions]
    if enrolment.start_date:
        dates.append(enrolment.start_date)
        dates.append(min(enrolment.end_date or today(), today()))
    if not dates:
        return {"months": [], "month_chart": None}
    rows = []
    used = 0
    for month in months_between(min(dates), max(dates)):
        used += per_month[month]
        rows.append(
            MonthRow(month_label(month), per_month[month], used, budget.budget_minutes - used)
        )
    chart = bar_chart(
        _("Coach hours per month"),
        [(row.label, hours(row.minutes)) for row in rows],
        maximum=chart_maximum(hours(row.minutes) for row in rows),
        unit=_("hours"),
        decimals=1,
    )
    return {"months": rows, "month_chart": chart}


def _by_activity(sessions: list[CoachingSession]) -> dict[str, Any]:
    per_activity: Counter[str] = Counter()
    for session in sessions:
        per_activity[session.activity] += session.minutes
    rows = [
        ActivityRow(str(label), per_activity[value])
        for value, label in CoachingSession.Activity.choices
        if per_activity[value]
    ]
    chart = None
    if rows:
        chart = bar_chart(
            _("Coach hours per activity"),
            [(row.label, hours(row.minutes)) for row in rows],
            maximum=chart_maximum(hours(row.minutes) for row in rows),
            unit=_("hours"),
            decimals=1,
        )
    return {"activities": rows, "activity_chart": chart}


def _plan(enrolment: Enrolment) -> dict[str, Any]:
    plan = DevelopmentPlan.objects.filter(enrolment=enrolment).first()
    actions = list(
        PlanAction.objects.filter(plan__enrolment=enrolment).select_related("institution")
    )
    counting = [action for action in actions if action.status != PlanAction.Status.CANCELLED]
    done = sum(action.status == PlanAction.Status.DONE for action in counting)
    return {
        "plan": plan,
        "actions": actions,
        "plan_done": done,
        "plan_total": len(counting),
        "plan_percentage": round(100 * done / len(counting)) if counting else None,
    }


def _attendance(enrolment: Enrolment) -> dict[str, Any]:
    """The meetings held in the company's networks and how many of its people came."""
    came = Q(
        registrations__enrolment=enrolment,
        registrations__status=Registration.Status.REGISTERED,
        registrations__attended=True,
    )
    meetings = (
        Meeting.objects.filter(network__members=enrolment, starts_at__lt=Now())
        .select_related("network")
        .annotate(present=Count("registrations", filter=came))
        .order_by("starts_at")
    )
    return {
        "networks": list(enrolment.networks.order_by("name")),
        "attendance": company_attendance(enrolment),
        "meetings": list(meetings),
    }


def measurements(enrolment: Enrolment) -> dict[str, Any]:
    """The baseline and final measurement, their scores per dimension and the chart of both
    (the progress report, and a published story that shows its chart)."""
    analyses = {a.kind: a for a in enrolment.analyses.filter(status__in=NeedsAnalysis.SCORED)}
    baseline = analyses.get(NeedsAnalysis.Kind.BASELINE)
    final = analyses.get(NeedsAnalysis.Kind.FINAL)
    context: dict[str, Any] = {
        "baseline": baseline,
        "final": final,
        "scores": [],
        "score_chart": None,
    }
    measured = baseline if baseline is not None else final
    if measured is None:
        return context
    questionnaire = q.get_questionnaire(measured.questionnaire_version)
    rows = q.score_changes(
        questionnaire,
        baseline.answers if baseline else {},
        final.answers if final else {},
    )
    context["scores"] = [
        {"dimension": dimension.text, "baseline": before, "final": after, "change": change}
        for dimension, before, after, change in rows
    ]
    context["score_chart"] = paired_bar_chart(
        _("Score per dimension (1 to 5): baseline and final measurement"),
        [(dimension.text, before, after) for dimension, before, after, _c in rows],
        maximum=5,
        legend=(_("Baseline measurement"), _("Final measurement")),
        decimals=2,
    )
    return context
