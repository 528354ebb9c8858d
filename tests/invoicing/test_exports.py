"""The bookkeeping export defuses hostile text and follows the interface language."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import User
from invoicing.models import Invoice
from tests.conftest import client_for
from tests.factories import EditionFactory, IssuedInvoiceFactory
from tests.spreadsheets import (
    DUTCH,
    HOSTILE,
    LANGUAGES,
    Language,
    assert_csv_defused,
    read_csv,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def hostile(db: None) -> list[Invoice]:
    """An issued invoice per hostile text, in the buyer's name, the description and the
    reference, written straight to the database as an old row may hold them."""
    edition = EditionFactory.create(name="+Editie")
    return [
        IssuedInvoiceFactory.create(
            enrolment__edition=edition, buyer_legal_name=text, description=text, po_reference=text
        )
        for text in HOSTILE
    ]


@pytest.mark.parametrize("language", LANGUAGES, ids=lambda language: language.code)
def test_the_bookkeeping_export_defuses_hostile_text_in_the_local_form(
    staff: User, hostile: list[Invoice], language: Language
) -> None:
    with translation.override(language.code):
        changelist = reverse("admin:invoicing_invoice_changelist")
    response = client_for(staff).post(
        changelist, {"action": "export_csv", ACTION_CHECKBOX_NAME: [i.pk for i in hostile]}
    )

    header, *rows = read_csv(response, language)
    dutch = language is DUTCH
    assert header[0] == ("Nummer" if dutch else "Number")
    assert len(rows) == len(HOSTILE)
    assert_csv_defused(rows)
    columns = [dict(zip(header, row, strict=True)) for row in rows]
    total = "Totaal incl. btw" if dutch else "Total incl. VAT"
    issued = "Factuurdatum" if dutch else "Invoice date"
    assert {row[total] for row in columns} == {language.number("2420.00")}
    assert {row[issued] for row in columns} == {language.date(TODAY)}
    assert {row["Editie" if dutch else "Edition"] for row in columns} == {"'+Editie"}
