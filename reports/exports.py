"""The tables behind a province report's CSV and XLSX downloads, read from the figures
stored on the report when its PDF was made, so the downloads always match the PDF.
leercultuur.exports writes them."""

from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_stubs_ext import StrOrPromise

from leercultuur.exports import Cell, Row, Sheet
from reports.builders.common import hours
from reports.models import Report
from reports.reach import DEFINITIONS, LABELS

# The people reached, each counted once (reports.reach), as ``people_<figure>``.
PEOPLE = {f"people_{key}": label for key, label in LABELS.items()}

# The key figures, in the order of the report, with the words it uses.
FIGURES: dict[str, StrOrPromise] = {
    "companies_reached": gettext_lazy("Companies reached (accepted, under way or completed)"),
    "companies_started": gettext_lazy("Companies whose trajectory started"),
    "companies_completed": gettext_lazy("Companies that completed the trajectory"),
    "employees_reached": gettext_lazy("Employees of the companies reached"),
    "mbo_employees_reached": gettext_lazy("Of whom mbo-educated"),
    **PEOPLE,
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
    **PEOPLE,
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


def figure_rows(report: Report) -> list[Row]:
    """(label, number) per key figure; the people reached also with their definition."""
    figures = report.data.get("figures", {})
    values = {**figures, "coach_hours": hours(int(figures.get("coach_minutes", 0)))}
    rows: list[Row] = []
    for key, label in FIGURES.items():
        row: list[Cell] = [str(label), _value(values.get(key))]
        if key in PEOPLE:
            row.append(str(DEFINITIONS[key.removeprefix("people_")]))
        rows.append(row)
    return rows


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


def province_sheets(report: Report) -> list[Sheet]:
    """Three sheets: key figures, companies, and the change per dimension."""
    key_figures: list[Row] = [[_("Edition"), report.data.get("edition", "")]]
    key_figures += figure_rows(report)
    return [
        Sheet(_("Key figures"), key_figures),
        Sheet(_("Companies"), company_table(report)),
        Sheet(_("Dimensions"), dimension_table(report)),
    ]


def _value(value: object) -> Cell:
    """A number: stored amounts and scores are exact decimal strings."""
    if value is None or isinstance(value, int | Decimal):
        return value
    return Decimal(str(value))
