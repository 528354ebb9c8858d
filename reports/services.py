import datetime
import hashlib
import logging
from datetime import timedelta
from functools import partial
from typing import Any

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, OperationalError, transaction
from django.db.models.fields.json import KT
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.audit import acting_as
from accounts.models import User
from companies.models import Edition, Enrolment
from leercultuur.celery import enqueue
from leercultuur.outbox.services import MailFile, mail_queue
from reports.builders import report_context, template_name
from reports.models import Report
from reports.pdf import render_pdf_template

logger = logging.getLogger(__name__)

# A job still pending after this long has lost its message; claiming makes resending safe.
STALE_AFTER = timedelta(minutes=5)
# A progress report is about a trajectory: an enrolment that holds a place.
REPORTABLE = Enrolment.HOLDS_PLACE


def running_after() -> timedelta:
    """A job running longer than the task's hard time limit has lost its worker."""
    return timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT)


def report_request(
    *,
    kind: str,
    requested_by: User | None,
    enrolment: Enrolment | None = None,
    edition: Edition | None = None,
    parameters: dict[str, Any] | None = None,
    language: str | None = None,
) -> Report:
    """Create a report job; a worker renders it once the transaction commits.

    A company progress report is about an enrolment that holds a place; the edition
    overview and the province report are about an edition. ``language`` is the language
    of the PDF (the requester's interface language; Dutch by default).

    While a job of the same kind about the same subject (and month) waits or runs, that
    job is returned instead, with ``already_requested`` set: asking again, or asking at
    the same instant from two places, makes one PDF (a partial unique constraint).
    """
    from reports.tasks import render_report

    if kind == Report.Kind.PROGRESS:
        if enrolment is None or edition is not None:
            raise ValidationError(_("A progress report is about one enrolment."))
        if enrolment.status not in REPORTABLE:
            raise ValidationError(
                _("%(enrolment)s has no trajectory yet to report on.") % {"enrolment": enrolment}
            )
    elif kind in Report.EDITION_KINDS:
        if edition is None or enrolment is not None:
            raise ValidationError(_("This report is about one edition."))
    else:
        raise ValidationError(_("Unknown kind of report."))
    chosen = {code for code, _name in settings.LANGUAGES}
    parameters = {
        **(parameters or {}),
        "language": language if language in chosen else settings.LANGUAGE_CODE,
    }
    waiting = partial(
        _waiting, kind=kind, enrolment=enrolment, edition=edition, month=parameters.get("month")
    )
    with transaction.atomic():
        if (earlier := waiting()) is not None:
            return earlier
        try:
            with transaction.atomic():
                report = Report.objects.create(
                    kind=kind,
                    enrolment=enrolment,
                    edition=edition,
                    requested_by=requested_by,
                    parameters=parameters,
                )
        except IntegrityError:
            # Asked for at the same instant elsewhere, and committed first: that one counts.
            if (earlier := waiting()) is None:
                raise
            return earlier
        # With Redis down the job waits in the database; the sweep sends it later.
        transaction.on_commit(partial(enqueue, render_report, report.pk))
    return report


def _waiting(
    *, kind: str, enrolment: Enrolment | None, edition: Edition | None, month: object
) -> Report | None:
    """The job of this kind about this subject (and month) that waits or runs, if any."""
    jobs = Report.objects.annotate(month=KT("parameters__month")).filter(
        kind=kind, enrolment=enrolment, edition=edition, status__in=Report.WAITING
    )
    jobs = jobs.filter(month__isnull=True) if month is None else jobs.filter(month=str(month))
    report = jobs.order_by("created_at", "pk").first()
    if report is not None:
        report.already_requested = True
    return report


def reports_requeue_stale(*, now: datetime.datetime | None = None) -> int:
    """Send jobs again whose message was lost (say, Redis was down when asked) or whose
    worker died (running for longer than the hard time limit)."""
    from reports.tasks import render_report

    now = now or timezone.now()
    dead = Report.objects.filter(status=Report.Status.RUNNING, started_at__lt=now - running_after())
    recovered = list(dead.values_list("pk", flat=True))
    # Back to pending: the task's claim then lets exactly one worker take it again.
    dead.filter(pk__in=recovered).update(status=Report.Status.PENDING)
    lost = Report.objects.filter(status=Report.Status.PENDING, created_at__lt=now - STALE_AFTER)
    waiting = sorted({*recovered, *lost.values_list("pk", flat=True)})
    for report_id in waiting:
        render_report.delay(report_id)
    return len(waiting)


def report_claim(*, report_id: int) -> bool:
    """Take a pending job for this worker; False if another worker has it or it is done."""
    claimed = Report.objects.filter(pk=report_id, status=Report.Status.PENDING).update(
        status=Report.Status.RUNNING, started_at=timezone.now()
    )
    return claimed == 1


