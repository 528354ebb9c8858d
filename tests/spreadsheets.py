"""Downloads read back as a spreadsheet program would, and the hostile texts they must defuse.

Every export test stores these texts straight through the ORM (as old rows may hold them,
whatever the forms accept today), downloads the file and reads it with the csv module or
openpyxl.
"""

import codecs
import csv
import datetime
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass

import openpyxl
from django.http.response import HttpResponseBase
from openpyxl.workbook.workbook import Workbook

# Texts a spreadsheet would run as a formula (or as the start of one).
FORMULAS = (
    '=HYPERLINK("http://x","y")',
    "+1+1",
    "-2",
    "@SUM(A1)",
    "\tx",
    "\r=1+1",
    "  =1+1",
    "\uff1d1+1",  # full-width =
    "\uff0b1",  # full-width +
    "\uff0d2",  # full-width -
    "\uff20SUM(A1)",  # full-width @
)
# Control characters openpyxl refuses to write; the export drops them.
WITH_CONTROLS = "Bakkerij\x01 Jansen\x1f B.V."
WITHOUT_CONTROLS = "Bakkerij Jansen B.V."
HOSTILE = (*FORMULAS, WITH_CONTROLS)

CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
RUNS = frozenset("=+-@\t\r\uff1d\uff0b\uff0d\uff20")
LOCAL_NUMBER = re.compile(r"-?\d+([.,]\d+)?")


@dataclass(frozen=True)
class Language:
    """What a download looks like in one interface language."""

    code: str
    delimiter: str
    decimal: str

    def number(self, text: str) -> str:
        """'15.50' as this language writes it."""
        return text.replace(".", self.decimal)

    def date(self, day: datetime.date) -> str:
        """The short date of this language: 5-3-2026, 03/05/2026."""
        if self.code == "nl":
            return f"{day.day}-{day.month}-{day.year}"
        return day.strftime("%m/%d/%Y")


DUTCH = Language("nl", ";", ",")
ENGLISH = Language("en", ",", ".")
LANGUAGES = (DUTCH, ENGLISH)


def content(response: HttpResponseBase) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)  # type: ignore[attr-defined]
    return response.content  # type: ignore[attr-defined]


def assert_attachment(response: HttpResponseBase, content_type: str, extension: str) -> None:
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    disposition = response["Content-Disposition"]
    assert re.fullmatch(rf'attachment; filename="[\w.-]+\.{extension}"', disposition), disposition


def read_csv(response: HttpResponseBase, language: Language) -> list[list[str]]:
    """The rows of a CSV download, after checking its type, BOM and delimiter."""
    assert_attachment(response, CSV_TYPE, "csv")
    data = content(response)
    assert data.startswith(codecs.BOM_UTF8), "no BOM: Excel would not read it as UTF-8"
    text = data.decode("utf-8-sig")
    first_line = text.split("\r\n", 1)[0]
    assert language.delimiter in first_line, f"not {language.delimiter!r}-separated"
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=language.delimiter))


def read_xlsx(response: HttpResponseBase) -> Workbook:
    assert_attachment(response, XLSX_TYPE, "xlsx")
    return openpyxl.load_workbook(io.BytesIO(content(response)))


def assert_csv_defused(rows: list[list[str]], texts: Iterable[str] = HOSTILE) -> None:
    """Each hostile text is there, quoted if it would run; no cell runs or holds controls."""
    cells = [cell for row in rows for cell in row]
    for text in texts:
        if text == WITH_CONTROLS:
            assert WITHOUT_CONTROLS in cells
        else:
            assert f"'{text}" in cells, f"{text!r} is not quoted"
    for cell in cells:
        assert not CONTROLS.search(cell), f"{cell!r} holds control characters"
        assert not runs(cell), f"{cell!r} would run as a formula"


def runs(cell: str) -> bool:
    """Would a spreadsheet read this CSV cell as a formula? A negative number is fine."""
    starts = {cell[:1], cell.lstrip()[:1]}
    return bool(starts & RUNS) and not LOCAL_NUMBER.fullmatch(cell)


def assert_xlsx_defused(workbook: Workbook, texts: Iterable[str] = HOSTILE) -> None:
    """No cell is a formula; each hostile text is a plain string cell, its controls gone."""
    strings = set()
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{sheet.title}!{cell.coordinate} is a formula"
                if isinstance(cell.value, str):
                    assert cell.data_type == "s"
                    assert not CONTROLS.search(cell.value)
                    strings.add(cell.value)
    for text in texts:
        # An XML reader turns a carriage return into a line feed (XML 1.0, 2.11).
        expected = WITHOUT_CONTROLS if text == WITH_CONTROLS else text.replace("\r", "\n")
        assert expected in strings, repr(text)
