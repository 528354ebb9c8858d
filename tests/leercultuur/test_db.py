"""The database helpers: days between two dates, and many counts in one query."""

import datetime

import pytest
from django.db import connection
from django.db.models import Value
from django.test.utils import CaptureQueriesContext

from companies.models import Company, Enrolment
from leercultuur.db import DaysBetween, count_all
from reports.queues import Filters, enrolments_awaiting_decision, off_pace
from tests.factories import EnrolmentFactory

pytestmark = pytest.mark.django_db


def test_count_all_gives_each_count_in_one_query() -> None:
    EnrolmentFactory.create(company__legal_name="O'Brien & Zn. B.V.", status="submitted")
    EnrolmentFactory.create(company__legal_name="Bakkerij", status="submitted")
    EnrolmentFactory.create(status="active")
    querysets = [
        enrolments_awaiting_decision(),
        enrolments_awaiting_decision(Filters(company="o'brien")),  # a quote, as a parameter
        Enrolment.objects.filter(status="active"),
        off_pace(),  # annotated, with dates as parameters
        Company.objects.none(),
    ]
    expected = [queryset.count() for queryset in querysets[:-1]] + [0]

    with CaptureQueriesContext(connection) as captured:
        counts = count_all(querysets)

    assert counts == expected == [2, 1, 1, 0, 0]
    assert len(captured) == 1
    assert count_all([]) == []


@pytest.mark.parametrize(("later", "earlier", "days"), [(31, 1, 30), (1, 31, -30), (5, 5, 0)])
def test_days_between(later: int, earlier: int, days: int) -> None:
    enrolment = EnrolmentFactory.create()
    first = datetime.date(2026, 1, earlier)
    value = (
        Enrolment.objects.filter(pk=enrolment.pk)
        .annotate(days=DaysBetween(Value(datetime.date(2026, 1, later)), Value(first)))
        .get()
        .days
    )
    assert value == days