def report_render(*, report_id: int) -> Report:
    """Render a claimed job into its PDF, store it with its SHA-256, and mark it done.

    It finishes only while it still holds its claim (the same ``started_at``): a job the
    sweep took back from a worker presumed dead is never finished twice. Its "ready" mail
    goes into the outbox in the same transaction.
    """
    report = Report.objects.select_related("requested_by").get(pk=report_id)
    claim = report.started_at
    language = report.parameters.get("language") or settings.LANGUAGE_CODE
    with acting_as(report.requested_by), translation.override(language):
        try:
            context = report_context(report)
            pdf = render_pdf_template(template_name(report), context)
        except OperationalError:
            # Transient (the database went away): hand the job back for the retry.
            Report.objects.filter(pk=report_id, started_at=claim).update(
                status=Report.Status.PENDING
            )
            raise
        except SoftTimeLimitExceeded:
            logger.warning("Report %s took longer than a task may run", report_id)
            _report_fail(report, _too_large_message(), too_large=True)
            return report
        except Exception as exc:
            logger.exception("Rendering report %s failed", report_id)
            _report_fail(report, str(exc))
            raise
        with transaction.atomic():
            current = Report.objects.select_for_update().get(pk=report_id)
            if current.status != Report.Status.RUNNING or current.started_at != claim:
                logger.warning("Report %s was taken back while rendering; not saved", report_id)
                return current
            report.file.save(_filename(report), ContentFile(pdf), save=False)
            report.sha256 = hashlib.sha256(pdf).hexdigest()
            report.data = context.get("export", {})
            report.status = Report.Status.DONE
            report.finished_at = timezone.now()
            report.error = ""
            report.save()
            _mail_ready(report, pdf)
    return report


def _mail_ready(report: Report, pdf: bytes) -> None:
    """To whoever asked for it; the monthly edition overview, asked by nobody, to programme
    staff with the PDF attached."""
    scheduled = "month" in report.parameters
    if scheduled:
        staff = User.objects.filter(is_staff=True, is_active=True).order_by("email")
        to = list(staff.values_list("email", flat=True))
    else:
        to = [report.requested_by.email] if report.requested_by else []
    url = settings.SITE_URL + reverse("report_detail", args=[report.public_id])
    mail_queue(
        kind="report_ready",
        to=to,
        context={"report": report, "scheduled": scheduled, "url": url},
        language=report.parameters.get("language"),
        files=[MailFile(report_filename(report), pdf, "application/pdf")] if scheduled else [],
    )


def edition_overviews_request(*, today: datetime.date | None = None) -> list[Report]:
    """The monthly overview of every running edition (one with a trajectory under way),
    about the month just ended; at most one per edition and month, however often asked."""
    today = today or timezone.localdate()
    month = (today.replace(day=1) - timedelta(days=1)).strftime("%Y-%m")
    running = Edition.objects.filter(enrolments__status=Enrolment.Status.ACTIVE).distinct()
    made = []
    for edition in running:
        exists = Report.objects.filter(
            kind=Report.Kind.EDITION_OVERVIEW, edition=edition, parameters__month=month
        ).exists()
        if exists:
            continue
        try:
            report = report_request(
                kind=Report.Kind.EDITION_OVERVIEW,
                requested_by=None,
                edition=edition,
                parameters={"month": month},
            )
        except IntegrityError:  # made (and finished) at the same instant by another run
            continue
        if not report.already_requested:  # not when another run made it a moment ago
            made.append(report)
    return made


def report_filename(report: Report) -> str:
    """The name users see when they download it, such as voortgang-09123456-2026-05-01.pdf."""
    day = (report.finished_at or report.created_at).date().isoformat()
    if report.kind == Report.Kind.PROGRESS and report.enrolment is not None:
        return f"voortgang-{report.enrolment.company.kvk_number}-{day}.pdf"
    prefix = "editieoverzicht" if report.kind == Report.Kind.EDITION_OVERVIEW else "verantwoording"
    edition = report.edition.name if report.edition else ""
    slug = "".join(ch if ch.isalnum() else "-" for ch in edition.lower()).strip("-")
    return f"{prefix}-{slug}-{day}.pdf"


def _filename(report: Report) -> str:
    return f"{report.kind}-{report.public_id}.pdf"


def _too_large_message() -> str:
    seconds = settings.CELERY_TASK_SOFT_TIME_LIMIT
    with translation.override(settings.LANGUAGE_CODE):
        return _(
            "The report has more text than can be made into a PDF within %(seconds)d seconds."
        ) % {"seconds": seconds}


def _report_fail(report: Report, message: str, *, too_large: bool = False) -> None:
    report.status = Report.Status.FAILED
    report.error = message[:2000] or _("Unknown error")
    report.too_large = too_large
    report.finished_at = timezone.now()
    report.save(update_fields=["status", "error", "too_large", "finished_at"])
