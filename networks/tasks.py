"""Meeting reminders: two days before a meeting, once (the meeting row records it)."""

from celery import shared_task

from networks.services import meetings_remind


@shared_task
def remind_meetings() -> int:
    """Periodic (beat): the reminders of meetings that start within 48 hours."""
    return meetings_remind()
