"""At 80% and at 100% of the budget, coaches and staff get one e-mail each."""

import datetime
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from accounts.models import User
from coaching import services
from coaching.models import BudgetAlert
from companies.models import Enrolment
from leercultuur.outbox.models import Mail
from leercultuur.outbox.tasks import send_mail
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
    assert sorted(message.to[0] for message in mail.outbox) == sorted([coach.email, staff.email])
    assert all("80%" in message.subject for message in mail.outbox)

    log(enrolment, coach, 45, django_capture_on_commit_callbacks)  # 100%
    assert [m.subject.count("100%") for m in mail.outbox] == [0, 0, 1, 1]


def test_the_alert_is_mailed_once_even_when_its_task_runs_twice(
    enrolment: Enrolment, coach: User, django_capture_on_commit_callbacks: Any
) -> None:
    log(enrolment, coach, 240, django_capture_on_commit_callbacks)
    alert_mail = Mail.objects.get(kind="budget_alert")

    assert BudgetAlert.objects.filter(threshold=80).count() == 1
    assert send_mail(alert_mail.pk) is False  # already sent after commit
    assert len(mail.outbox) == 1
