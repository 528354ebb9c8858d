"""At 80% and at 100% of the budget, coaches and staff get one e-mail each."""

import datetime
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from accounts.models import User
from coaching import services
from coaching.models import BudgetAlert
from coaching.tasks import send_budget_alert
from companies.models import Enrolment
from tests.factories import EditionFactory, EnrolmentFactory

TODAY = timezone.localdate()
pytestmark = pytest.mark.django_db


@pytest.fixture
def enrolment(coach: User) -> Enrolment:
    return EnrolmentFactory.create(
        edition=EditionFactory.create(coach_budget_minutes=300),
        status=Enrolment.Status.ACTIVE,
        start_date=TODAY - datetime.timedelta(days=30),
        end_date=TODAY + datetime.timedelta(days=270),
        lead_coach=coach,
    )


def log(enrolment: Enrolment, coach: User, minutes: int, capture: Any) -> None:
    with capture(execute=True):
        services.session_log(
            enrolment=enrolment,
            coach=coach,
            fields={"date": TODAY, "minutes": minutes, "activity": "conversation"},
        )


def test_each_threshold_mails_coach_and_staff_once(
    enrolment: Enrolment, coach: User, staff: User, django_capture_on_commit_callbacks: Any
) -> None:
    log(enrolment, coach, 180, django_capture_on_commit_callbacks)  # 60%: nothing
    assert mail.outbox == []

    log(enrolment, coach, 60, django_capture_on_commit_callbacks)  # 80%
    log(enrolment, coach, 15, django_capture_on_commit_callbacks)  # still past 80%: no repeat
    assert len(mail.outbox) == 1
    assert sorted(mail.outbox[0].to) == sorted([coach.email, staff.email])
    assert "80%" in mail.outbox[0].subject

    log(enrolment, coach, 45, django_capture_on_commit_callbacks)  # 100%
    assert [m.subject.count("100%") for m in mail.outbox] == [0, 1]


def test_the_alert_task_sends_once_even_when_run_twice(
    enrolment: Enrolment, coach: User, django_capture_on_commit_callbacks: Any
) -> None:
    log(enrolment, coach, 240, django_capture_on_commit_callbacks)
    alert = BudgetAlert.objects.get(threshold=80)

    assert send_budget_alert(alert.pk) is False  # already sent after commit
    assert len(mail.outbox) == 1
