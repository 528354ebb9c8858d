"""E-mails about enrolments, sent after commit, each exactly once."""

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMessage
from django.db import OperationalError
from django.template.loader import render_to_string
from django.utils import timezone, translation

from accounts.models import User
from companies.models import Enrolment, EnrolmentTransition, Invitation
from companies.services import mails_requeue_lost

Status = Enrolment.Status

# Who hears of a status change besides the company's contacts.
_STAFF_HEAR_OF = {Status.SUBMITTED, Status.WITHDRAWN}
_COACH_HEARS_OF = {Status.ACTIVE, Status.COMPLETED, Status.WITHDRAWN}


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5)
def notify_enrolment_transition(transition_id: int) -> bool:
    """Mail the people concerned; a second run finds the transition claimed and stops."""
    claimed = EnrolmentTransition.objects.filter(pk=transition_id, notified_at=None).update(
        notified_at=timezone.now()
    )
    if claimed != 1:
        return False
    transition = EnrolmentTransition.objects.select_related(
        "enrolment__company", "enrolment__edition", "enrolment__lead_coach"
    ).get(pk=transition_id)
    _send(
        "enrolment_status",
        {"transition": transition, "enrolment": transition.enrolment},
        _recipients(transition),
    )
    return True


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5)
def send_invitation(invitation_id: int) -> bool:
    """Mail the invitation; a second run finds it claimed and stops."""
    claimed = Invitation.objects.filter(pk=invitation_id, sent_at=None).update(
        sent_at=timezone.now()
    )
    if claimed != 1:
        return False
    invitation = Invitation.objects.select_related("company", "invited_by").get(pk=invitation_id)
    _send("invitation", {"invitation": invitation}, [invitation.email])
    return True


@shared_task
def requeue_lost_mails() -> int:
    """Periodic (beat): invitations and status mails whose task never reached the broker."""
    return mails_requeue_lost()


def _recipients(transition: EnrolmentTransition) -> list[str]:
    enrolment = transition.enrolment
    emails = list(enrolment.company.contacts.values_list("user__email", flat=True))
    if transition.to_status in _STAFF_HEAR_OF:
        staff = User.objects.filter(is_staff=True, is_active=True)
        emails += list(staff.values_list("email", flat=True))
    if transition.to_status in _COACH_HEARS_OF and enrolment.lead_coach:
        emails.append(enrolment.lead_coach.email)
    return sorted(set(emails))


def _send(template: str, context: dict[str, object], to: list[str]) -> None:
    if not to:
        return
    with translation.override(settings.LANGUAGE_CODE):
        context = {**context, "site_url": settings.SITE_URL}
        subject = render_to_string(f"emails/{template}_subject.txt", context).strip()
        body = render_to_string(f"emails/{template}_body.txt", context)
    EmailMessage(subject=subject, body=body, to=to).send()
