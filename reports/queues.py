"""The queues of the programme office's work surface (``/staf/``): what waits for someone,
the longest waiting first.

Each queue is a queryset that the work surface counts (one query) and pages through; the
filters (edition, region, coach, a company's name) narrow every queue the same way, along
the queue's path to its enrolment."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Now
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from coaching.models import BudgetAdjustment
from coaching.selectors import Pace, open_extra_hours_requests, with_pace
from companies.models import Enrolment, NeedsAnalysis
from invoicing.models import Invoice
from invoicing.selectors import overdue_condition, with_balances
from leercultuur.outbox.models import Mail
from networks.models import Experience, Meeting
from networks.selectors import experiences_waiting_for_staff
from reports.models import Report


@dataclass(frozen=True)
class Filters:
    """What staff narrowed the work surface to; empty values narrow nothing."""

    edition: int | None = None
    region: int | None = None
    coach: int | None = None
    company: str = ""
    pace: str = ""  # only the pace queue: behind or ahead (the admin's panels link so)

    def __bool__(self) -> bool:
        return any((self.edition, self.region, self.coach, self.company, self.pace))

    def to_enrolment(self, path: str) -> Q:
        """The filters on a queue whose rows reach their enrolment along ``path``."""
        prefix = f"{path}__" if path else ""
        condition = Q()
        if self.edition:
            condition &= Q(**{f"{prefix}edition_id": self.edition})
        if self.region:
            condition &= Q(**{f"{prefix}company__region_id": self.region})
        if self.coach:
            through = Enrolment.coaches.through.objects.filter(
                enrolment_id=OuterRef(f"{prefix}pk"), user_id=self.coach
            )
            condition &= Q(**{f"{prefix}lead_coach_id": self.coach}) | Q(Exists(through))
        if self.company:
            condition &= Q(**{f"{prefix}company__legal_name__icontains": self.company}) | Q(
                **{f"{prefix}company__trade_name__icontains": self.company}
            )
        return condition


NO_FILTERS = Filters()
FILTER_NAMES = ("edition", "region", "coach", "company")


@dataclass(frozen=True)
class Queue:
    key: str  # in the address: ?wachtrij=<key>
    title: Promise
    empty: Promise  # said when nothing waits
    rows: Callable[[Filters], QuerySet[Any]]
    filtered_by: tuple[str, ...] = FILTER_NAMES


def enrolments_awaiting_decision(filters: Filters = NO_FILTERS) -> QuerySet[Enrolment]:
    """Sent-in enrolments that wait for the office to accept, waitlist or reject them."""
    return (
        Enrolment.objects.filter(status=Enrolment.Status.SUBMITTED)
        .filter(filters.to_enrolment(""))
        .select_related("company__region", "edition")
        .order_by("submitted_at", "pk")
    )


def accepted_without_coach(filters: Filters = NO_FILTERS) -> QuerySet[Enrolment]:
    """Accepted enrolments that still need a lead coach before the trajectory can start."""
    return (
        Enrolment.objects.filter(status=Enrolment.Status.ACCEPTED, lead_coach=None)
        .filter(filters.to_enrolment(""))
        .select_related("company__region", "edition")
        .order_by("updated_at", "pk")
    )


def analyses_to_review(filters: Filters = NO_FILTERS) -> QuerySet[NeedsAnalysis]:
    """Needs analyses the company sent in that no coach has reviewed yet."""
    return (
        NeedsAnalysis.objects.filter(status=NeedsAnalysis.Status.SUBMITTED)
        .filter(filters.to_enrolment("enrolment"))
        .select_related("enrolment__company", "enrolment__edition", "enrolment__lead_coach")
        .defer("answers", "learning_question", "coach_summary")  # a row shows none of them
        .order_by("submitted_at", "pk")
    )


def off_pace(filters: Filters = NO_FILTERS, *, today: datetime.date | None = None) -> QuerySet[Any]:
    """Running trajectories whose hours fall behind or run ahead of the time passed."""
    running = Enrolment.objects.filter(filters.to_enrolment(""))
    return (
        with_pace(running, today=today or timezone.localdate())
        .filter(pace__in=[filters.pace] if filters.pace else [Pace.BEHIND, Pace.AHEAD])
        .select_related("company", "edition", "lead_coach")
        .order_by("end_date", "pk")
    )


def extra_hours_asked(filters: Filters = NO_FILTERS) -> QuerySet[BudgetAdjustment]:
    """Requests for extra hours that wait for staff to approve or refuse them."""
    return open_extra_hours_requests().filter(filters.to_enrolment("enrolment"))


def meetings_without_attendance(filters: Filters = NO_FILTERS) -> QuerySet[Meeting]:
    """Meetings that took place with someone registered whose attendance is not recorded."""
    meetings = Meeting.objects.filter(starts_at__lt=Now(), attendance_open=True)
    if filters.edition:
        meetings = meetings.filter(network__edition_id=filters.edition)
    if filters.region:
        meetings = meetings.filter(network__region_id=filters.region)
    if filters.coach:
        meetings = meetings.filter(network__facilitators=filters.coach)
    return meetings.select_related("network").order_by("starts_at", "pk")


def draft_invoices(filters: Filters = NO_FILTERS) -> QuerySet[Invoice]:
    """Invoices and credit notes made but not yet issued (staff preview and issue them)."""
    return (
        Invoice.objects.filter(issued_at__isnull=True)
        .filter(filters.to_enrolment("enrolment"))
        .select_related("enrolment__company")
        .order_by("pk")
    )


def overdue_invoices(filters: Filters = NO_FILTERS) -> QuerySet[Invoice]:
    """Issued invoices past their due date with money still open (remind, record payment)."""
    return (
        with_balances(Invoice.objects.select_related("enrolment__company").defer("ubl_xml"))
        .filter(overdue_condition())
        .filter(filters.to_enrolment("enrolment"))
        .order_by("due_date", "pk")
    )


def experiences_to_moderate(filters: Filters = NO_FILTERS) -> QuerySet[Experience]:
    """Experiences their authors shared beyond the network: staff let them into the public
    library of good practice, or keep them out."""
    experiences = experiences_waiting_for_staff()
    if filters.edition:
        experiences = experiences.filter(network__edition_id=filters.edition)
    if filters.company:
        experiences = experiences.filter(
            Q(enrolment__company__legal_name__icontains=filters.company)
            | Q(enrolment__company__trade_name__icontains=filters.company)
        )
    return experiences


def failed_mails(filters: Filters = NO_FILTERS) -> QuerySet[Mail]:
    """Mails that could not be sent after every attempt (staff send them again)."""
    mails = Mail.objects.filter(status=Mail.Status.FAILED)
    if filters.company:
        term = filters.company
        mails = mails.filter(Q(to__icontains=term) | Q(subject__icontains=term))
    return mails.order_by("created_at", "pk")


def failed_reports(filters: Filters = NO_FILTERS) -> QuerySet[Report]:
    """Reports that failed for good and were not asked for again since."""
    # A report is about an enrolment or about an edition, never both.
    same_subject = Q(enrolment=OuterRef("enrolment")) | Q(edition=OuterRef("edition"))
    later = Report.objects.filter(same_subject, kind=OuterRef("kind"), pk__gt=OuterRef("pk"))
    reports = Report.objects.filter(status=Report.Status.FAILED).exclude(Exists(later))
    if filters.region or filters.coach or filters.company:
        reports = reports.filter(filters.to_enrolment("enrolment"))
    elif filters.edition:
        reports = reports.filter(Q(edition=filters.edition) | Q(enrolment__edition=filters.edition))
    return reports.select_related("enrolment__company", "edition").order_by("created_at", "pk")


QUEUES = (
    Queue(
        "besluit",
        _("Enrolments awaiting a decision"),
        _("No enrolment is waiting for a decision."),
        enrolments_awaiting_decision,
    ),
    Queue(
        "coach",
        _("Accepted, without a coach"),
        _("Every accepted company has a lead coach."),
        accepted_without_coach,
    ),
    Queue(
        "analyse",
        _("Analyses to review"),
        _("No analysis is waiting for a review."),
        analyses_to_review,
    ),
    Queue(
        "extra-uren",
        _("Extra hours asked"),
        _("No request for extra hours is waiting."),
        extra_hours_asked,
    ),
    Queue(
        "tempo",
        _("Behind or ahead of pace"),
        _("Every running trajectory keeps pace with its hours."),
        off_pace,
    ),
    Queue(
        "aanwezigheid",
        _("Meetings without attendance"),
        _("Attendance is recorded for every meeting that took place."),
        meetings_without_attendance,
        filtered_by=("edition", "region", "coach"),
    ),
    Queue(
        "concept",
        _("Draft invoices"),
        _("No draft waits to be issued."),
        draft_invoices,
    ),
    Queue(
        "achterstallig",
        _("Overdue invoices"),
        _("No invoice is overdue."),
        overdue_invoices,
    ),
    Queue(
        "ervaringen",
        _("Experiences for the library"),
        _("No shared experience waits to be read."),
        experiences_to_moderate,
        filtered_by=("edition", "company"),
    ),
    Queue(
        "mails",
        _("Mails not sent"),
        _("Every mail was sent."),
        failed_mails,
        filtered_by=("company",),
    ),
    Queue(
        "rapporten",
        _("Reports that failed"),
        _("Every report was made."),
        failed_reports,
    ),
)
QUEUE_BY_KEY = {queue.key: queue for queue in QUEUES}
