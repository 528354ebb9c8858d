import hashlib
import logging
from datetime import timedelta
from functools import partial

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.audit import acting_as
from accounts.models import User
from reports.models import Report
from reports.pdf import render_pdf_template

logger = logging.getLogger(__name__)

# A job still pending after this long has lost its message; claiming makes resending safe.
STALE_AFTER = timedelta(minutes=5)


def report_request(*, kind: str, requested_by: User | None) -> Report:
    """Create a report job; a worker renders it once the transaction commits."""
    from reports.tasks import render_report

    with transaction.atomic():
        report = Report.objects.create(kind=kind, requested_by=requested_by)
        transaction.on_commit(partial(render_report.delay, report.pk))
    return report


def reports_requeue_stale(*, older_than: timedelta = STALE_AFTER) -> int:
    """Send pending jobs again whose message was lost (say, Redis was down when asked)."""
    from reports.tasks import render_report

    stale = Report.objects.filter(
        status=Report.Status.PENDING, created_at__lt=timezone.now() - older_than
    ).values_list("pk", flat=True)
    report_ids = list(stale)
    for report_id in report_ids:
        render_report.delay(report_id)
    return len(report_ids)


def report_claim(*, report_id: int) -> bool:
    """Take a pending job for this worker; False if another worker has it or it is done."""
    claimed = Report.objects.filter(pk=report_id, status=Report.Status.PENDING).update(
        status=Report.Status.RUNNING, started_at=timezone.now()
    )
    return claimed == 1


def report_render(*, report_id: int) -> Report:
    """Render a claimed job into its PDF, store it with its SHA-256, and mark it done."""
    report = Report.objects.select_related("requested_by").get(pk=report_id)
    with acting_as(report.requested_by):
        try:
            pdf = render_pdf_template("pdf/sample.html", {"report": report})
        except Exception as exc:
            logger.exception("Rendering report %s failed", report_id)
            _report_fail(report, str(exc))
            raise
        with transaction.atomic():
            report.file.save(f"{report.public_id}.pdf", ContentFile(pdf), save=False)
            report.sha256 = hashlib.sha256(pdf).hexdigest()
            report.status = Report.Status.DONE
            report.finished_at = timezone.now()
            report.error = ""
            report.save()
    return report


def _report_fail(report: Report, message: str) -> None:
    report.status = Report.Status.FAILED
    report.error = message[:2000] or _("Unknown error")
    report.finished_at = timezone.now()
    report.save(update_fields=["status", "error", "finished_at"])
