"""The issuer's VAT number gets a company's check and its IBAN a checksum check, in the
model and in the admin (with clear messages); the factory's and the demo's pass."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from stdnum import iban
from stdnum.nl import btw

from accounts.models import User
from invoicing.models import IssuerDetails
from tests.conftest import client_for

pytestmark = pytest.mark.django_db
VAT_MESSAGE = "Vul een geldig Nederlands btw-nummer in, zoals NL000099998B57."
IBAN_MESSAGE = "Vul een geldig IBAN in, zoals NL91ABNA0417164300."


def test_the_factorys_issuer_passes_the_checks(issuer: IssuerDetails) -> None:
    issuer.full_clean()
    assert btw.is_valid(issuer.vat_number)
    assert iban.is_valid(issuer.iban)


def test_the_model_refuses_what_only_looks_right(issuer: IssuerDetails) -> None:
    refused = [
        ("vat_number", "NL001234567B01"),  # the right shape, the wrong check digits
        ("iban", "NL91ABNA0417164301"),  # the right shape, the wrong checksum
        ("kvk_number", "00000000"),
        ("vat_number", "NL 0000.99.998 B57"),  # valid, but not as stored
        ("vat_number", "000099998B57"),
        ("iban", "NL91 ABNA 0417 1643 00"),
    ]
    for field, value in refused:
        number = IssuerDetails.objects.get()
        setattr(number, field, value)
        with pytest.raises(ValidationError) as error:
            number.full_clean()
        assert list(error.value.message_dict) == [field], value


def admin_form(issuer: IssuerDetails, **changes: str) -> dict[str, str]:
    data = {
        "legal_name": issuer.legal_name,
        "street_address": issuer.street_address,
        "postcode": issuer.postcode,
        "city": issuer.city,
        "kvk_number": issuer.kvk_number,
        "vat_number": issuer.vat_number,
        "iban": issuer.iban,
        "bic": issuer.bic,
        "email": issuer.email,
    }
    return data | changes


def test_the_admin_shows_clear_messages_and_takes_numbers_as_typed(
    issuer: IssuerDetails, staff: User
) -> None:
    client = client_for(staff)
    url = reverse("admin:invoicing_issuerdetails_change", args=[issuer.pk])

    refused = client.post(
        url, admin_form(issuer, vat_number="NL001234567B01", iban="NL91ABNA0417164301")
    )

    assert refused.status_code == 200
    errors = refused.context["adminform"].form.errors
    assert errors == {"vat_number": [VAT_MESSAGE], "iban": [IBAN_MESSAGE]}
    page = refused.content.decode()
    assert VAT_MESSAGE in page
    assert IBAN_MESSAGE in page

    saved = client.post(
        url, admin_form(issuer, vat_number="nl 0000.99.998 b57", iban="nl91 abna 0417 1643 00")
    )

    assert saved.status_code == 302
    issuer.refresh_from_db()
    assert (issuer.vat_number, issuer.iban) == ("NL000099998B57", "NL91ABNA0417164300")
