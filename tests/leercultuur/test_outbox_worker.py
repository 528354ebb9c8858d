"""The outbox through a real Celery worker and a real SMTP server."""

import datetime
import time
from collections.abc import Callable

import pytest
from celery import Celery
from celery.worker import WorkController
from pytest_django import Settings

from accounts.models import User
from companies.models import Company
from companies.services import enrolment_accept
from leercultuur.outbox import services
from leercultuur.outbox.models import Mail
from leercultuur.text import validate_single_line
from tests.factories import EnrolmentFactory
from tests.fixtures.smtp import SmtpServer

pytestmark = pytest.mark.timeout(120)


def wait_for(condition: Callable[[], bool], what: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"waited {seconds} s for {what}"
        time.sleep(0.1)


def all_sent() -> bool:
    return not Mail.objects.exclude(status=Mail.Status.SENT).exists()


@pytest.fixture
def smtp(smtp_server: SmtpServer, settings: Settings) -> SmtpServer:
    settings.MAILERS = smtp_server.mailers
    return smtp_server


def test_a_refusing_mail_server_gets_the_mail_once_it_accepts(
    celery_app: Celery,
    celery_worker: WorkController,
    smtp: SmtpServer,
    contact: User,
    staff: User,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(services, "FIRST_RETRY", datetime.timedelta(seconds=1))
    smtp.refuse("451 4.3.0 Mailbox busy, try again later")
    enrolment = EnrolmentFactory.create(company=contact.contact.company)

    enrolment_accept(enrolment=enrolment, by=staff)  # committed: the worker takes it from here

    wait_for(all_sent, "the second attempt")
    queued = Mail.objects.get()
    assert queued.attempts == 2
    assert [delivered.recipients for delivered in smtp.delivered] == [[contact.email]]
    # The task delivered once more, as after a lost acknowledgement: nothing is sent twice.
    celery_app.tasks[services.SEND_TASK].delay(queued.pk)
    time.sleep(1)
    assert len(smtp.delivered) == 1


def test_a_name_that_would_break_a_header_reaches_only_its_addressee(
    celery_app: Celery, celery_worker: WorkController, smtp: SmtpServer, contact: User, staff: User
) -> None:
    company = contact.contact.company
    # Passes validation (no control character), yet Python's mail package would decode
    # it into header lines of its own.
    hostile = "Bakkerij =?utf-8?q?=0D=0ABcc:_spam@example.com=0D=0AReply-To:_boef@example.com?="
    validate_single_line(hostile)
    Company.objects.filter(pk=company.pk).update(legal_name=hostile, trade_name="")
    enrolment = EnrolmentFactory.create(company=company)

    enrolment_accept(enrolment=enrolment, by=staff)

    wait_for(all_sent, "the status mail")
    [delivered] = smtp.delivered
    assert delivered.recipients == [contact.email]
    message = delivered.message
    assert message["Bcc"] is None
    assert message["Reply-To"] is None
    assert message.get_all("Subject") == [
        "[Leercultuur MKB] Bakkerij = ?utf-8?q?=0D=0ABcc:_spam@example.com=0D=0AReply-To:"
        "_boef@example.com?=: Geaccepteerd"
    ]
