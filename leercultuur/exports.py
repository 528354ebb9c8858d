"""Every CSV and XLSX download of the portal is written here, one way.

The apps build their tables (rows of cells); this module writes them in the form of the
active language: in Dutch ``;``-separated with decimal commas, in English ``,``-separated
with decimal points. CSV is UTF-8 with a BOM, so Excel opens it as it is. Text that a
spreadsheet would run as a formula stays text (DESIGN §5), and control characters, which
openpyxl refuses and old rows may hold, are dropped.
"""

import csv
import datetime
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from urllib.parse import quote

from django.http import HttpResponse
from django.utils.formats import date_format, get_format
from django.utils.functional import Promise
from openpyxl import Workbook
from openpyxl.cell.cell import Cell as SheetCell

from leercultuur.text import xml_safe

# What a table may hold: text, whole numbers, exact decimals (money, hours), dates.
# No floats (money is never a float) and no datetimes (which day depends on the zone).
type Cell = str | Promise | int | Decimal | datetime.date | None
type Row = Sequence[Cell]
CELL_TYPES = (str, Promise, int, Decimal, datetime.date, type(None))

CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# A text starting with one of these (after any leading white space) is read as a formula;
# the full-width forms too, as some spreadsheets fold them to the ASCII ones.
FORMULA_STARTS = frozenset("=+-@\t\r\uff1d\uff0b\uff0d\uff20")
# Excel's built-in short date (number format 14): shown in the reader's own local form.
XLSX_SHORT_DATE = "mm-dd-yy"
# What a sheet title may not hold, and its greatest length.
SHEET_TITLE_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
SHEET_TITLE_LENGTH = 31


@dataclass(frozen=True)
class Sheet:
    """One sheet of a workbook: its title and its rows, the header first."""

    title: str
    rows: Sequence[Row]


# --- Cells --------------------------------------------------------------------------------


def decimal_separator() -> str:
    """The active language's decimal separator: the one place the local form comes from."""
    return str(get_format("DECIMAL_SEPARATOR"))


def csv_delimiter() -> str:
    """';' where the comma separates decimals (Dutch), so Excel splits the columns; else ','."""
    return ";" if decimal_separator() == "," else ","


def plain_text(text: str) -> str:
    """Text without the control characters a spreadsheet file (XML inside) cannot hold."""
    return xml_safe(text)


def looks_like_formula(text: str) -> bool:
    return text[:1] in FORMULA_STARTS or text.lstrip()[:1] in FORMULA_STARTS


def csv_text(value: Cell) -> str:
    """One cell as CSV text: numbers and dates in the local form, formulas defused."""
    value = checked(value)
    if value is None:
        return ""
    if isinstance(value, str | Promise):
        text = plain_text(str(value))
        # The quote makes a spreadsheet show the rest as text, never run it.
        return f"'{text}" if looks_like_formula(text) else text
    if isinstance(value, datetime.date):
        return date_format(value, "SHORT_DATE_FORMAT")
    return format(value, "f" if isinstance(value, Decimal) else "d").replace(
        ".", decimal_separator()
    )


def checked(value: Cell) -> Cell:
    """The value itself, or a TypeError for what a cell must not hold (a float, a
    datetime, a bool, an object): callers say what they mean."""
    if isinstance(value, bool | datetime.datetime) or not isinstance(value, CELL_TYPES):
        raise TypeError(f"an export cell cannot hold {type(value).__name__}")
    return value


# --- CSV ----------------------------------------------------------------------------------


def csv_content(rows: Iterable[Row]) -> str:
    """The rows as CSV text, starting with the BOM that tells Excel it is UTF-8."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=csv_delimiter())
    for row in rows:
        writer.writerow([csv_text(value) for value in row])
    return out.getvalue()


def csv_response(filename: str, rows: Iterable[Row]) -> HttpResponse:
    return download(csv_content(rows), filename=filename, content_type=CSV_TYPE)


# --- XLSX ---------------------------------------------------------------------------------


def xlsx_content(sheets: Sequence[Sheet]) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for sheet in sheets:
        worksheet = workbook.create_sheet(sheet_title(sheet.title))
        for row in sheet.rows:
            worksheet.append([xlsx_cell(worksheet, value) for value in row])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def xlsx_response(filename: str, sheets: Sequence[Sheet]) -> HttpResponse:
    return download(xlsx_content(sheets), filename=filename, content_type=XLSX_TYPE)


def xlsx_cell(worksheet: Any, value: Cell) -> SheetCell:
    """One cell of a sheet: text is always a plain string, never a formula or an error."""
    value = checked(value)
    if isinstance(value, str | Promise):
        return _text_cell(worksheet, plain_text(str(value)))
    cell = SheetCell(worksheet, value=value)
    if isinstance(value, datetime.date):
        cell.number_format = XLSX_SHORT_DATE
    return cell


def _text_cell(worksheet: Any, text: str) -> SheetCell:
    cell = SheetCell(worksheet, value=text)
    # openpyxl makes "=..." a formula and "#N/A" an error; this keeps the text a string.
    cell.data_type = "s"
    # As if typed with a leading quote: still text when someone edits the cell.
    cell.quotePrefix = looks_like_formula(text)
    return cell


def sheet_title(title: str) -> str:
    """A title Excel accepts: no []:*?/\\ and at most 31 characters."""
    cleaned = SHEET_TITLE_FORBIDDEN.sub("-", plain_text(title)).strip("'")
    return cleaned[:SHEET_TITLE_LENGTH] or "-"


# --- Responses ----------------------------------------------------------------------------


def download(content: str | bytes, *, filename: str, content_type: str) -> HttpResponse:
    """A file to save, never to show: its type and an attachment disposition."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = attachment(filename)
    return response


def attachment(filename: str) -> str:
    """``attachment; filename="..."``, with the UTF-8 name beside an ASCII one if it needs it."""
    ascii_name = re.sub(r"[^A-Za-z0-9._-]", "-", filename)
    if ascii_name == filename:
        return f'attachment; filename="{filename}"'
    return f"attachment; filename=\"{ascii_name}\"; filename*=utf-8''{quote(filename)}"
