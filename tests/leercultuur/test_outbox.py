"""The outbox: written with its event, sent once, retried with back-off, failures for staff."""

import datetime
from collections.abc import Iterator
from typing import Any
from unittest import mock

import pytest
from django.core import mail
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from kombu.exceptions import OperationalError
from pytest_django import Settings

from accounts.models import User
from companies import services as companies
from leercultuur.celery import app
from leercultuur.outbox import services
from leercultuur.outbox.models import Mail
from leercultuur.outbox.services import MAX_ATTEMPTS, mail_queue, mail_send
from tests.conftest import client_for
from tests.factories import PASSWORD, EnrolmentFactory
from tests.fixtures.smtp import SmtpServer

pytestmark = pytest.mark.django_db

Status = Mail.Status


SECRET_LINK = "https://portal.example.nl/accounts/password/reset/key/1-abc/"


def queue_one(to: str = "anna@example.nl", *, confidential: bool = False) -> Mail:
    message = EmailMessage(subject="Welkom", body=f"Kies uw wachtwoord: {SECRET_LINK}", to=[to])
    (queued,) = services.mail_queue_message(kind="test", message=message, confidential=confidential)
    return queued


def later(minutes: float) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(minutes=minutes)


@pytest.fixture
def smtp(smtp_server: SmtpServer, settings: Settings) -> SmtpServer:
    """The portal mails through a real SMTP server."""
    settings.MAILERS = smtp_server.mailers
    return smtp_server


@pytest.fixture
def broker_down() -> Iterator[None]:
    down = OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")
    with mock.patch.object(app.tasks["outbox.send"], "apply_async", side_effect=down):
        yield


# --- Written with its event ------------------------------------------------------------------


def test_a_mail_is_written_in_the_transaction_of_its_event(contact: User, staff: User) -> None:
    enrolment = EnrolmentFactory.create(company=contact.contact.company)

    def accept_then_fail() -> None:
        with transaction.atomic():
            companies.enrolment_accept(enrolment=enrolment, by=staff)
            raise RuntimeError("the request fails after the service")

    with pytest.raises(RuntimeError):
        accept_then_fail()

    assert not Mail.objects.exists()  # rolled back with the status change

    companies.enrolment_accept(enrolment=enrolment, by=staff)
    assert Mail.objects.get().to == contact.email


def test_one_mail_per_address_each_address_once_none_for_the_erased(coach: User) -> None:
    mails = mail_queue(
        kind="coach_invitation",
        to=["b@example.nl", "a@example.nl", "b@example.nl", "", "erased-1@invalid", "no address"],
        context={"coach": coach.coach, "link": SECRET_LINK},
    )

    assert [m.to for m in mails] == ["b@example.nl", "a@example.nl"]
    assert len({m.message_id for m in mails}) == 2


def test_the_subject_is_one_line_whatever_a_name_brings_in() -> None:
    queued = mail_queue_subject("Bakkerij\r\nBcc: spam@example.com\u2028Jansen\u202e B.V.")

    assert queued.subject == "Bakkerij Bcc: spam@example.com Jansen B.V."
    assert mail_send(mail_id=queued.pk)
    message = mail.outbox[0].message()  # the MIME message as it goes over the wire
    assert message["Subject"] == queued.subject
    assert message["Bcc"] is None
    assert mail.outbox[0].recipients() == ["anna@example.nl"]


def test_an_encoded_word_in_a_name_cannot_add_a_header() -> None:
    # Valid text (no control character), but Python's mail package would decode it into a
    # second header line, Reply-To pointing elsewhere.
    queued = mail_queue_subject("Bakkerij =?utf-8?q?x=0D=0AReply-To:_boef@example.com?=")

    assert mail_send(mail_id=queued.pk)
    message = mail.outbox[0].message()
    assert message["Reply-To"] is None
    assert message["Subject"] == "Bakkerij = ?utf-8?q?x=0D=0AReply-To:_boef@example.com?="


def mail_queue_subject(subject: str) -> Mail:
    (queued,) = services.mail_queue_message(
        kind="test", message=EmailMessage(subject=subject, body="Hallo", to=["anna@example.nl"])
    )
    return queued


# --- Sent once -------------------------------------------------------------------------------


