"""The work surface's queues (analyses to review, meetings without attendance, draft and
overdue invoices, failed mails and reports): what enters each, what leaves it after the
work is done, and that each is one query."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from companies.models import Enrolment, NeedsAnalysis
from invoicing.services import payment_record
from leercultuur.outbox.models import Mail
from networks.models import Registration
from networks.services import attendance_record
from reports.models import Report
from reports.queues import (
    analyses_to_review,
    draft_invoices,
    failed_mails,
    failed_reports,
    meetings_without_attendance,
    overdue_invoices,
)
from tests.conftest import client_for
from tests.factories import (
    DraftInvoiceFactory,
    EditionFactory,
    EnrolmentFactory,
    IssuedInvoiceFactory,
    NeedsAnalysisFactory,
    RegistrationFactory,
    meeting_for,
)

pytestmark = pytest.mark.django_db


def analysis(name: str, status: str) -> NeedsAnalysis:
    enrolment = EnrolmentFactory.create(company__legal_name=name, status=Enrolment.Status.ACTIVE)
    return NeedsAnalysisFactory.create(
        enrolment=enrolment, status=status, submitted_at=timezone.now()
    )


def test_sent_in_analyses_wait_for_a_review_and_leave_once_reviewed(staff: User) -> None:
    waiting = analysis("Bakkerij", NeedsAnalysis.Status.SUBMITTED)
    analysis("Garage", NeedsAnalysis.Status.DRAFT)
    analysis("Zorg", NeedsAnalysis.Status.REVIEWED)

    assert list(analyses_to_review()) == [waiting]
    page = queue_page(staff, "analyse")
    assert reverse("analysis_review", args=[waiting.public_id]) in page

    NeedsAnalysis.objects.filter(pk=waiting.pk).update(status=NeedsAnalysis.Status.REVIEWED)
    assert list(analyses_to_review()) == []


def test_a_past_meeting_with_unrecorded_attendance_waits_until_it_is_recorded(
    staff: User,
) -> None:
    enrolment = EnrolmentFactory.create(status=Enrolment.Status.ACTIVE)
    past, coming, recorded = (meeting_for(enrolment, days=days) for days in (-3, 5, -10))
    unrecorded = RegistrationFactory.create(meeting=past, enrolment=enrolment, attended=None)
    RegistrationFactory.create(meeting=coming, enrolment=enrolment, attended=None)
    RegistrationFactory.create(meeting=recorded, enrolment=enrolment, attended=False)
    # Someone who cancelled needs no attendance.
    RegistrationFactory.create(
        meeting=recorded, enrolment=enrolment, status=Registration.Status.CANCELLED
    )

    assert list(meetings_without_attendance()) == [past]
    page = queue_page(staff, "aanwezigheid")
    assert reverse("meeting_detail", args=[past.public_id]) in page

    attendance_record(meeting=past, present={unrecorded.public_id: False})
    assert list(meetings_without_attendance()) == []


def test_each_queue_is_one_query_however_long() -> None:
    def queries(count: int) -> list[int]:
        for number in range(count):
            analysis(f"Bedrijf {count}-{number}", NeedsAnalysis.Status.SUBMITTED)
            enrolment = EnrolmentFactory.create(status=Enrolment.Status.ACTIVE)
            RegistrationFactory.create(meeting=meeting_for(enrolment, days=-2), enrolment=enrolment)
        counted = []
        for queue in (analyses_to_review, meetings_without_attendance):
            with CaptureQueriesContext(connection) as captured:
                rows = list(queue())
                for row in rows:
                    str(row)  # what the dashboard shows of a row
            counted.append(len(captured))
        return counted

    assert queries(1) == queries(4) == [1, 1]


def test_drafts_wait_until_issued_and_overdue_invoices_until_paid(staff: User) -> None:
    draft = DraftInvoiceFactory.create(enrolment__company__legal_name="Bakkerij")
    long_ago = timezone.localdate() - datetime.timedelta(days=60)
    overdue = IssuedInvoiceFactory.create(issue_date=long_ago)
    IssuedInvoiceFactory.create()  # issued today: not due yet

    assert list(draft_invoices()) == [draft]
    assert list(overdue_invoices()) == [overdue]
    assert reverse("invoice_issue_confirm", args=[draft.public_id]) in queue_page(staff, "concept")
    page = queue_page(staff, "achterstallig")
    assert reverse("invoice_remind", args=[overdue.public_id]) in page
    assert reverse("payment_add", args=[overdue.public_id]) in page

    payment_record(invoice=overdue, amount=Decimal("2420.00"), paid_on=long_ago, by=staff)
    assert list(overdue_invoices()) == []


def failed_mail(address: str, status: str = Mail.Status.FAILED) -> Mail:
    return Mail.objects.create(
        kind="invitation",
        to=address,
        subject="Uitnodiging",
        body="Welkom",
        status=status,
        next_attempt_at=timezone.now(),
        message_id=f"<{address}>",
    )


def test_failed_mails_wait_until_sent_again(staff: User) -> None:
    failed = failed_mail("a@example.nl")
    failed_mail("b@example.nl", Mail.Status.QUEUED)

    assert list(failed_mails()) == [failed]
    assert "a@example.nl" in queue_page(staff, "mails")

    response = client_for(staff).post(reverse("mail_resend", args=[failed.public_id]))

    assert response.status_code == 302
    assert list(failed_mails()) == []
    failed.refresh_from_db()
    assert (failed.status, failed.attempts) == (Mail.Status.QUEUED, 0)


def test_a_failed_report_waits_until_asked_for_again(staff: User) -> None:
    edition = EditionFactory.create()
    failed = Report.objects.create(
        kind=Report.Kind.EDITION_OVERVIEW, edition=edition, status=Report.Status.FAILED
    )
    assert list(failed_reports()) == [failed]
    assert reverse("report_retry", args=[failed.public_id]) in queue_page(staff, "rapporten")

    response = client_for(staff).post(reverse("report_retry", args=[failed.public_id]))

    again = Report.objects.exclude(pk=failed.pk).get()
    assert response.url == reverse("report_detail", args=[again.public_id])  # type: ignore[attr-defined]
    assert (again.kind, again.edition, again.requested_by) == (failed.kind, edition, staff)
    assert list(failed_reports()) == [], "asked again, the failure is dealt with"


def queue_page(staff: User, key: str) -> str:
    response = client_for(staff).get(reverse("staff_dashboard"), {"wachtrij": key})
    assert response.status_code == 200
    return response.content.decode()
