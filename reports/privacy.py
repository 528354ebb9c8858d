"""Personal data in reports: who asked for one, and what a report may mention.

See accounts/privacy.py for what the declarations mean.
"""

import datetime
from functools import partial

from django.db import transaction
from django.db.models import Q

from accounts.privacy import LINK_TO_ERASED_USER, purge, register
from reports.models import Report

register(
    Report,
    rows=lambda user: Q(requested_by=user),
    export=("kind", "enrolment", "edition", "status", "created_at", "finished_at"),
    scrub=("error", "parameters", "data"),
    kept={"requested_by": LINK_TO_ERASED_USER},
)


@purge("finished reports")
def _old_reports(cutoff: datetime.datetime) -> int:
    """Finished reports requested before the cutoff, with their files (after commit)."""
    old = Report.objects.filter(
        status__in=[Report.Status.DONE, Report.Status.FAILED], created_at__lt=cutoff
    )
    for report in old.exclude(file=""):
        transaction.on_commit(partial(report.file.delete, save=False))
    _total, by_model = old.delete()
    return by_model.get(Report._meta.label, 0)
