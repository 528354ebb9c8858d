"""Each kind of report, rendered by the real Celery worker, shows its key figures.

The figures come from ``programme`` (tests/reports/conftest.py): the text of the PDF is
read back with pypdf. Labels are left out of the checks where the lead's translation may
still change them; names, numbers, amounts and hours (formatted as the portal does) are in.
"""

import csv
import io
from decimal import Decimal

import openpyxl
import pypdf
from celery import Celery
from celery.worker import WorkController
from django.test import Client
from django.urls import reverse
from django.utils import translation
from pytest_django import DjangoCaptureOnCommitCallbacks
from pytest_django.asserts import assertRedirects

from accounts.models import User
from coaching.services import format_minutes
from invoicing.templatetags.invoicing_tags import euro
from reports.models import Report
from reports.services import report_request
from tests.conftest import client_for
from tests.reports.conftest import CLOSING_SUMMARY, SECRET_NOTE, Programme
from tests.reports.test_report_job import wait_until_finished


def pdf_text(report: Report) -> str:
    """The PDF's text with every run of white space (also no-break spaces) made one space."""
    with report.file.open("rb") as pdf:
        reader = pypdf.PdfReader(io.BytesIO(pdf.read()))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def dutch(text: str) -> str:
    return " ".join(text.split())


def hours(minutes: int) -> str:
    with translation.override("nl"):
        return dutch(format_minutes(minutes))


def money(amount: str) -> str:
    with translation.override("nl"):
        return dutch(euro(Decimal(amount)))


def rendered(kind: str, requested_by: User, **subject: object) -> Report:
    report = report_request(kind=kind, requested_by=requested_by, **subject)  # type: ignore[arg-type]
    wait_until_finished(report)
    assert report.status == Report.Status.DONE, report.error
    return report


def test_company_progress_report(
    celery_app: Celery, celery_worker: WorkController, programme: Programme, contact: User
) -> None:
    report = rendered(Report.Kind.PROGRESS, contact, enrolment=programme.enrolment)

    text = pdf_text(report)
    assert "Bakkerij Jansen B.V." in text
    assert "Editie Achterhoek 2026" in text
    # Hours: 600 + 240 + 90 minutes of the 120-hour budget, by month and by activity.
    assert hours(930) in text
    assert hours(120 * 60 - 930) in text
    assert hours(600) in text
    assert hours(330) in text
    # Sessions with their summaries, never the coach's private notes.
    assert "Intake met de directie over leren op de werkvloer." in text
    assert "Workshop werkplekleren voor de teamleiders." in text
    assert SECRET_NOTE not in text
    # The development plan and its progress.
    assert "Werkplekleren voor monteurs" in text
    assert "Buddysysteem voor nieuwe bakkers" in text
    assert "Mbo-4 opleiding voor teamleiders" in text
    assert "50%" in text
    # Network attendance: one meeting, two people present.
    assert "Netwerk Achterhoek" in text
    assert "Leren van elkaar" in text
    # Baseline 2, final 4 on every dimension; the coach's closing summary.
    assert "2,00" in text
    assert "4,00" in text
    assert "+2,00" in text
    assert CLOSING_SUMMARY in text
    assert "Metaal Oost" not in text


def test_edition_overview(
    celery_app: Celery, celery_worker: WorkController, programme: Programme, staff: User
) -> None:
    report = rendered(Report.Kind.EDITION_OVERVIEW, staff, edition=programme.edition)

    text = pdf_text(report)
    assert "Editie Achterhoek 2026" in text
    assert "Bakkerij Jansen B.V." in text
    assert "Metaal Oost B.V." in text
    # Hours against the budget: 930 and 180 minutes of 2 x 120 hours.
    assert hours(930 + 180) in text
    assert hours(2 * 120 * 60) in text
    assert hours(180) in text
    # Attendance per network and the invoices: two issued, one paid.
    assert "Netwerk Achterhoek" in text
    assert money("4840.00") in text
    assert money("2420.00") in text
    assert "2026-0001" in text or "-0001" in text


