"""The PDF renderer loads data: URLs and project static files, and nothing else."""

import io
import socket

import pypdf
import pytest

from reports.pdf import Attachment, render_pdf, render_pdf_template

HOSTILE_HTML = """<!DOCTYPE html>
<html><head>
  <link rel="stylesheet" href="file:///etc/passwd">
  <link rel="stylesheet" href="/static/../../../../etc/passwd">
  <link rel="attachment" href="file:///etc/passwd" title="passwd">
  <link rel="attachment" href="http://127.0.0.1:9/secret.txt" title="remote">
</head><body>
  <h1>Voortgangsrapportage</h1>
  <img src="file:///etc/passwd" alt="">
  <img src="http://127.0.0.1:9/" alt="">
  <img src="file:///static/../etc/hostname" alt="">
</body></html>"""


@pytest.fixture
def connections(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Every attempt to open a network connection, refused and recorded."""
    attempts: list[object] = []

    def refuse(self: socket.socket, address: object) -> None:
        attempts.append(address)
        raise OSError("network access from the PDF renderer")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    return attempts


def read(pdf: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(pdf))


def test_hostile_html_renders_without_local_files_or_network(connections: list[object]) -> None:
    pdf = render_pdf(HOSTILE_HTML)

    reader = read(pdf)
    assert "Voortgangsrapportage" in reader.pages[0].extract_text()
    assert dict(reader.attachments) == {}
    assert b"root:" not in pdf
    assert len(reader.pages[0].images) == 0
    assert connections == []


def test_attachments_are_embedded_and_output_is_pdf_a_3b() -> None:
    ubl = b'<?xml version="1.0"?><Invoice xmlns="urn:oasis:names:specification:ubl"/>'
    pdf = render_pdf(
        "<p>Factuur 2026-0001</p>", attachments=(Attachment(name="factuur.xml", content=ubl),)
    )

    reader = read(pdf)
    assert reader.attachments["factuur.xml"] == [ubl]
    metadata = reader.xmp_metadata
    assert metadata is not None
    xmp = metadata.stream.get_data()
    assert b'pdfaid:part="3"' in xmp
    assert b'pdfaid:conformance="B"' in xmp


def test_project_static_files_and_data_urls_load(connections: list[object]) -> None:
    pixel = (
        "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk"
        "+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
    )
    pdf = render_pdf(
        '<link rel="stylesheet" href="/static/css/pdf.css">'
        f'<p>Met logo</p><img src="{pixel}" alt="logo">'
    )

    assert len(read(pdf).pages[0].images) == 1
    assert connections == []


def test_template_renders_through_pdf_base(db: None) -> None:
    from reports.models import Report
    from tests.factories import EditionFactory

    edition = EditionFactory.create(name="Editie Veluwe")
    report = Report(kind=Report.Kind.EDITION_OVERVIEW, edition=edition)
    context = {"report": report, "edition": edition, "networks": [], "trajectories": []}
    pdf = render_pdf_template("pdf/report_edition_overview.html", context)

    text = read(pdf).pages[0].extract_text()
    assert "Leercultuur MKB" in text
    assert "Editie Veluwe" in text
