"""One waiting or running report per kind and subject: asking again gets the waiting one.

From the service, the enrolment's report page and the admin actions; two requests at the
same instant (real threads on PostgreSQL) make one job. The monthly overview is kept apart
from an overview asked for by hand, and a finished or failed job does not stop a new one.
"""

import datetime
from functools import partial
from typing import Any

import pytest
from django.contrib import messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.db import connection
from django.urls import reverse
from pytest_django import DjangoCaptureOnCommitCallbacks
from pytest_django.asserts import assertRedirects

from accounts.models import User
from reports import services
from reports.models import Report
from reports.services import edition_overviews_request, report_request
from tests.concurrency import blind_first_look, race
from tests.conftest import client_for
from tests.reports.conftest import Programme

pytestmark = pytest.mark.django_db
Kind, Status = Report.Kind, Report.Status


@pytest.fixture
def sent(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Any, ...]]:
    """The jobs sent to the worker (not rendered here)."""
    calls: list[tuple[Any, ...]] = []
    monkeypatch.setattr(services, "enqueue", lambda task, *args: calls.append(args))
    return calls


def progress(programme: Programme, by: User | None = None) -> Report:
    return report_request(kind=Kind.PROGRESS, requested_by=by, enrolment=programme.enrolment)


@pytest.mark.usefixtures("sent")
def test_asking_again_while_it_waits_or_runs_returns_the_same_job(
    programme: Programme, contact: User, coach: User
) -> None:
    first = progress(programme, contact)
    again = progress(programme, coach)
    assert (again.pk, again.already_requested, first.already_requested) == (first.pk, True, False)

    Report.objects.filter(pk=first.pk).update(status=Status.RUNNING)
    assert progress(programme, contact).pk == first.pk

    # Another subject or another kind is another job.
    other = report_request(kind=Kind.PROGRESS, requested_by=None, enrolment=programme.other)
    province = report_request(kind=Kind.PROVINCE, requested_by=None, edition=programme.edition)
    overview = report_request(
        kind=Kind.EDITION_OVERVIEW, requested_by=None, edition=programme.edition
    )
    assert len({first.pk, other.pk, province.pk, overview.pk}) == 4
    assert Report.objects.count() == 4


@pytest.mark.usefixtures("sent")
@pytest.mark.parametrize("status", [Status.DONE, Status.FAILED])
def test_a_finished_or_failed_job_does_not_stop_a_new_one(
    programme: Programme, status: str
) -> None:
    first = progress(programme)
    Report.objects.filter(pk=first.pk).update(status=status, sha256="0" * 64)

    again = progress(programme)

    assert again.pk != first.pk
    assert not again.already_requested


def test_the_monthly_overview_is_apart_from_one_asked_for_by_hand(
    programme: Programme,
    sent: list[tuple[Any, ...]],
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        by_hand = report_request(
            kind=Kind.EDITION_OVERVIEW, requested_by=None, edition=programme.edition
        )
        (monthly,) = edition_overviews_request(today=datetime.date(2026, 6, 1))
        again = report_request(
            kind=Kind.EDITION_OVERVIEW, requested_by=None, edition=programme.edition
        )

    assert monthly.pk != by_hand.pk
    assert monthly.parameters["month"] == "2026-05"
    assert again.pk == by_hand.pk
    assert edition_overviews_request(today=datetime.date(2026, 6, 1)) == []
    assert len(sent) == 2, "each job sent to the worker once"


@pytest.mark.usefixtures("sent")
def test_the_page_asked_again_lands_on_the_waiting_job(
    programme: Programme, contact: User, coach: User
) -> None:
    url = reverse("enrolment_reports", args=[programme.enrolment.public_id])
    client_for(contact).post(url)
    report = Report.objects.get()

    response = client_for(coach).post(url, follow=True)

    assert Report.objects.count() == 1
    assertRedirects(response, reverse("report_detail", args=[report.public_id]))
    page = response.content.decode()
    assert "was al aangevraagd" in page
    assert "u krijgt ook een e-mail" not in page, "the mail goes to who asked first"
    own = client_for(contact).get(reverse("report_detail", args=[report.public_id]))
    assert "u krijgt ook een e-mail" in own.content.decode()


@pytest.mark.usefixtures("sent")
def test_the_admin_action_asked_twice_makes_one_report_and_links_to_it(
    programme: Programme, staff: User
) -> None:
    client = client_for(staff)
    action = {"action": "request_province_report", ACTION_CHECKBOX_NAME: [programme.edition.pk]}
    changelist = reverse("admin:companies_edition_changelist")
    client.post(changelist, action)

    response = client.post(changelist, action, follow=True)

    report = Report.objects.get()
    warnings = [m for m in response.context["messages"] if m.level == messages.WARNING]
    assert len(warnings) == 1
    assert reverse("report_detail", args=[report.public_id]) in warnings[0].message
    assert not [m for m in response.context["messages"] if m.level == messages.SUCCESS]


@pytest.mark.django_db(transaction=True)
def test_two_requests_at_the_same_instant_make_one_job(
    programme: Programme,
    contact: User,
    coach: User,
    sent: list[tuple[Any, ...]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Both threads pass the look-up before either inserts: the constraint decides."""
    assert connection.vendor == "postgresql", "the partial unique index is what this proves"
    blind_first_look(monkeypatch, services, "_waiting", None)

    got = race([partial(progress, programme, user) for user in (contact, coach, contact)])

    report = Report.objects.get()
    returned = [r for r in got if isinstance(r, Report)]
    assert len(returned) == 3, got
    assert [r.pk for r in returned] == [report.pk] * 3
    assert sorted(r.already_requested for r in returned) == [False, True, True]
    assert sent == [(report.pk,)], "sent to the worker once"