def test_province_report_and_its_data(
    celery_app: Celery, celery_worker: WorkController, programme: Programme, staff: User
) -> None:
    report = rendered(Report.Kind.PROVINCE, staff, edition=programme.edition)

    figures = report.data["figures"]
    assert figures == {
        "companies_reached": 2,
        "companies_started": 2,
        "companies_completed": 0,
        "employees_reached": 100,
        "mbo_employees_reached": 55,
        # Anna (two sessions and the meeting) once, Bram, and Metaal Oost's Cem; not Dewi.
        "people_reached": 3,
        "people_mbo": 2,
        "people_management": 1,
        "people_employees": 2,
        "people_ambassadors": 1,
        "people_started": 1,
        "people_finished": 1,
        "people_certified": 1,
        "coach_minutes": 1110,
        "sessions": 4,
        "session_participants": 13,
        "session_mbo_participants": 6,
        "meetings_held": 1,
        "people_present": 3,
        "mbo_people_present": 2,
        "invoiced": "4840.00",
        "received": "2420.00",
        "outstanding": "2420.00",
        "measured_companies": 2,
    }
    text = pdf_text(report)
    assert "Editie Achterhoek 2026" in text
    assert hours(1110) in text
    assert money("4840.00") in text
    assert money("2420.00") in text
    # Baseline 2 and 3, final 4 and 4: means 2,50 and 4,00, change +1,50 per dimension.
    assert "2,50" in text
    assert "4,00" in text
    assert "+1,50" in text
    for count in ("100", "55"):
        assert count in text

    client = client_for(staff)
    csv_response = client.get(reverse("report_data_csv", args=[report.public_id]))
    assert csv_response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(csv_response.content.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 3, "a header and two companies"
    bakkerij = dict(zip(rows[0], rows[1], strict=True))
    assert bakkerij[rows[0][0]] == "Bakkerij Jansen B.V."
    # employees, mbo; people reached, mbo, management, employees, ambassadors, started,
    # finished, certified; hours
    people = ["2", "1", "1", "1", "1", "1", "1", "1"]
    assert list(bakkerij.values())[5:16] == ["40", "25", *people, "15,50"]
    assert list(bakkerij.values())[-1] == "2,00", "change on the last dimension"

    xlsx_response = client.get(reverse("report_data_xlsx", args=[report.public_id]))
    workbook = openpyxl.load_workbook(io.BytesIO(xlsx_response.content))
    figures_sheet, companies_sheet, dimensions_sheet = workbook.worksheets
    rows = list(figures_sheet.iter_rows(min_row=2, values_only=True))
    values = [row[1] for row in rows]
    assert values[:14] in (
        [2, 2, 0, 100, 55, 3, 2, 1, 2, 1, 1, 1, 1, Decimal("18.50")],
        [2, 2, 0, 100, 55, 3, 2, 1, 2, 1, 1, 1, 1, 18.5],
    )
    # The people reached carry their definition beside the number; the others need none.
    assert "telt één keer" in str(rows[5][2])
    assert len(rows[0]) == 2 or rows[0][2] is None
    assert companies_sheet.max_row == 3
    changes = [row[4] for row in dimensions_sheet.iter_rows(min_row=2, values_only=True)]
    assert changes
    assert all(change == 1.5 for change in changes)


def test_the_data_downloads_are_for_staff_only(
    programme: Programme,
    staff: User,
    coach: User,
    contact: User,
    client: Client,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        report = report_request(
            kind=Report.Kind.PROVINCE, requested_by=staff, edition=programme.edition
        )
    report.refresh_from_db()
    assert report.status == Report.Status.DONE  # eager: rendered at once
    for name in ("report_data_csv", "report_data_xlsx"):
        url = reverse(name, args=[report.public_id])
        assert client_for(staff).get(url).status_code == 200
        assert client_for(coach).get(url).status_code == 404
        assert client_for(contact).get(url).status_code == 404
        assertRedirects(client.get(url), f"{reverse('account_login')}?next={url}")
