"""The public results: only figures resting on at least five companies, made by the task
and read by the page."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import User
from companies.models import Edition, Enrolment
from tests.factories import EditionFactory, EnrolmentFactory
from tests.reports.conftest import measured
from website.results import MIN_COMPANIES, results, results_refresh
from website.tasks import refresh_results

pytestmark = pytest.mark.django_db


def companies(edition: Edition, count: int, *, minutes: int = 600) -> list[Enrolment]:
    made = [
        EnrolmentFactory.create(edition=edition, status=Enrolment.Status.ACTIVE)
        for _ in range(count)
    ]
    Enrolment.objects.filter(pk__in=[e.pk for e in made]).update(minutes_used=minutes)
    return made


def test_an_edition_with_fewer_than_five_companies_shows_nothing() -> None:
    small, large = EditionFactory.create(name="Klein"), EditionFactory.create(name="Groot")
    companies(small, MIN_COMPANIES - 1)
    companies(large, MIN_COMPANIES, minutes=120 * 60)

    made = results_refresh()

    by_name = {figures.edition: figures for figures in made.editions}
    assert not by_name["Klein"].shown
    assert by_name["Klein"].people is None
    assert by_name["Klein"].coach_hours is None
    assert by_name["Groot"].companies == MIN_COMPANIES
    assert by_name["Groot"].coach_hours == MIN_COMPANIES * 120
    assert made.overall.companies == 2 * MIN_COMPANIES - 1  # both together rest on nine


def test_the_change_per_dimension_needs_five_companies_measured_twice(coach: User) -> None:
    edition = EditionFactory.create()
    enrolments = companies(edition, MIN_COMPANIES + 1)
    for enrolment in enrolments[: MIN_COMPANIES - 1]:
        measured(enrolment, coach, baseline=2, final=4)
    assert results_refresh().overall.changes == []

    measured(enrolments[-1], coach, baseline=3, final=3)
    changes = results_refresh().overall.changes

    assert changes
    assert {change.companies for change in changes} == {MIN_COMPANIES}
    # Four companies rose two points, one stayed: a mean change of 1.6.
    assert {str(change.change) for change in changes} == {"1.60"}


def test_the_page_reads_what_the_task_made() -> None:
    page = Client().get(reverse("public_results"))
    assert page.status_code == 200
    assert results() is None
    assert "worden berekend" in page.content.decode()

    edition = EditionFactory.create(name="Editie Veluwe")
    companies(edition, MIN_COMPANIES, minutes=90 * 60)
    assert refresh_results.delay().get() == 1

    html = Client().get(reverse("public_results")).content.decode()
    assert "Editie Veluwe" in html
    assert str(MIN_COMPANIES * 90) in html
    assert "public" in Client().get(reverse("public_results"))["Cache-Control"]
