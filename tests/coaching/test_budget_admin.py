"""The budget in the admin: adjustments and an edition's budget change only through the
services, and a refusal is a clear message, never an error page or a half-saved change."""

import datetime

import pytest
from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from coaching.models import BudgetAdjustment
from companies.models import Edition, Enrolment
from tests.conftest import client_for
from tests.factories import CoachingSessionFactory, EditionFactory, EnrolmentFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
CHANGELIST = "admin:coaching_budgetadjustment_changelist"


def running(coach: User, edition: Edition, used: int) -> Enrolment:
    enrolment = EnrolmentFactory.create(
        edition=edition,
        status=Enrolment.Status.ACTIVE,
        start_date=TODAY - datetime.timedelta(days=60),
        end_date=TODAY + datetime.timedelta(days=240),
        lead_coach=coach,
    )
    if used:
        CoachingSessionFactory.create(enrolment=enrolment, minutes=used)
    return enrolment


def approved(enrolment: Enrolment, minutes: int) -> BudgetAdjustment:
    return BudgetAdjustment.objects.create(
        enrolment=enrolment, minutes=minutes, reason="Extra teamsessie", approved_at=timezone.now()
    )


def shown(client: Client, response: object) -> list[str]:
    """The messages the admin shows on the page it redirects to."""
    assert response.status_code == 302  # type: ignore[attr-defined]
    page = client.get(response["Location"])  # type: ignore[index]
    assert page.status_code == 200
    return [str(message) for message in page.context["messages"]]


@pytest.fixture
def over(coach: User) -> BudgetAdjustment:
    """An approved adjustment the enrolment cannot do without: 3 h used of 1 + 2 h."""
    enrolment = running(coach, EditionFactory.create(coach_budget_minutes=60), used=180)
    return approved(enrolment, 120)


# --- Adjustments -------------------------------------------------------------------------


def test_deleting_an_adjustment_that_is_needed_is_refused_with_a_message(
    staff: User, over: BudgetAdjustment
) -> None:
    client = client_for(staff)
    url = reverse("admin:coaching_budgetadjustment_delete", args=[over.pk])
    assert client.get(url).status_code == 200  # the confirmation page

    response = client.post(url, {"post": "yes"})

    assert response["Location"] == reverse("admin:coaching_budgetadjustment_change", args=[over.pk])
    (message,) = shown(client, response)
    assert message.startswith("Er is niets gewijzigd: Het budget kan niet kleiner worden")
    assert "3 uur gebruikt, het budget zou 1 uur worden" in message
    assert BudgetAdjustment.objects.filter(pk=over.pk).exists()


def test_deleting_an_adjustment_that_is_not_needed_goes_through(staff: User, coach: User) -> None:
    spare = approved(running(coach, EditionFactory.create(coach_budget_minutes=600), 60), 60)

    response = client_for(staff).post(
        reverse("admin:coaching_budgetadjustment_delete", args=[spare.pk]), {"post": "yes"}
    )

    assert response.status_code == 302
    assert not BudgetAdjustment.objects.exists()


def test_bulk_delete_goes_through_the_service_row_by_row(
    staff: User, coach: User, over: BudgetAdjustment
) -> None:
    spare = approved(running(coach, EditionFactory.create(coach_budget_minutes=600), 60), 60)
    client = client_for(staff)
    changelist = client.get(reverse(CHANGELIST))
    offered = [name for name, _label in changelist.context["action_form"].fields["action"].choices]
    assert "delete_selected" not in offered  # Django's own would skip the service
    assert "delete_through_service" in offered

    data = {"action": "delete_through_service", ACTION_CHECKBOX_NAME: [over.pk, spare.pk]}
    page = client.post(reverse(CHANGELIST), data)
    assert "Ja, doorgaan" in page.content.decode()  # asks first, deletes nothing yet
    assert BudgetAdjustment.objects.count() == 2
    response = client.post(reverse(CHANGELIST), {**data, "apply": "1"})

    messages = shown(client, response)
    assert any("kan niet kleiner worden" in m and str(over) in m for m in messages), messages
    assert "1 aanpassing verwijderd." in messages
    assert list(BudgetAdjustment.objects.all()) == [over]


