from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMessage
from django.db import OperationalError
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from accounts.models import User
from reports.models import Report
from reports.services import (
    edition_overviews_request,
    report_claim,
    report_filename,
    report_notify_claim,
    report_render,
    reports_requeue_stale,
)


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5)
def render_report(report_id: int) -> None:
    """Render one report job; running twice renders it once."""
    if report_claim(report_id=report_id):
        report_render(report_id=report_id)


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5)
def notify_report_ready(report_id: int) -> bool:
    """Mail that a report is ready: to whoever asked for it, or for the monthly edition
    overview (asked by nobody) to programme staff with the PDF attached. Sent once."""
    if not report_notify_claim(report_id=report_id):
        return False
    report = Report.objects.select_related(
        "requested_by", "enrolment__company", "enrolment__edition", "edition"
    ).get(pk=report_id)
    scheduled = "month" in report.parameters  # the monthly overview nobody asked for
    if scheduled:
        staff = User.objects.filter(is_staff=True, is_active=True).order_by("email")
        to = list(staff.values_list("email", flat=True))
    else:
        to = [report.requested_by.email] if report.requested_by else []
    if not to:
        return False
    language = report.parameters.get("language") or settings.LANGUAGE_CODE
    with translation.override(language):
        context = {
            "report": report,
            "scheduled": scheduled,
            "url": settings.SITE_URL + reverse("report_detail", args=[report.public_id]),
        }
        subject = render_to_string("emails/report_ready_subject.txt", context).strip()
        body = render_to_string("emails/report_ready_body.txt", context)
    message = EmailMessage(subject=subject, body=body, to=to)
    if scheduled and report.file:
        with report.file.open("rb") as pdf:
            message.attach(report_filename(report), pdf.read(), "application/pdf")
    message.send()
    return True


@shared_task
def requeue_stale_reports() -> int:
    """Periodic (beat): the database is the source of truth, so no request is lost."""
    return reports_requeue_stale()


@shared_task
def request_monthly_edition_overviews() -> int:
    """Periodic (beat, the 1st of the month): an overview of every running edition."""
    return len(edition_overviews_request())
