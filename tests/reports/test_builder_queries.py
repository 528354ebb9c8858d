"""Each builder reads in a fixed number of queries, however many companies, sessions,
meetings or invoices there are (no N+1)."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import User
from coaching.models import CoachingSession
from companies.models import PlanAction
from reports.builders import report_context
from reports.models import Report
from tests.factories import CoachFactory, RegistrationFactory, with_totp
from tests.reports.conftest import Programme, issued_invoice, measured, running_enrolment

MAX_QUERIES = 15


def queries(report: Report) -> int:
    with CaptureQueriesContext(connection) as captured:
        report_context(report)
    return len(captured)


def more_companies(programme: Programme, count: int) -> None:
    for number in range(count):
        coach = with_totp(CoachFactory.create().user)
        enrolment = running_enrolment(
            programme.edition, coach, f"Extra {number} B.V.", employees=20, mbo=10
        )
        CoachingSession.objects.create(
            enrolment=enrolment,
            coach=coach,
            date=timezone.localdate(),
            minutes=60,
            activity="intake",
        )
        measured(enrolment, coach, baseline=3, final=3)
        programme.meeting.network.members.add(enrolment)
        RegistrationFactory.create(meeting=programme.meeting, enrolment=enrolment, attended=True)
        issued_invoice(enrolment, 10 + number)


def more_for_the_company(programme: Programme, coach: User) -> None:
    enrolment = programme.enrolment
    for day in range(5):
        CoachingSession.objects.create(
            enrolment=enrolment,
            coach=coach,
            date=timezone.localdate() - datetime.timedelta(days=day),
            minutes=30,
            activity="preparation",
        )
    plan = enrolment.development_plan
    PlanAction.objects.create(plan=plan, title="Nog een actie", kind="formal", target_group="other")
    RegistrationFactory.create(meeting=programme.meeting, enrolment=enrolment, attended=True)


def test_edition_builders_do_not_grow_with_the_companies(programme: Programme) -> None:
    reports = [
        Report(kind=kind, edition=programme.edition)
        for kind in (Report.Kind.EDITION_OVERVIEW, Report.Kind.PROVINCE)
    ]
    before = [queries(report) for report in reports]
    more_companies(programme, 3)
    after = [queries(report) for report in reports]

    assert before == after
    assert max(after) <= MAX_QUERIES


def test_progress_builder_does_not_grow_with_the_trajectory(
    programme: Programme, coach: User
) -> None:
    report = Report(kind=Report.Kind.PROGRESS, enrolment=programme.enrolment)
    before = queries(report)
    more_for_the_company(programme, coach)
    after = queries(report)

    assert before == after <= MAX_QUERIES
