"""Rules that live in one place, the service, so that no page or POST gets around them:
the final measurement opens only in its window, a plan action is not done in the future."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from companies import services
from companies.models import Enrolment, NeedsAnalysis, PlanAction
from companies.selectors import FINAL_MEASUREMENT_WINDOW, final_measurement_opens
from tests.conftest import client_for
from tests.factories import EnrolmentFactory, NeedsAnalysisFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
Kind = NeedsAnalysis.Kind


def running(contact: User, *, days_left: int) -> Enrolment:
    """An active trajectory with a submitted baseline, ending ``days_left`` from today."""
    end = TODAY + datetime.timedelta(days=days_left)
    enrolment = EnrolmentFactory.create(
        company=contact.contact.company,
        status=Enrolment.Status.ACTIVE,
        start_date=end - datetime.timedelta(days=304),
        end_date=end,
    )
    NeedsAnalysisFactory.create(
        enrolment=enrolment,
        status=NeedsAnalysis.Status.SUBMITTED,
        submitted_at=timezone.now(),
        answers={"strategy.budget": 3},
    )
    return enrolment


# --- The final measurement ---------------------------------------------------------------


@pytest.mark.usefixtures("english")
def test_the_final_measurement_does_not_open_before_its_window(contact: User) -> None:
    window = FINAL_MEASUREMENT_WINDOW.days
    early = running(contact, days_left=window + 1)

    with pytest.raises(ValidationError, match="The final measurement opens on"):
        services.analysis_start(enrolment=early, kind=Kind.FINAL)

    assert not NeedsAnalysis.objects.filter(kind=Kind.FINAL).exists()


def test_the_final_measurement_opens_on_the_first_day_of_its_window(contact: User) -> None:
    due = running(contact, days_left=FINAL_MEASUREMENT_WINDOW.days)

    final = services.analysis_start(enrolment=due, kind=Kind.FINAL)

    assert final.answers == {"strategy.budget": 3}


def test_a_post_cannot_open_the_final_measurement_early(contact: User) -> None:
    early = running(contact, days_left=200)
    client = client_for(contact)
    assert "Start de eindmeting" not in client.get(reverse("company_dashboard")).text

    response = client.post(reverse("analysis_start", args=[early.public_id, Kind.FINAL]))

    assert response.status_code == 200
    opens = final_measurement_opens(early)
    assert opens is not None
    assert f"De eindmeting gaat open op {opens.day} " in response.text
    assert not NeedsAnalysis.objects.filter(kind=Kind.FINAL).exists()


@pytest.mark.parametrize("past_the_edge", [0, 1])
def test_the_dashboard_offers_the_final_measurement_when_the_service_opens_it(
    contact: User, past_the_edge: int
) -> None:
    """One window for both: the page's offer and the service's answer agree at the edge."""
    enrolment = running(contact, days_left=FINAL_MEASUREMENT_WINDOW.days + past_the_edge)
    offered = "Start de eindmeting" in client_for(contact).get(reverse("company_dashboard")).text
    try:
        services.analysis_start(enrolment=enrolment, kind=Kind.FINAL)
    except ValidationError:
        opened = False
    else:
        opened = True

    assert offered == opened


# --- Plan actions ------------------------------------------------------------------------


ACTION = {
    "title": "Leermeesters opleiden",
    "kind": PlanAction.Kind.INFORMAL,
    "target_group": PlanAction.TargetGroup.MBO_STAFF,
    "status": PlanAction.Status.DONE,
}


@pytest.mark.usefixtures("english")
def test_a_plan_action_is_not_done_on_a_day_to_come(contact: User) -> None:
    enrolment = running(contact, days_left=100)
    tomorrow = TODAY + datetime.timedelta(days=1)

    with pytest.raises(ValidationError) as error:
        services.plan_action_save(enrolment=enrolment, fields={**ACTION, "done_date": tomorrow})

    assert error.value.message_dict == {
        "done_date": ["An action cannot be done on a day still to come."]
    }
    action = services.plan_action_save(enrolment=enrolment, fields={**ACTION, "done_date": TODAY})
    assert action.done_date == TODAY


def test_the_plan_form_shows_a_future_done_date_on_its_field(contact: User) -> None:
    enrolment = running(contact, days_left=100)
    data = {
        "title": "Leermeesters opleiden",
        "kind": "informal",
        "target_group": "mbo_staff",
        "status": "done",
        "done_date": (TODAY + datetime.timedelta(days=3)).isoformat(),
    }

    response = client_for(contact).post(reverse("plan_detail", args=[enrolment.public_id]), data)

    assert response.status_code == 200
    assert response.context["form"].errors["done_date"] == [
        "Een actie kan niet klaar zijn op een dag die nog moet komen."
    ]
    assert not PlanAction.objects.exists()
