"""Reports in the admin, and the actions that ask for them from editions and enrolments.

``companies`` must not import ``reports``, so the actions are added here: the edition and
enrolment admins that are registered (whoever registered them) are replaced by subclasses
with these actions added (leercultuur/admin_actions.py).
"""

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from companies.models import Edition, Enrolment
from leercultuur.admin_actions import add_actions
from reports.models import Report
from reports.services import report_request

if TYPE_CHECKING:  # the stubs' helper types exist only where mypy runs
    from django_stubs_ext import StrOrPromise


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ("kind", "subject_display", "status", "requested_by", "created_at", "download")
    list_filter = ("kind", "status", "edition")
    list_select_related = ("requested_by", "enrolment__company", "enrolment__edition", "edition")
    search_fields = (
        "requested_by__email",
        "enrolment__company__legal_name",
        "edition__name",
        "public_id",
    )
    readonly_fields = [field.name for field in Report._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.display(description=_("subject"))
    def subject_display(self, report: Report) -> str:
        return str(report.subject)

    @admin.display(description=_("PDF"))
    def download(self, report: Report) -> str:
        url = reverse("report_detail", args=[report.public_id])
        return format_html('<a href="{}">{}</a>', url, _("Open"))


def _requested(
    modeladmin: admin.ModelAdmin,
    request: HttpRequest,
    subjects: Iterable[Any],
    make: Callable[[Any], Report],
) -> None:
    """Ask for one report per subject; say how many and where to find them.

    A subject whose report of this kind still waits or runs gets no second one: the
    message says so and links to the waiting one.
    """
    made = 0
    for subject in subjects:
        try:
            report = make(subject)
        except ValidationError as error:
            modeladmin.message_user(
                request, f"{subject}: {' '.join(error.messages)}", messages.ERROR
            )
            continue
        if report.already_requested:
            modeladmin.message_user(
                request,
                format_html(
                    '{}: {} <a href="{}">{}</a>',
                    subject,
                    _("this report had already been asked for and is on its way."),
                    reverse("report_detail", args=[report.public_id]),
                    _("Follow it"),
                ),
                messages.WARNING,
            )
        else:
            made += 1
    if made:
        changelist = reverse("admin:reports_report_changelist")
        modeladmin.message_user(
            request,
            format_html(
                '{} <a href="{}">{}</a>',
                ngettext(
                    "%d report requested; you will receive an e-mail when it is ready.",
                    "%d reports requested; you will receive an e-mail when each is ready.",
                    made,
                )
                % made,
                changelist,
                _("Go to the reports"),
            ),
        )


def _request_action(
    name: str, kind: str, subject: str, description: "StrOrPromise"
) -> Callable[[admin.ModelAdmin, HttpRequest, QuerySet[Any]], None]:
    """An action asking for a report of ``kind`` about each selected edition or enrolment."""

    def action(modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        def make(selected: Any) -> Report:
            return report_request(
                kind=kind,
                requested_by=request.user,  # type: ignore[arg-type]
                language=request.LANGUAGE_CODE,
                **{subject: selected},
            )

        _requested(modeladmin, request, queryset, make)

    action.__name__ = name
    return admin.action(description=description)(action)


request_edition_overview = _request_action(
    "request_edition_overview",
    Report.Kind.EDITION_OVERVIEW,
    "edition",
    _("Make the edition overview (PDF)"),
)
request_province_report = _request_action(
    "request_province_report",
    Report.Kind.PROVINCE,
    "edition",
    _("Make the province accountability report (PDF, CSV, Excel)"),
)
request_progress_reports = _request_action(
    "request_progress_reports", Report.Kind.PROGRESS, "enrolment", _("Make progress reports (PDF)")
)


add_actions(Edition, request_edition_overview, request_province_report)
add_actions(Enrolment, request_progress_reports)
