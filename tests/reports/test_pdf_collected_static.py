"""In production ``{% static %}`` names the collected copy of a file, with its hash in the
name (css/pdf.6197f439f04d.css), which only STATIC_ROOT holds. The renderer loads it, and
still nothing outside the two static folders."""

import io
from pathlib import Path

import pypdf
from pytest_django import Settings

from reports.pdf import render_pdf

HASHED = "css/pdf.0123456789ab.css"


def page_width_mm(pdf: bytes) -> float:
    box = pypdf.PdfReader(io.BytesIO(pdf)).pages[0].mediabox
    return round(float(box.width) / 72 * 25.4)


def test_collected_static_files_with_hashed_names_load(settings: Settings, tmp_path: Path) -> None:
    settings.STATIC_ROOT = tmp_path / "staticfiles"
    collected = settings.STATIC_ROOT / HASHED
    collected.parent.mkdir(parents=True)
    collected.write_text("@page { size: 100mm 50mm }")

    pdf = render_pdf(f'<link rel="stylesheet" href="/static/{HASHED}"><p>Rapport</p>')

    assert page_width_mm(pdf) == 100


def test_files_beside_the_collected_folder_stay_out(settings: Settings, tmp_path: Path) -> None:
    settings.STATIC_ROOT = tmp_path / "staticfiles"
    settings.STATIC_ROOT.mkdir()
    (tmp_path / "secret.css").write_text("@page { size: 100mm 50mm }")

    pdf = render_pdf('<link rel="stylesheet" href="/static/../secret.css"><p>Rapport</p>')

    assert page_width_mm(pdf) != 100
