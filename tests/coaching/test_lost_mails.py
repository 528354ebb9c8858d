"""Redis down at commit: the session is saved and the coach created, and the sweep later
sends the budget alert and the coach invitation, once each."""

import datetime
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from unittest import mock

import pytest
from django.core import mail
from django.utils import timezone
from kombu.exceptions import OperationalError

from accounts.models import User
from coaching import services
from coaching.models import BudgetAlert, Coach, CoachingSession
from coaching.tasks import send_budget_alert, send_coach_invitation
from companies.models import Enrolment
from leercultuur.celery import GIVE_UP_AFTER, LOST_AFTER
from tests.factories import CoachFactory, EditionFactory, EnrolmentFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
LATER = LOST_AFTER + datetime.timedelta(seconds=1)


@contextmanager
def redis_down() -> Iterator[None]:
    """Sending either task fails as it does while the broker is unreachable."""
    down = OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")
    with (
        mock.patch.object(send_budget_alert, "delay", side_effect=down),
        mock.patch.object(send_coach_invitation, "delay", side_effect=down),
    ):
        yield


def test_saved_while_redis_is_down_then_mailed_once_by_the_sweep(
    coach: User, staff: User, django_capture_on_commit_callbacks: Any
) -> None:
    enrolment = EnrolmentFactory.create(
        edition=EditionFactory.create(coach_budget_minutes=300),
        status=Enrolment.Status.ACTIVE,
        start_date=TODAY - datetime.timedelta(days=30),
        end_date=TODAY + datetime.timedelta(days=270),
        lead_coach=coach,
    )
    with redis_down(), django_capture_on_commit_callbacks(execute=True):
        services.session_log(  # 80% of the budget
            enrolment=enrolment,
            coach=coach,
            fields={"date": TODAY, "minutes": 240, "activity": "conversation"},
        )
        invited = services.coach_invite(
            email="eva@coach.nl", full_name="Eva", organisation="", by=staff
        )
    assert CoachingSession.objects.filter(enrolment=enrolment).exists()
    assert BudgetAlert.objects.get().sent_at is None
    assert Coach.objects.get(pk=invited.pk).invitation_sent_at is None
    assert mail.outbox == []

    assert services.mails_requeue_lost() == 0  # within the grace period: its task may come
    later = timezone.now() + LATER
    assert services.mails_requeue_lost(now=later) == 2
    assert services.mails_requeue_lost(now=later) == 0  # claimed: a second sweep sends nothing
    assert len(mail.outbox) == 2
    assert ["eva@coach.nl"] in [message.to for message in mail.outbox]


def test_the_sweep_leaves_old_rows_and_coaches_who_need_no_invitation(staff: User) -> None:
    CoachFactory.create()  # an account with a password (say, the demo data)
    services.coach_invite(email="oud@coach.nl", full_name="Oud", organisation="", by=staff)
    User.objects.filter(email="oud@coach.nl").update(
        date_joined=timezone.now() - GIVE_UP_AFTER - LATER
    )

    assert services.mails_requeue_lost(now=timezone.now() + LATER) == 0
    assert mail.outbox == []
