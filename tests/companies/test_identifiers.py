"""KvK and VAT numbers: one check each, shared by the models, the forms and the services;
the examples the forms give are themselves valid."""

import re

import pytest
from django.core.exceptions import ValidationError
from stdnum.nl import btw

from companies.forms import BillingForm, CompanyForm
from companies.models import KVK_VALIDATOR
from tests.companies.test_views_enrolment import company_data
from tests.factories import CompanyFactory

pytestmark = pytest.mark.django_db

PLAUSIBLE = ["09123456", "40117042", "65432109", "10000001", "87654321"]
OBVIOUSLY_WRONG = ["00000000", "11111111", "99999999", "00123456", "00999999"]


def test_an_obviously_invalid_kvk_number_is_refused_a_plausible_one_taken() -> None:
    for number in [*OBVIOUSLY_WRONG, "1234567", "123456789", "1234567a"]:
        with pytest.raises(ValidationError):
            KVK_VALIDATOR(number)
    for number in PLAUSIBLE:
        KVK_VALIDATOR(number)


@pytest.mark.parametrize("typed", ["0000 0000", "00.12.34.56", "7777 7777"])
def test_the_company_form_refuses_it_with_a_message(typed: str) -> None:
    form = CompanyForm(data=company_data(kvk_number=typed))

    assert not form.is_valid()
    assert form.errors["kvk_number"] == [
        "Dit KvK-nummer kan niet kloppen. Controleer de 8 cijfers op het uittreksel van de "
        "Kamer van Koophandel."
    ]


def test_the_model_refuses_it_too_and_a_vat_number_with_wrong_check_digits() -> None:
    company = CompanyFactory.create()
    company.full_clean()  # the factory's numbers pass

    company.kvk_number, company.vat_number = "00000000", "NL123456789B01"
    with pytest.raises(ValidationError) as refused:
        company.full_clean()
    assert set(refused.value.message_dict) == {"kvk_number", "vat_number"}

    # What the billing form makes of a number as typed is what the model takes.
    form = BillingForm(data={"vat_number": "nl 0000.99.998 b57"})
    form.is_valid()
    company.kvk_number, company.vat_number = "09123456", form.cleaned_data["vat_number"]
    company.full_clean()
    assert company.vat_number == "NL000099998B57"


def test_the_vat_examples_of_the_billing_form_are_valid_numbers() -> None:
    form = BillingForm(data={"vat_number": "NL123456789B01"})
    form.is_valid()
    texts = [str(form.fields["vat_number"].help_text), *form.errors["vat_number"]]

    examples = [found for text in texts for found in re.findall(r"NL[0-9]{9}B[0-9]{2}", text)]

    assert len(examples) == 2
    assert all(btw.is_valid(example) for example in examples), examples
