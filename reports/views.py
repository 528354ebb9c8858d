from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from accounts.decorators import role_required
from accounts.roles import Role
from companies.models import Edition
from companies.selectors import get_enrolment_for_user
from leercultuur.exports import csv_response, xlsx_response
from networks.models import LearningNetwork
from networks.selectors import attendance_by_network
from reports.exports import company_table, province_sheets
from reports.models import Report
from reports.reach import Reach, reach_per_edition
from reports.selectors import get_report_for_user
from reports.services import report_filename, report_request

READERS = (Role.CONTACT, Role.COACH, Role.STAFF)
ALREADY_REQUESTED = _(
    "This report had already been asked for and is on its way: this is the one being made."
)


@role_required(Role.STAFF)
def staff_reach(request: HttpRequest) -> HttpResponse:
    """The people reached per edition, and each learning network's attendance."""
    networks = attendance_by_network(LearningNetwork.objects.select_related("edition"))
    context = {"reach": _reach_per_edition(), "networks": networks}
    return render(request, "reports/staff_reach.html", context)


def _reach_per_edition() -> dict[str, Any]:
    """The people reached in each edition that reached anyone, the newest first: one
    column per edition, one row (label, definition, numbers) per figure."""
    reach = reach_per_edition()
    editions = list(Edition.objects.filter(pk__in=reach).order_by("-enrolment_opens", "-pk"))
    rows = [
        (label, definition, [getattr(reach[edition.pk], key) for edition in editions])
        for key, label, definition, _number in Reach().rows()
    ]
    return {"editions": editions, "rows": rows}


@role_required(*READERS)
@require_http_methods(["GET", "POST"])
def enrolment_reports(request: HttpRequest, public_id: object) -> HttpResponseBase:
    """The enrolment's progress reports; posting asks for a new one."""
    enrolment = get_enrolment_for_user(request.user, str(public_id))  # type: ignore[arg-type]
    if request.method == "POST":
        try:
            report = report_request(
                kind=Report.Kind.PROGRESS,
                requested_by=request.user,  # type: ignore[arg-type]
                enrolment=enrolment,
                language=request.LANGUAGE_CODE,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("enrolment_reports", enrolment.public_id)
        if report.already_requested:
            messages.info(request, ALREADY_REQUESTED)
        return redirect("report_detail", report.public_id)
    reports = Report.objects.filter(enrolment=enrolment).select_related("requested_by")[:20]
    context = {"enrolment": enrolment, "reports": reports}
    return render(request, "reports/enrolment_reports.html", context)


@role_required(*READERS)
def report_detail(request: HttpRequest, public_id: object) -> HttpResponse:
    """The job's progress (polled by htmx while it runs) and the download when ready."""
    report = get_report_for_user(request.user, str(public_id))  # type: ignore[arg-type]
    htmx = request.headers.get("HX-Request") == "true"
    template = "reports/report_detail.html" + ("#progress" if htmx else "")
    return render(request, template, {"report": report})


@role_required(*READERS)
def report_download(request: HttpRequest, public_id: object) -> HttpResponseBase:
    report = get_report_for_user(request.user, str(public_id))  # type: ignore[arg-type]
    if report.status != Report.Status.DONE or not report.file:
        return redirect("report_detail", report.public_id)
    filename = report_filename(report)
    return FileResponse(report.file.open("rb"), as_attachment=True, filename=filename)


@role_required(Role.STAFF)
def report_data_csv(request: HttpRequest, public_id: object) -> HttpResponse:
    report = _province_report(request, public_id)
    filename = report_filename(report).removesuffix(".pdf") + ".csv"
    return csv_response(filename, company_table(report))


@role_required(Role.STAFF)
def report_data_xlsx(request: HttpRequest, public_id: object) -> HttpResponse:
    report = _province_report(request, public_id)
    filename = report_filename(report).removesuffix(".pdf") + ".xlsx"
    return xlsx_response(filename, province_sheets(report))


def _province_report(request: HttpRequest, public_id: object) -> Report:
    report = get_report_for_user(request.user, str(public_id))  # type: ignore[arg-type]
    if report.kind != Report.Kind.PROVINCE or report.status != Report.Status.DONE:
        raise Http404
    return report