def test_lowering_an_approved_adjustment_too_far_is_refused_and_saves_nothing(
    staff: User, over: BudgetAdjustment
) -> None:
    client = client_for(staff)
    url = reverse("admin:coaching_budgetadjustment_change", args=[over.pk])
    form = client.get(url).context["adminform"].form
    assert set(form.fields) == {"minutes", "reason"}  # the enrolment stays as it was

    response = client.post(url, {"minutes": 60, "reason": "Minder nodig"})

    (message,) = shown(client, response)
    assert "kan niet kleiner worden" in message
    over.refresh_from_db()
    assert (over.minutes, over.reason) == (120, "Extra teamsessie")


def test_raising_an_approved_adjustment_is_saved(staff: User, over: BudgetAdjustment) -> None:
    response = client_for(staff).post(
        reverse("admin:coaching_budgetadjustment_change", args=[over.pk]),
        {"minutes": 180, "reason": "Nog een workshop"},
    )

    assert response.status_code == 302
    over.refresh_from_db()
    assert (over.minutes, over.reason) == (180, "Nog een workshop")


def test_staff_add_an_adjustment_that_waits_for_approval(staff: User, coach: User) -> None:
    enrolment = running(coach, EditionFactory.create(), used=0)

    client_for(staff).post(
        reverse("admin:coaching_budgetadjustment_add"),
        {"enrolment": enrolment.pk, "minutes": -60, "reason": "Minder nodig"},
    )

    adjustment = BudgetAdjustment.objects.get()
    assert (adjustment.minutes, adjustment.requested_by, adjustment.approved_at) == (
        -60,
        staff,
        None,
    )


# --- An edition's budget -----------------------------------------------------------------


def test_an_editions_budget_is_read_only_once_it_has_enrolments(staff: User, coach: User) -> None:
    empty, taken = EditionFactory.create(), EditionFactory.create(coach_budget_minutes=600)
    running(coach, taken, used=0)
    client = client_for(staff)

    def fields_of(edition: Edition) -> set[str]:
        url = reverse("admin:companies_edition_change", args=[edition.pk])
        return set(client.get(url).context["adminform"].form.fields)

    assert "coach_budget_minutes" in fields_of(empty)
    assert "coach_budget_minutes" not in fields_of(taken)


def test_saving_an_edition_never_writes_back_a_budget_read_before_the_action_changed_it(
    staff: User, coach: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The form saves what it shows; the budget it read may be old by then."""
    edition = EditionFactory.create(coach_budget_minutes=600)
    running(coach, edition, used=0)
    url = reverse("admin:companies_edition_change", args=[edition.pk])
    client = client_for(staff)
    initial = client.get(url).context["adminform"].form.initial
    posted = {name: value for name, value in initial.items() if value is not None}
    model_admin = admin.site.get_model_admin(Edition)
    read = model_admin.get_object

    def read_then_changed_by_the_action(*args: object, **kwargs: object) -> object:
        obj = read(*args, **kwargs)  # type: ignore[arg-type]
        Edition.objects.filter(pk=edition.pk).update(coach_budget_minutes=720)
        return obj

    monkeypatch.setattr(model_admin, "get_object", read_then_changed_by_the_action)
    response = client.post(url, {**posted, "name": "Editie Vallei", "coach_budget_minutes": 60})

    assert response.status_code == 302
    edition.refresh_from_db()
    assert (edition.name, edition.coach_budget_minutes) == ("Editie Vallei", 720)


def change_budget(client: Client, edition: Edition, minutes: int) -> object:
    return client.post(
        reverse("admin:companies_edition_changelist"),
        {
            "action": "change_coach_budget",
            ACTION_CHECKBOX_NAME: [edition.pk],
            "apply": "1",
            "minutes": minutes,
        },
    )


def test_the_action_asks_for_the_new_budget_first(staff: User) -> None:
    edition = EditionFactory.create()

    response = client_for(staff).post(
        reverse("admin:companies_edition_changelist"),
        {"action": "change_coach_budget", ACTION_CHECKBOX_NAME: [edition.pk]},
    )

    assert response.status_code == 200
    assert 'name="minutes"' in response.text
    assert str(edition) in response.text


def test_the_action_changes_the_budget_through_the_service(staff: User, coach: User) -> None:
    edition = EditionFactory.create(coach_budget_minutes=600)
    running(coach, edition, used=300)
    client = client_for(staff)

    refused = shown(client, change_budget(client, edition, 240))
    edition.refresh_from_db()
    assert edition.coach_budget_minutes == 600
    assert any("kan niet kleiner worden" in m for m in refused), refused

    done = shown(client, change_budget(client, edition, 300))
    edition.refresh_from_db()
    assert edition.coach_budget_minutes == 300
    assert f"{edition}: het coachbudget is nu 5 uur per inschrijving." in done
