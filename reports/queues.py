"""The queues of the programme office's work surface (``/staf/``): what waits for someone,
the longest waiting first. Each is one query, however long it is; the dashboard shows
each with its count and every row links to the page where it is dealt with."""

from django.db.models import Exists, OuterRef, QuerySet
from django.db.models.functions import Now

from companies.models import Enrolment, NeedsAnalysis
from invoicing.models import Invoice, PaymentStatus
from invoicing.selectors import status_filter, with_balances
from leercultuur.outbox.models import Mail
from networks.models import Meeting, Registration
from reports.models import Report


def enrolments_awaiting_decision() -> QuerySet[Enrolment]:
    """Sent-in enrolments that wait for the office to accept, waitlist or reject them."""
    return (
        Enrolment.objects.filter(status=Enrolment.Status.SUBMITTED)
        .select_related("company__region", "edition")
        .order_by("submitted_at", "pk")
    )


def accepted_without_coach() -> QuerySet[Enrolment]:
    """Accepted enrolments that still need a lead coach before the trajectory can start."""
    return (
        Enrolment.objects.filter(status=Enrolment.Status.ACCEPTED, lead_coach=None)
        .select_related("company__region", "edition")
        .order_by("updated_at", "pk")
    )


def analyses_to_review() -> QuerySet[NeedsAnalysis]:
    """Needs analyses the company sent in that no coach has reviewed yet."""
    return (
        NeedsAnalysis.objects.filter(status=NeedsAnalysis.Status.SUBMITTED)
        .select_related("enrolment__company", "enrolment__edition", "enrolment__lead_coach")
        .order_by("submitted_at", "pk")
    )


def meetings_without_attendance() -> QuerySet[Meeting]:
    """Meetings that took place with someone registered whose attendance is not recorded."""
    unrecorded = Registration.objects.filter(
        meeting=OuterRef("pk"), status=Registration.Status.REGISTERED, attended=None
    )
    return (
        Meeting.objects.filter(starts_at__lt=Now())
        .filter(Exists(unrecorded))
        .select_related("network")
        .order_by("starts_at", "pk")
    )


def draft_invoices() -> QuerySet[Invoice]:
    """Invoices and credit notes made but not yet issued (staff preview and issue them)."""
    return (
        Invoice.objects.filter(issued_at__isnull=True)
        .select_related("enrolment__company")
        .order_by("pk")
    )


def overdue_invoices() -> QuerySet[Invoice]:
    """Issued invoices past their due date with money still open (remind, record payment)."""
    return (
        with_balances(Invoice.objects.select_related("enrolment__company"))
        .filter(status_filter(PaymentStatus.OVERDUE))
        .order_by("due_date", "pk")
    )


def failed_work() -> dict[str, int]:
    """How many mails and reports failed for good and wait for staff to look at them."""
    return {
        "mails": Mail.objects.filter(status=Mail.Status.FAILED).count(),
        "reports": Report.objects.filter(status=Report.Status.FAILED).count(),
    }
