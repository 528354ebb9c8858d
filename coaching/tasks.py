"""Budget alerts: at 80% and at 100% of an enrolment's coach time, one e-mail each."""

from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMessage
from django.db import OperationalError
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import User
from coaching.models import BudgetAlert, Coach
from coaching.selectors import budget_status
from coaching.services import mails_requeue_lost


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5)
def send_budget_alert(alert_id: int) -> bool:
    """Mail the coaches and staff; a second run finds the alert claimed and stops."""
    claimed = BudgetAlert.objects.filter(pk=alert_id, sent_at=None).update(sent_at=timezone.now())
    if claimed != 1:
        return False
    alert = BudgetAlert.objects.select_related(
        "enrolment__company", "enrolment__edition", "enrolment__lead_coach"
    ).get(pk=alert_id)
    enrolment = alert.enrolment
    recipients = {user.email for user in enrolment.coaches.all()}
    if enrolment.lead_coach:
        recipients.add(enrolment.lead_coach.email)
    recipients |= set(
        User.objects.filter(is_staff=True, is_active=True).values_list("email", flat=True)
    )
    context = {"alert": alert, "enrolment": enrolment, "status": budget_status(enrolment)}
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("emails/budget_alert_subject.txt", context).strip()
        body = render_to_string("emails/budget_alert_body.txt", context)
    EmailMessage(subject=subject, body=body, to=sorted(recipients)).send()
    return True


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5)
def send_coach_invitation(coach_id: int) -> bool:
    """A link to choose a password (allauth's own reset key); sent once however often run."""
    claimed = Coach.objects.filter(pk=coach_id, invitation_sent_at=None).update(
        invitation_sent_at=timezone.now()
    )
    if claimed != 1:
        return False
    coach = Coach.objects.select_related("user").get(pk=coach_id)
    key = default_token_generator.make_token(coach.user)
    path = reverse("account_reset_password_from_key", args=[user_pk_to_url_str(coach.user), key])
    context = {"coach": coach, "link": f"{settings.SITE_URL}{path}"}
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("emails/coach_invitation_subject.txt", context).strip()
        body = render_to_string("emails/coach_invitation_body.txt", context)
    EmailMessage(subject=subject, body=body, to=[coach.user.email]).send()
    return True


@shared_task
def requeue_lost_mails() -> int:
    """Periodic (beat): budget alerts and coach invitations whose task was lost."""
    return mails_requeue_lost()
