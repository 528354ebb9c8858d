"""One demo report of each kind for `seed_demo` (made by the worker after the commit)."""

from typing import Any

from django.utils import timezone

from accounts.models import User
from companies.models import Edition, Enrolment
from reports.models import Report
from reports.services import report_request

DEMO = {"demo": True}


def seed_reports(*, staff: User) -> None:
    """A progress report of the demo company, and the edition overview and province report
    of this year's edition; asked for once, however often seed_demo runs."""
    edition = Edition.objects.get(name=f"Editie {timezone.localdate().year}")
    enrolment = Enrolment.objects.select_related("company").get(
        edition=edition, company__contacts__user__email="contact@leercultuur.test"
    )
    contact = User.objects.get(email="contact@leercultuur.test")
    wanted: list[tuple[str, User, dict[str, Any]]] = [
        (Report.Kind.PROGRESS, contact, {"enrolment": enrolment}),
        (Report.Kind.EDITION_OVERVIEW, staff, {"edition": edition}),
        (Report.Kind.PROVINCE, staff, {"edition": edition}),
    ]
    for kind, requested_by, subject in wanted:
        if not Report.objects.filter(kind=kind, parameters__demo=True, **subject).exists():
            report_request(kind=kind, requested_by=requested_by, parameters=DEMO, **subject)
