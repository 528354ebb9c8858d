"""A worker killed while it talks to the mail server: the mail is sent, and sent once.

A real ``celery worker`` process sends a status mail to a real SMTP server that keeps it
waiting; the test kills the worker with SIGKILL in the middle of that conversation,
starts a new worker and runs the outbox's sweep, which takes back mails whose worker died.
"""

import datetime
import os
import signal

import pytest
from django.conf import settings
from django.utils import timezone

from accounts.models import User
from companies.services import enrolment_accept
from leercultuur.celery import app
from leercultuur.outbox.models import Mail
from leercultuur.outbox.services import SEND_TASK, mails_sweep
from tests.factories import EnrolmentFactory
from tests.faults.conftest import Workers, wait_for
from tests.fixtures.smtp import SmtpServer

pytestmark = pytest.mark.timeout(240)


def status_of(mail: Mail) -> str:
    mail.refresh_from_db()
    return mail.status


def test_a_mail_whose_worker_is_killed_mid_send_is_sent_exactly_once(
    workers: Workers, smtp_server: SmtpServer, contact: User, staff: User
) -> None:
    smtp_server.hold()
    doomed = workers.start(email_url=smtp_server.url)
    enrolment = EnrolmentFactory.create(company=contact.contact.company)

    enrolment_accept(enrolment=enrolment, by=staff)
    wait_for(smtp_server.held.is_set, seconds=60, what="the worker to start sending")
    queued = Mail.objects.get()
    assert status_of(queued) == Mail.Status.SENDING

    os.kill(doomed.pid, signal.SIGKILL)  # mid-conversation: no message, no acknowledgement
    doomed.wait(timeout=10)
    smtp_server.release()
    assert smtp_server.delivered == []
    assert status_of(queued) == Mail.Status.SENDING, "the dead worker's claim remains"

    workers.start(email_url=smtp_server.url)
    lease = datetime.timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 1)
    assert mails_sweep(now=timezone.now() + lease) == 1
    wait_for(lambda: status_of(queued) == Mail.Status.SENT, seconds=90, what="the mail")

    # The dead worker's own message may still come back some day: it changes nothing.
    app.tasks[SEND_TASK].delay(queued.pk)
    assert mails_sweep(now=timezone.now() + lease) == 0
    workers.stop_all()

    assert [delivered.recipients for delivered in smtp_server.delivered] == [[contact.email]]
    queued.refresh_from_db()
    assert queued.attempts == 2
