"""Arbitrary text and numbers on the first enrolment page: never a 500, nothing half-saved.

Each example replaces some fields of a valid page with anything Hypothesis thinks of and
posts it through the real view. Either the page is valid after all (a company and a draft
enrolment exist, and the user goes on to page 2), or the page comes back with a message
on a field that was changed, and nothing is saved. Every example runs in a savepoint that
is rolled back, so the next one starts from the same database.
"""

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accounts.models import User
from companies.forms import CompanyForm
from companies.models import Company, Contact, Edition, Enrolment, Region, Sector
from tests.conftest import client_for
from tests.factories import EditionFactory

pytestmark = pytest.mark.django_db

FIELDS = ["edition", "full_name", "position", "phone", *CompanyForm.Meta.fields]

# What a person, a script or a broken browser may post in a field.
ANYTHING = st.one_of(
    st.text(max_size=60),
    st.builds(lambda char, n: char * n, st.characters(), st.integers(201, 10_000)),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.sampled_from(
        [
            "",
            "   ",
            "0",
            "-1",
            "249",
            "250",
            "1e9",
            "٣",
            "１２３４５６７８",
            "12 34 56 78",
            "6811 AA",
            "\x00",
            "NaN",
            "9" * 5000,
            "<script>alert(1)</script>",
        ]
    ),
)


def valid_page(edition: Edition) -> dict[str, str]:
    return {
        "edition": str(edition.pk),
        "full_name": "Gerrit Timmer",
        "position": "Directeur",
        "phone": "0341 123 456",
        "legal_name": "Timmerfabriek Veluwe B.V.",
        "trade_name": "",
        "kvk_number": "87654321",
        "street_address": "Houtweg 3",
        "postcode": "3851 AB",
        "city": "Ermelo",
        "region": str(Region.objects.get(name="Noord-Veluwe").pk),
        "sector": str(Sector.objects.get(code="F").pk),
        "employees": "30",
        "mbo_employees": "12",
        "has_hr_department": "",
    }


@pytest.fixture
def signed_in(plain_user: User) -> Client:
    return client_for(plain_user)


@pytest.fixture
def edition(db: None) -> Edition:
    return EditionFactory.create()


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(changes=st.dictionaries(st.sampled_from(FIELDS), ANYTHING, min_size=1, max_size=4))
def test_first_page_survives_anything(
    signed_in: Client, plain_user: User, edition: Edition, changes: dict[str, str]
) -> None:
    data = valid_page(edition) | changes
    companies = Company.objects.count()
    with transaction.atomic():
        response = signed_in.post(reverse("enrolment_start"), data)

        assert response.status_code in {200, 302}, response.status_code
        if response.status_code == 302:  # valid after all: page 1 is saved as a whole
            enrolment = Enrolment.objects.get(company__contacts__user=plain_user)
            assert response["Location"] == reverse("enrolment_billing", args=[enrolment.public_id])
            assert Company.objects.count() == companies + 1
        else:
            errors = response.context["form"].errors
            # A changed total can make the unchanged mbo number the wrong one.
            wrong = set(changes) | ({"mbo_employees"} if "employees" in changes else set())
            assert errors, "the page came back without saying why"
            assert set(errors) <= wrong, f"errors on {set(errors)} for changes to {set(changes)}"
            html = response.content.decode()
            for field in errors:
                assert f'id="id_{field}_error"' in html, f"no message shown at {field}"
            assert Company.objects.count() == companies
            assert not Contact.objects.filter(user=plain_user).exists()
        transaction.set_rollback(True)
