"""The data behind a province report as CSV and XLSX, read from the figures stored on the
report when its PDF was made, so the downloads always match the PDF."""

import csv
import io
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_stubs_ext import StrOrPromise
from openpyxl import Workbook

from reports.builders.common import hours
from reports.models import Report

# The key figures, in the order of the report, with the words it uses.
FIGURES: dict[str, StrOrPromise] = {
    "companies_reached": gettext_lazy("Companies reached (accepted, under way or completed)"),
    "companies_started": gettext_lazy("Companies whose trajectory started"),
    "companies_completed": gettext_lazy("Companies that completed the trajectory"),
    "employees_reached": gettext_lazy("Employees of the companies reached"),
    "mbo_employees_reached": gettext_lazy("Of whom mbo-educated"),
    "coach_hours": gettext_lazy("Coach hours delivered"),
    "sessions": gettext_lazy("Coaching sessions"),
    "session_participants": gettext_lazy("Participants in coaching sessions (per session)"),
    "session_mbo_participants": gettext_lazy("Of whom mbo-educated"),
    "meetings_held": gettext_lazy("Learning network meetings held"),
    "people_present": gettext_lazy("People present at meetings (per meeting)"),
    "mbo_people_present": gettext_lazy("Of whom mbo-educated"),
    "measured_companies": gettext_lazy("Companies with a baseline and a final measurement"),
    "invoiced": gettext_lazy("Own contributions invoiced, after credit notes (EUR incl. VAT)"),
    "received": gettext_lazy("Own contributions received (EUR incl. VAT)"),
    "outstanding": gettext_lazy("Own contributions outstanding (EUR incl. VAT)"),
}

COMPANY_COLUMNS: dict[str, StrOrPromise] = {
    "company": gettext_lazy("Company"),
    "kvk_number": gettext_lazy("KvK number"),
    "region": gettext_lazy("Region"),
    "sector": gettext_lazy("Sector (SBI)"),
    "status": gettext_lazy("Status"),
    "employees": gettext_lazy("Employees"),
    "mbo_employees": gettext_lazy("Mbo-educated employees"),
    "coach_hours": gettext_lazy("Coach hours"),
    "sessions": gettext_lazy("Sessions"),
    "session_participants": gettext_lazy("Session participants"),
    "session_mbo_participants": gettext_lazy("Of whom mbo-educated"),
    "meetings_attended": gettext_lazy("Meetings attended"),
    "people_present": gettext_lazy("People present at meetings"),
    "mbo_people_present": gettext_lazy("Of whom mbo-educated"),
    "invoiced": gettext_lazy("Invoiced (EUR)"),
    "received": gettext_lazy("Received (EUR)"),
}

TEXT_COLUMNS = frozenset({"company", "kvk_number", "region", "sector", "status"})

type Cell = str | int | Decimal | None


def figure_rows(report: Report) -> list[tuple[str, Cell]]:
    figures = report.data.get("figures", {})
    values = {**figures, "coach_hours": hours(int(figures.get("coach_minutes", 0)))}
    return [(str(label), _value(values.get(key))) for key, label in FIGURES.items()]


def company_table(report: Report) -> list[list[Cell]]:
    """A header and one row per company; a change column per learning-culture dimension."""
    dimensions = report.data.get("dimensions", [])
    header: list[Cell] = [str(label) for label in COMPANY_COLUMNS.values()]
    header += [_("Change: %(dimension)s") % {"dimension": d["label"]} for d in dimensions]
    rows = [header]
    for company in report.data.get("companies", []):
        values = {**company, "coach_hours": hours(int(company["coach_minutes"]))}
        row = [
            str(values.get(key, "")) if key in TEXT_COLUMNS else _value(values.get(key))
            for key in COMPANY_COLUMNS
        ]
        row += [_value(company["changes"].get(d["key"])) for d in dimensions]
        rows.append(row)
    return rows


def dimension_table(report: Report) -> list[list[Cell]]:
    header: list[Cell] = [
        _("Dimension"),
        _("Companies"),
        _("Baseline (mean)"),
        _("Final (mean)"),
        _("Change (mean)"),
    ]
    rows = [header]
    for d in report.data.get("dimensions", []):
        rows.append(
            [
                d["label"],
                d["companies"],
                _value(d["baseline"]),
                _value(d["final"]),
                _value(d["change"]),
            ]
        )
    return rows


def province_csv(report: Report) -> str:
    """The companies table, for spreadsheets: semicolons, decimal commas, a BOM for Excel."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=";")
    for row in company_table(report):
        writer.writerow([_csv_cell(cell) for cell in row])
    return out.getvalue()


def province_xlsx(report: Report) -> bytes:
    """Three sheets: key figures, companies, and the change per dimension."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Key figures")[:31]
    sheet.append([_("Edition"), report.data.get("edition", "")])
    for label, value in figure_rows(report):
        sheet.append([label, value])
    _fill(workbook.create_sheet(_("Companies")[:31]), company_table(report))
    _fill(workbook.create_sheet(_("Dimensions")[:31]), dimension_table(report))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _fill(sheet: Any, rows: Sequence[Sequence[Cell]]) -> None:
    for row in rows:
        sheet.append([_xlsx_cell(cell) for cell in row])


def _value(value: object) -> Cell:
    """A number: stored amounts and scores are exact decimal strings."""
    if value is None or isinstance(value, int | Decimal):
        return value
    return Decimal(str(value))


def _csv_cell(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, int | Decimal):
        return str(cell).replace(".", ",")
    # Text a spreadsheet would run as a formula is quoted, so it stays text.
    return f"'{cell}" if cell[:1] in {"=", "+", "-", "@", "\t", "\r"} else cell


def _xlsx_cell(cell: Cell) -> Cell:
    if isinstance(cell, str) and cell[:1] == "=":
        return f"'{cell}"  # never a formula
    return cell
