"""The work surface's queues of analyses to review and meetings without attendance: what
enters each, what leaves it after the work is done, and that each is one query."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from companies.models import Enrolment, NeedsAnalysis
from networks.models import Registration
from reports.queues import analyses_to_review, meetings_without_attendance
from tests.conftest import client_for
from tests.factories import (
    EnrolmentFactory,
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
    page = client_for(staff).get(reverse("staff_dashboard")).content.decode()
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
    page = client_for(staff).get(reverse("staff_dashboard")).content.decode()
    assert reverse("meeting_detail", args=[past.public_id]) in page

    Registration.objects.filter(pk=unrecorded.pk).update(attended=True)
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
