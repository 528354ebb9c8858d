"""The province report's data downloads (CSV and XLSX) defuse hostile text, survive control
characters and follow the interface language. The figures are stored on the report as its
builder stores them; here they are written straight to the database, hostile texts and all."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import translation

from accounts.models import User
from reports.exports import COMPANY_COLUMNS
from reports.models import Report
from tests.conftest import client_for
from tests.factories import EditionFactory
from tests.spreadsheets import (
    DUTCH,
    FORMULAS,
    HOSTILE,
    LANGUAGES,
    WITH_CONTROLS,
    WITHOUT_CONTROLS,
    Language,
    assert_csv_defused,
    assert_xlsx_defused,
    read_csv,
    read_xlsx,
)

pytestmark = pytest.mark.django_db


def company(name: str) -> dict[str, object]:
    return {
        "company": name,
        "kvk_number": "12345678",
        "region": "@Achterhoek",
        "sector": "-C",
        "status": "Actief",
        "employees": 40,
        "mbo_employees": 25,
        "coach_minutes": 930,
        "sessions": 3,
        "session_participants": 12,
        "session_mbo_participants": 6,
        "meetings_attended": 1,
        "people_present": 2,
        "mbo_people_present": 1,
        "invoiced": "2420.00",
        "received": "0.00",
        "changes": {"leren": "-0.50"},
    }


@pytest.fixture
def report(db: None) -> Report:
    return Report.objects.create(
        kind=Report.Kind.PROVINCE,
        edition=EditionFactory.create(name="Editie 2026"),
        status=Report.Status.DONE,
        file=ContentFile(b"%PDF-1.7 provincie", name="provincie.pdf"),
        sha256="0" * 64,
        data={
            "edition": FORMULAS[0],
            "figures": {"companies_reached": len(HOSTILE), "coach_minutes": 930},
            "dimensions": [
                {
                    "key": "leren",
                    "label": WITH_CONTROLS,
                    "companies": len(HOSTILE),
                    "baseline": "2.50",
                    "final": "2.00",
                    "change": "-0.50",
                }
            ],
            "companies": [company(name) for name in HOSTILE],
        },
    )


def get(staff: User, name: str, report: Report, language: Language) -> object:
    with translation.override(language.code):
        path = reverse(name, args=[report.public_id])
    return client_for(staff).get(path)


@pytest.mark.parametrize("language", LANGUAGES, ids=lambda language: language.code)
def test_the_csv_defuses_hostile_text_in_the_local_form(
    staff: User, report: Report, language: Language
) -> None:
    header, *rows = read_csv(get(staff, "report_data_csv", report, language), language)  # type: ignore[arg-type]

    assert header[0] == ("Bedrijf" if language is DUTCH else "Company")
    assert len(rows) == len(HOSTILE)
    assert_csv_defused(rows)
    columns = dict(zip(header, rows[0], strict=True))
    hours = columns["Coachuren" if language is DUTCH else "Coach hours"]
    assert hours == language.number("15.50")
    assert rows[0][-1] == language.number("-0.50"), "a negative number stays a number"
    assert columns["Regio" if language is DUTCH else "Region"] == "'@Achterhoek"


@pytest.mark.parametrize("language", LANGUAGES, ids=lambda language: language.code)
def test_the_xlsx_holds_hostile_text_as_plain_strings(
    staff: User, report: Report, language: Language
) -> None:
    workbook = read_xlsx(get(staff, "report_data_xlsx", report, language))  # type: ignore[arg-type]

    assert_xlsx_defused(workbook, (*HOSTILE, "@Achterhoek", "-C"))
    figures, companies, dimensions = workbook.worksheets
    titles = ["Kerncijfers", "Bedrijven", "Dimensies"]
    assert workbook.sheetnames == (
        titles if language is DUTCH else ["Key figures", "Companies", "Dimensions"]
    )
    # (A third column holds the definitions of the people reached.)
    assert [cell.value for cell in figures[1] if cell.value is not None] == [
        "Editie" if language is DUTCH else "Edition",
        FORMULAS[0],
    ]
    first = [cell.value for cell in companies[2]]
    # Coach hours: a number, whatever the language.
    assert first[list(COMPANY_COLUMNS).index("coach_hours")] == 15.5
    assert first[-1] == -0.5
    assert [cell.value for cell in dimensions[2]][:3] == [WITHOUT_CONTROLS, len(HOSTILE), 2.5]
