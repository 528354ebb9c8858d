"""The one writer of every CSV and XLSX download (leercultuur/exports.py)."""

import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.utils import translation
from django.utils.translation import gettext_lazy

from leercultuur.exports import (
    Cell,
    Row,
    Sheet,
    attachment,
    csv_content,
    csv_response,
    csv_text,
    looks_like_formula,
    sheet_title,
    xlsx_content,
    xlsx_response,
)
from tests.spreadsheets import (
    CSV_TYPE,
    DUTCH,
    ENGLISH,
    FORMULAS,
    HOSTILE,
    LANGUAGES,
    WITH_CONTROLS,
    WITHOUT_CONTROLS,
    XLSX_TYPE,
    Language,
    assert_csv_defused,
    assert_xlsx_defused,
    read_csv,
    read_xlsx,
)

DAY = datetime.date(2026, 3, 5)
ROWS: list[Row] = [
    [gettext_lazy("Date"), gettext_lazy("Hours"), "Count", "Note"],
    [DAY, Decimal("15.50"), 3, "Gewoon"],
    *[[None, Decimal("-0.25"), -2, text] for text in HOSTILE],
]


@pytest.mark.parametrize("text", FORMULAS)
def test_a_formula_is_recognised_in_every_form(text: str) -> None:
    assert looks_like_formula(text)
    assert csv_text(text) == f"'{text}"


@pytest.mark.parametrize("text", ["Bakkerij Jansen", "1+1", "a=b", "'quoted", "", "–2"])
def test_ordinary_text_is_left_alone(text: str) -> None:
    assert not looks_like_formula(text)
    assert csv_text(text) == text


def test_control_characters_are_dropped_but_tabs_and_breaks_inside_stay() -> None:
    assert csv_text(WITH_CONTROLS) == WITHOUT_CONTROLS
    assert csv_text("".join(map(chr, range(32))) + "x") == "'\t\n\r" + "x"
    assert csv_text("regel 1\nregel\t2") == "regel 1\nregel\t2"


@pytest.mark.parametrize(
    ("language", "cells"),
    [
        (DUTCH, ["5-3-2026", "15,50", "3", "-0,25", "-2", "", "2000"]),
        (ENGLISH, ["03/05/2026", "15.50", "3", "-0.25", "-2", "", "2000"]),
    ],
)
def test_numbers_and_dates_in_the_local_form(language: Language, cells: list[str]) -> None:
    values: list[Cell] = [DAY, Decimal("15.50"), 3, Decimal("-0.25"), -2, None, Decimal("2E+3")]
    with translation.override(language.code):
        assert [csv_text(value) for value in values] == cells


@pytest.mark.parametrize("value", [1.5, True, datetime.datetime(2026, 3, 5, tzinfo=datetime.UTC)])
def test_floats_bools_and_datetimes_are_refused(value: object) -> None:
    with pytest.raises(TypeError):
        csv_text(value)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        xlsx_content([Sheet("x", [[value]])])  # type: ignore[list-item]


@pytest.mark.parametrize("language", LANGUAGES, ids=lambda language: language.code)
def test_csv_in_the_interface_language(language: Language) -> None:
    with translation.override(language.code):
        response = csv_response("uren.csv", ROWS)
        header, first, *rest = read_csv(response, language)

    assert header == (["Datum", "Uren"] if language is DUTCH else ["Date", "Hours"]) + [
        "Count",
        "Note",
    ]
    assert first[1:] == [language.number("15.50"), "3", "Gewoon"]
    assert rest[0][1:3] == [language.number("-0.25"), "-2"]
    assert_csv_defused(rest)


def test_csv_starts_with_a_bom_and_separates_rows_as_excel_does() -> None:
    text = csv_content([["a", "b"], ["c", "d"]])
    assert text == "\ufeffa;b\r\nc;d\r\n"


def test_xlsx_writes_every_hostile_text_as_a_plain_string() -> None:
    hostile: list[Row] = [[text, Decimal("1.50")] for text in HOSTILE]
    rows: list[Row] = [["Tekst", "#N/A"], *hostile]
    response = xlsx_response("gegevens.xlsx", [Sheet("Gegevens", rows)])

    workbook = read_xlsx(response)
    assert_xlsx_defused(workbook)
    sheet = workbook["Gegevens"]
    assert sheet["B1"].value == "#N/A"
    assert sheet["B1"].data_type == "s"  # not an error cell
    assert sheet["A2"].value == FORMULAS[0]
    assert sheet["A2"].quotePrefix  # stays text when someone edits it
    assert sheet["B2"].value == 1.5


def test_xlsx_keeps_numbers_and_dates_as_such() -> None:
    sheet = Sheet("Cijfers", [["Datum", "Uren", "Aantal"], [DAY, Decimal("15.50"), 3]])
    workbook = openpyxl.load_workbook(io.BytesIO(xlsx_content([sheet])))

    date, decimal, whole = next(workbook.active.iter_rows(min_row=2))
    assert date.value.date() == DAY
    assert date.is_date
    assert date.number_format == "mm-dd-yy"  # Excel's short date, in the reader's own form
    assert (decimal.value, whole.value) == (15.5, 3)


def test_sheet_titles_are_ones_excel_accepts() -> None:
    assert (
        sheet_title("Verandering per dimensie: [alle] bedrijven?")
        == "Verandering per dimensie- -alle"
    )
    assert len(sheet_title("x" * 40)) == 31
    assert sheet_title("\x01") == "-"
    sheets = [Sheet("Kerncijfers: 2026/2027", [["a"]]), Sheet("Bedrijven", [["b"]])]
    workbook = openpyxl.load_workbook(io.BytesIO(xlsx_content(sheets)))
    assert workbook.sheetnames == ["Kerncijfers- 2026-2027", "Bedrijven"]


def test_every_download_is_an_attachment() -> None:
    assert csv_response("uren.csv", [])["Content-Type"] == CSV_TYPE
    assert xlsx_response("x.xlsx", [Sheet("x", [])])["Content-Type"] == XLSX_TYPE
    assert attachment("uren-12345678.csv") == 'attachment; filename="uren-12345678.csv"'
    assert attachment('editie "gelderland" é.csv') == (
        'attachment; filename="editie--gelderland---.csv"; '
        "filename*=utf-8''editie%20%22gelderland%22%20%C3%A9.csv"
    )
