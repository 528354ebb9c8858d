"""Redis down at commit: the request still succeeds, and the sweep mails what was lost, once."""

import datetime
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from unittest import mock

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from kombu.exceptions import OperationalError

from accounts.models import User
from companies import services
from companies.models import EnrolmentTransition, Invitation
from companies.tasks import notify_enrolment_transition, send_invitation
from leercultuur.celery import GIVE_UP_AFTER, LOST_AFTER
from tests.conftest import client_for
from tests.factories import EnrolmentFactory

pytestmark = pytest.mark.django_db

LATER = LOST_AFTER + datetime.timedelta(seconds=1)


@contextmanager
def redis_down() -> Iterator[None]:
    """Sending either task fails as it does while the broker is unreachable."""
    down = OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")
    with (
        mock.patch.object(send_invitation, "delay", side_effect=down),
        mock.patch.object(notify_enrolment_transition, "delay", side_effect=down),
    ):
        yield


def test_saved_while_redis_is_down_then_mailed_once_by_the_sweep(
    contact: User, staff: User, django_capture_on_commit_callbacks: Any
) -> None:
    with redis_down(), django_capture_on_commit_callbacks(execute=True):
        response = client_for(contact).post(
            reverse("invitation_send"), {"email": "collega@example.nl"}
        )
        enrolment = EnrolmentFactory.create(company=contact.contact.company)
        services.enrolment_accept(enrolment=enrolment, by=staff)
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert invitation.sent_at is None
    assert EnrolmentTransition.objects.get().notified_at is None
    assert mail.outbox == []

    assert services.mails_requeue_lost() == 0  # within the grace period: its task may come
    later = timezone.now() + LATER
    assert services.mails_requeue_lost(now=later) == 2
    assert services.mails_requeue_lost(now=later) == 0  # claimed: a second sweep sends nothing
    assert send_invitation(invitation.pk) is False  # nor does a late copy of the task
    assert len(mail.outbox) == 2
    assert ["collega@example.nl"] in [message.to for message in mail.outbox]


def test_the_sweep_leaves_mail_older_than_its_window(contact: User) -> None:
    services.invitation_send(company=contact.contact.company, email="oud@example.nl", by=contact)
    Invitation.objects.update(created_at=timezone.now() - GIVE_UP_AFTER - LATER)

    assert services.mails_requeue_lost(now=timezone.now() + LATER) == 0
    assert mail.outbox == []
