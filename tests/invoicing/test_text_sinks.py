"""The nastiest text that passes validation, through every place an invoice's text goes:
the e-invoice (it must parse), the PDF and the mail header."""

import io
import subprocess
from email import message_from_bytes, policy
from typing import Any

import pypdf
import pytest
from django.core import mail

from companies.models import Company, Enrolment
from invoicing.models import Invoice
from invoicing.tasks import render_invoice_pdf
from invoicing.ubl import NS
from leercultuur.outbox.services import mail_queue
from leercultuur.text import validate_single_line
from tests.invoicing.test_documents import parse

pytestmark = pytest.mark.django_db

# One line, no control character: valid. Markup, an XML end marker, quotes, an encoded-word
# look-alike, a formula, emoji, right-to-left scripts, a combining accent, a zero-width space.
NASTY = (
    '=HYPERLINK("x")<b>&amp;</b>]]> "Jan\'s" =?utf-8?q?Bcc:_x@y?= 🥐 שלום مرحبا Cafe\u0301\u200b'
)


@pytest.fixture
def nasty_enrolment(enrolment: Enrolment) -> Enrolment:
    validate_single_line(NASTY)
    name = (NASTY + " B.V. " + "x" * 200)[:200]  # as long as the field allows
    Company.objects.filter(pk=enrolment.company_id).update(
        legal_name=name, street_address=NASTY[:200], city="’s-Hertogenbosch <&>"
    )
    enrolment.company.refresh_from_db()
    return enrolment


def issue_and_render(draft: Invoice, issue: Any, capture: Any) -> Invoice:
    invoice = issue(draft)
    with capture(execute=True):
        render_invoice_pdf(invoice.pk)
    invoice.refresh_from_db()
    return invoice


def test_the_e_invoice_parses_and_holds_the_name_as_it_is(
    nasty_enrolment: Enrolment, draft: Invoice, issue: Any, django_capture_on_commit_callbacks: Any
) -> None:
    invoice = issue_and_render(draft, issue, django_capture_on_commit_callbacks)

    root = parse(invoice)
    names = [e.text for e in root.iter(f"{{{NS['cbc']}}}RegistrationName")]
    assert nasty_enrolment.company.legal_name in names
    cities = [e.text for e in root.iter(f"{{{NS['cbc']}}}CityName")]
    assert "’s-Hertogenbosch <&>" in cities


def test_a_control_character_stored_before_validation_does_not_break_the_e_invoice(
    enrolment: Enrolment, draft: Invoice, issue: Any
) -> None:
    Company.objects.filter(pk=enrolment.company_id).update(legal_name="Bakkerij\x01\x1f Jansen")

    invoice = issue(draft)

    root = parse(invoice)
    names = [e.text for e in root.iter(f"{{{NS['cbc']}}}RegistrationName")]
    assert "Bakkerij Jansen" in names


def test_the_pdf_shows_the_name_as_text(
    nasty_enrolment: Enrolment, draft: Invoice, issue: Any, django_capture_on_commit_callbacks: Any
) -> None:
    invoice = issue_and_render(draft, issue, django_capture_on_commit_callbacks)

    with invoice.pdf.open("rb") as stored:
        pdf = stored.read()
    # poppler's pdftotext reads the fallback fonts' text that pypdf garbles.
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    assert '=HYPERLINK("x")<b>&amp;</b>]]>' in text  # shown, not interpreted as markup
    assert "Cafe\u0301" in text  # the combining accent kept
    assert pypdf.PdfReader(io.BytesIO(pdf)).attachments  # the e-invoice is still embedded


def test_the_invoice_mail_keeps_its_headers(
    nasty_enrolment: Enrolment, draft: Invoice, issue: Any, django_capture_on_commit_callbacks: Any
) -> None:
    issue_and_render(draft, issue, django_capture_on_commit_callbacks)

    [message] = mail.outbox
    parsed = message_from_bytes(message.message().as_bytes(), policy=policy.default)
    assert parsed["To"] == "administratie@bakkerij-jansen.nl"
    assert parsed["Bcc"] is None
    assert "\n" not in str(parsed["Subject"])
    assert len(parsed.get_all("Subject") or []) == 1


def test_a_status_mail_names_the_company_in_one_encoded_subject_line(
    nasty_enrolment: Enrolment, django_capture_on_commit_callbacks: Any
) -> None:
    transition = nasty_enrolment.transitions.get()
    with django_capture_on_commit_callbacks(execute=True):
        mail_queue(
            kind="enrolment_status",
            to=["info@example.nl"],
            context={"transition": transition, "enrolment": nasty_enrolment, "named": True},
        )

    [message] = mail.outbox
    wire = message.message().as_bytes()
    assert max(len(line) for line in wire.splitlines()) <= 998  # RFC 5322's line limit
    parsed = message_from_bytes(wire, policy=policy.default)
    assert parsed["Bcc"] is None
    subject = str(parsed["Subject"])
    # A mail program drops the spaces between encoded words (RFC 2047), so compare the
    # words; the encoded-word look-alike stays text.
    expected = f"[Leercultuur MKB] {nasty_enrolment.company.legal_name}: Geaccepteerd"
    assert "".join(subject.split()) == "".join(expected.replace("=?", "= ?").split())
    assert "= ?utf-8?q?Bcc:_x@y?=" in subject