def test_sent_after_commit_and_once_however_often_its_task_runs(
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        queued = queue_one()

    assert mail_send(mail_id=queued.pk) is False
    queued.refresh_from_db()
    assert (queued.status, queued.attempts) == (Status.SENT, 1)
    [message] = mail.outbox
    assert message.extra_headers["Message-ID"] == queued.message_id
    assert SECRET_LINK in message.body


def test_a_broker_that_is_down_leaves_the_mail_to_the_sweep(
    broker_down: None, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        queued = queue_one()
    assert mail.outbox == []

    assert services.mails_sweep() == 0  # its own task may still come
    with mock.patch.object(app.tasks["outbox.send"], "apply_async") as enqueued:
        assert services.mails_sweep(now=later(2)) == 1
    enqueued.assert_called_once_with((queued.pk,), countdown=0)


# --- Failing and retrying ----------------------------------------------------------------------


def test_a_temporary_refusal_is_retried_with_back_off_then_sent(smtp: SmtpServer) -> None:
    smtp.refuse("451 4.3.0 Try again later", "421 4.4.2 Busy")
    queued = queue_one()

    assert mail_send(mail_id=queued.pk) is False
    queued.refresh_from_db()
    assert (queued.status, queued.attempts) == (Status.QUEUED, 1)
    assert "451" in queued.last_error
    first_wait = queued.next_attempt_at - timezone.now()
    assert mail_send(mail_id=queued.pk) is False, "not due yet"

    Mail.objects.filter(pk=queued.pk).update(next_attempt_at=timezone.now())
    assert mail_send(mail_id=queued.pk) is False
    queued.refresh_from_db()
    assert queued.next_attempt_at - timezone.now() > first_wait * 1.5, "the wait doubles"

    Mail.objects.filter(pk=queued.pk).update(next_attempt_at=timezone.now())
    assert mail_send(mail_id=queued.pk) is True
    assert [d.recipients for d in smtp.delivered] == [["anna@example.nl"]]
    queued.refresh_from_db()
    assert (queued.status, queued.attempts, queued.last_error) == (Status.SENT, 3, "")


def test_a_permanent_refusal_fails_at_once_and_staff_send_it_again(
    smtp: SmtpServer, staff: User, django_capture_on_commit_callbacks: Any
) -> None:
    smtp.refuse("550 5.1.1 No such mailbox")
    queued = queue_one()

    assert mail_send(mail_id=queued.pk) is False
    queued.refresh_from_db()
    assert queued.status == Status.FAILED
    assert "550" in queued.last_error

    client = client_for(staff)
    page = client.get(reverse("admin:outbox_mail_changelist"), {"status__exact": "failed"})
    assert "550 5.1.1 No such mailbox" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("admin:outbox_mail_changelist"),
            {"action": "resend", "_selected_action": [queued.pk]},
        )

    queued.refresh_from_db()
    assert queued.status == Status.SENT
    assert len(smtp.delivered) == 1


def test_after_the_last_attempt_the_mail_is_failed(smtp: SmtpServer) -> None:
    smtp.refuse(*["451 4.3.0 Try again later"] * MAX_ATTEMPTS)
    queued = queue_one()

    for _attempt in range(MAX_ATTEMPTS):
        Mail.objects.filter(pk=queued.pk).update(next_attempt_at=timezone.now())
        mail_send(mail_id=queued.pk)

    queued.refresh_from_db()
    assert (queued.status, queued.attempts) == (Status.FAILED, MAX_ATTEMPTS)
    assert smtp.delivered == []


def test_a_mail_server_that_is_away_does_not_fail_the_request(
    client: Any, settings: Settings, django_capture_on_commit_callbacks: Any
) -> None:
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": 9, "timeout": 5},  # nothing listens
        }
    }
    with django_capture_on_commit_callbacks(execute=True):  # eager: the send runs in-request
        response = client.post(
            reverse("account_signup"),
            {"email": "nieuw@example.nl", "password1": PASSWORD, "password2": PASSWORD},
        )

    assert response.status_code == 302
    queued = Mail.objects.get(to="nieuw@example.nl")
    assert (queued.status, queued.confidential) == (Status.QUEUED, True)
    assert "ConnectionRefusedError" in queued.last_error


# --- The sweep ---------------------------------------------------------------------------------


def test_the_sweep_takes_back_a_mail_whose_worker_died(settings: Settings) -> None:
    queued = queue_one()
    claimed_at = timezone.now()
    Mail.objects.filter(pk=queued.pk).update(
        status=Status.SENDING, claimed_at=claimed_at, attempts=1
    )
    lease = settings.CELERY_TASK_TIME_LIMIT / 60

    services.mails_sweep(now=later(lease - 1))
    assert Mail.objects.get().status == Status.SENDING, "its worker may still be busy"

    assert services.mails_sweep(now=later(lease + 1)) == 1  # taken back, and sent on
    queued.refresh_from_db()
    assert (queued.status, queued.attempts) == (Status.SENT, 2)
    assert len(mail.outbox) == 1


def test_a_mail_waiting_for_two_days_is_failed_for_staff_to_judge() -> None:
    queued = queue_one()
    Mail.objects.filter(pk=queued.pk).update(created_at=timezone.now() - datetime.timedelta(days=3))

    services.mails_sweep()

    queued.refresh_from_db()
    assert queued.status == Status.FAILED
    assert "twee dagen" in queued.last_error


def test_the_admin_hides_the_text_of_a_confidential_mail(staff: User) -> None:
    plain = queue_one("a@example.nl")
    secret = queue_one("b@example.nl", confidential=True)
    client = client_for(staff)

    shown = client.get(reverse("admin:outbox_mail_change", args=[plain.pk])).content.decode()
    hidden = client.get(reverse("admin:outbox_mail_change", args=[secret.pk])).content.decode()

    assert SECRET_LINK in shown
    assert SECRET_LINK not in hidden
    assert "b@example.nl" in hidden
