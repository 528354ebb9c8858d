"""Staff move enrolments in the admin through the same services as everywhere else."""

import pytest
from django.contrib import messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from accounts.models import User
from companies.models import Enrolment
from tests.conftest import client_for
from tests.factories import EditionFactory, EnrolmentFactory

Status = Enrolment.Status
CHANGELIST = reverse("admin:companies_enrolment_changelist")


def run_action(staff: User, action: str, *enrolments: Enrolment, **extra: str) -> object:
    data = {"action": action, ACTION_CHECKBOX_NAME: [e.pk for e in enrolments], **extra}
    return client_for(staff).post(CHANGELIST, data, follow=True)


def test_accept_action_fills_places_then_waitlists(staff: User) -> None:
    edition = EditionFactory.create(places=1)
    first, second = EnrolmentFactory.create_batch(2, edition=edition)

    run_action(staff, "accept", first, second)

    statuses = set(Enrolment.objects.values_list("status", flat=True))
    assert statuses == {Status.ACCEPTED, Status.WAITLISTED}


def test_refused_transition_is_reported_not_forced(staff: User) -> None:
    draft = EnrolmentFactory.create(status=Status.DRAFT)

    response = run_action(staff, "reject", draft)

    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
    errors = [m for m in response.context["messages"] if m.level == messages.ERROR]  # type: ignore[attr-defined]
    assert len(errors) == 1
    assert str(draft) in errors[0].message


def test_assign_coach_asks_for_the_coach_then_assigns(staff: User, coach: User) -> None:
    enrolment = EnrolmentFactory.create(status=Status.ACCEPTED)

    page = run_action(staff, "assign_coach", enrolment)
    assert b'name="coach"' in page.content  # type: ignore[attr-defined]
    run_action(staff, "assign_coach", enrolment, apply="1", coach=str(coach.pk))

    enrolment.refresh_from_db()
    assert enrolment.lead_coach == coach


def test_edition_list_shows_places_left(staff: User) -> None:
    edition = EditionFactory.create(places=5)
    EnrolmentFactory.create_batch(2, edition=edition, status=Status.ACCEPTED)
    EnrolmentFactory.create(edition=edition, status=Status.WAITLISTED)

    response = client_for(staff).get(reverse("admin:companies_edition_changelist"))

    assert b'<td class="field-places_left">3</td>' in response.content


@pytest.mark.parametrize(
    "query", ["", "?status__exact=submitted", "?company__region__id__exact=1", "?q=bakkerij"]
)
def test_enrolment_list_filters_answer_in_few_queries(
    staff: User, query: str, django_assert_max_num_queries: object
) -> None:
    EnrolmentFactory.create_batch(5)
    client = client_for(staff)

    with django_assert_max_num_queries(15):  # type: ignore[operator]
        response = client.get(CHANGELIST + query)

    assert response.status_code == 200


def test_start_action_asks_for_the_date_and_starts(staff: User, coach: User) -> None:
    enrolment = EnrolmentFactory.create(status=Status.ACCEPTED, lead_coach=coach)

    page = run_action(staff, "activate", enrolment)
    assert b'name="start_date"' in page.content  # type: ignore[attr-defined]
    run_action(staff, "activate", enrolment, apply="1", start_date="2026-09-01")

    enrolment.refresh_from_db()
    assert enrolment.status == Status.ACTIVE
    assert str(enrolment.end_date) == "2027-07-01"


def test_complete_and_withdraw_actions_use_the_lifecycle(staff: User) -> None:
    active = EnrolmentFactory.create(status=Status.ACTIVE)
    draft = EnrolmentFactory.create(status=Status.DRAFT)

    run_action(staff, "complete", active, draft)
    run_action(staff, "withdraw", draft)

    active.refresh_from_db()
    draft.refresh_from_db()
    assert (active.status, draft.status) == (Status.COMPLETED, Status.WITHDRAWN)
