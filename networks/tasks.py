"""Meeting mail: the invitation when a meeting is scheduled, the reminder two days before.

Each is claimed on the meeting row (``invitations_sent_at``, ``reminders_sent_at``), so a
task delivered twice, or enqueued both by the admin and by the sweep, mails once.
"""

from smtplib import SMTPException

from celery import shared_task
from django.db import OperationalError

from networks.services import (
    meeting_invitations_send,
    meeting_reminders_send,
    meetings_awaiting_invitations,
    meetings_awaiting_reminders,
)

# Worth another try: the database or the mail server was briefly away. The services
# release their claim when nothing has gone out, so the retry can claim again.
TRANSIENT = (OperationalError, SMTPException, ConnectionError, TimeoutError)


@shared_task(autoretry_for=TRANSIENT, retry_backoff=True, max_retries=5)
def send_meeting_invitations(meeting_id: int) -> int:
    return meeting_invitations_send(meeting_id=meeting_id)


@shared_task(autoretry_for=TRANSIENT, retry_backoff=True, max_retries=5)
def send_meeting_reminders(meeting_id: int) -> int:
    return meeting_reminders_send(meeting_id=meeting_id)


@shared_task
def send_meeting_messages() -> int:
    """Periodic (beat): invitations that never went out, and reminders now due."""
    invitations = meetings_awaiting_invitations()
    reminders = meetings_awaiting_reminders()
    for meeting_id in invitations:
        send_meeting_invitations.delay(meeting_id)
    for meeting_id in reminders:
        send_meeting_reminders.delay(meeting_id)
    return len(invitations) + len(reminders)
