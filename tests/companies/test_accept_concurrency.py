"""Two staff members accept the last place at the same instant: one wins, one waits."""

from functools import partial

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from accounts.models import User
from companies import services
from companies.models import Enrolment
from tests.concurrency import race
from tests.factories import EditionFactory, EnrolmentFactory, StaffFactory


@pytest.mark.django_db(transaction=True)
def test_last_place_goes_to_exactly_one_enrolment() -> None:
    assert connection.vendor == "postgresql", "row locks are what this test proves"
    edition = EditionFactory.create(places=3)
    EnrolmentFactory.create_batch(2, edition=edition, status=Enrolment.Status.ACCEPTED)
    contenders = EnrolmentFactory.create_batch(2, edition=edition)
    deciders: list[User] = StaffFactory.create_batch(2)

    results = race(
        [
            partial(services.enrolment_accept, enrolment=enrolment, by=staff)
            for enrolment, staff in zip(contenders, deciders, strict=True)
        ]
    )

    assert not [r for r in results if isinstance(r, BaseException)], results
    statuses = sorted(
        Enrolment.objects.filter(pk__in=[e.pk for e in contenders]).values_list("status", flat=True)
    )
    assert statuses == [Enrolment.Status.ACCEPTED, Enrolment.Status.WAITLISTED]
    assert services.places_taken(edition) == 3


@pytest.mark.django_db(transaction=True)
def test_same_company_registered_twice_at_once_gives_one_company_and_a_message() -> None:
    from companies.models import Company, Region, Sector
    from tests.factories import UserFactory

    edition = EditionFactory.create()
    region, _ = Region.objects.get_or_create(name="Achterhoek")
    sector, _ = Sector.objects.get_or_create(code="F", defaults={"name": "Bouwnijverheid"})
    details = services.CompanyDetails(
        legal_name="Bouwbedrijf Ter Haar",
        trade_name="",
        kvk_number="87654321",
        street_address="Dijk 4",
        postcode="7101 AA",
        city="Winterswijk",
        region=region,
        sector=sector,
        employees=12,
        mbo_employees=9,
        has_hr_department=False,
    )
    people = UserFactory.create_batch(2)

    results = race(
        [
            partial(services.enrolment_start, user=user, edition=edition, details=details)
            for user in people
        ]
    )

    outcomes = [
        f"refused: {sorted(r.message_dict)}" if isinstance(r, ValidationError) else repr(r)
        for r in results
    ]
    enrolled = [r for r in results if isinstance(r, Enrolment)]
    assert len(enrolled) == 1, outcomes
    assert "refused: ['kvk_number']" in outcomes
    assert Company.objects.filter(kvk_number="87654321").count() == 1
