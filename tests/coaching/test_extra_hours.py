"""Extra hours, asked and decided: a coach asks, staff approve (the budget grows) or refuse
(nothing changes); the coach and the company hear of it; one decision per request."""

from functools import partial

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse

from accounts.models import User
from coaching.extra_hours import extra_hours_approve, extra_hours_refuse, extra_hours_request
from coaching.models import BudgetAdjustment
from coaching.selectors import budget_minutes
from companies.models import Enrolment
from leercultuur.outbox.models import Mail
from tests.concurrency import race
from tests.conftest import client_for
from tests.factories import (
    CoachFactory,
    CompanyFactory,
    ContactFactory,
    StaffFactory,
    running_enrolment,
    with_totp,
)

REASON = "Het plan loopt goed; de BBL-trajecten vragen nog begeleiding op de werkvloer."


@pytest.fixture
def enrolment(contact: User, coach: User) -> Enrolment:
    return running_enrolment(contact.contact.company, coach)


def asked(enrolment: Enrolment, coach: User, minutes: int = 600) -> BudgetAdjustment:
    return extra_hours_request(enrolment=enrolment, by=coach, minutes=minutes, reason=REASON)


def mailed(kind: str) -> list[str]:
    return sorted(Mail.objects.filter(kind=kind).values_list("to", flat=True))


def test_a_coach_asks_and_staff_hear_of_it(enrolment: Enrolment, coach: User, staff: User) -> None:
    before = budget_minutes(enrolment)

    request = asked(enrolment, coach)

    assert request.is_open
    assert request.requested_by == coach
    assert budget_minutes(enrolment) == before, "asking adds nothing yet"
    assert mailed("extra_hours_requested") == [staff.email]


@pytest.mark.parametrize(
    ("minutes", "reason"),
    [(0, REASON), (10, REASON), (-60, REASON), (121 * 60, REASON), (60, "   ")],
)
def test_a_request_needs_quarter_hours_within_limits_and_a_reason(
    enrolment: Enrolment, coach: User, minutes: int, reason: str
) -> None:
    with pytest.raises(ValidationError):
        extra_hours_request(enrolment=enrolment, by=coach, minutes=minutes, reason=reason)

    assert not BudgetAdjustment.objects.exists()
    assert not Mail.objects.exists()


def test_only_a_coach_of_the_company_asks(
    enrolment: Enrolment, other_coach: User, contact: User, staff: User
) -> None:
    for user in (other_coach, contact, staff):
        with pytest.raises(ValidationError, match="Alleen een coach van dit bedrijf"):
            asked(enrolment, user)
    assert not BudgetAdjustment.objects.exists()


def test_one_open_request_at_a_time(enrolment: Enrolment, coach: User, staff: User) -> None:
    first = asked(enrolment, coach)
    with pytest.raises(ValidationError, match="wacht al een aanvraag"):
        asked(enrolment, coach)

    extra_hours_refuse(request=first, by=staff, reason="Eerst de lopende acties afronden.")
    assert asked(enrolment, coach).is_open, "after a decision a new request may follow"


def test_approval_adds_the_hours_and_tells_coach_and_company(
    enrolment: Enrolment, coach: User, contact: User, staff: User
) -> None:
    before = budget_minutes(enrolment)
    request = asked(enrolment, coach, minutes=600)

    approved = extra_hours_approve(request=request, by=staff)

    assert approved.approved_by == staff
    assert not approved.is_open
    assert budget_minutes(enrolment) == before + 600
    assert mailed("extra_hours_decided") == sorted([coach.email, contact.email])
    body = Mail.objects.get(kind="extra_hours_decided", to=contact.email).body
    assert "10 uur" in body


def test_a_refusal_changes_nothing_but_says_why(
    enrolment: Enrolment, coach: User, contact: User, staff: User
) -> None:
    before = budget_minutes(enrolment)
    request = asked(enrolment, coach)

    refused = extra_hours_refuse(request=request, by=staff, reason="Budget is op.")

    assert refused.refused_by == staff
    assert refused.approved_at is None
    assert budget_minutes(enrolment) == before
    assert "Budget is op." in Mail.objects.get(kind="extra_hours_decided", to=coach.email).body
    with pytest.raises(ValidationError, match="geweigerd"):
        extra_hours_approve(request=refused, by=staff)
    assert budget_minutes(enrolment) == before


def test_only_staff_decide(enrolment: Enrolment, coach: User) -> None:
    request = asked(enrolment, coach)
    for decide in (
        partial(extra_hours_approve, request=request, by=coach),
        partial(extra_hours_refuse, request=request, by=coach, reason=""),
    ):
        with pytest.raises(ValidationError):
            decide()
    request.refresh_from_db()
    assert request.is_open


@pytest.mark.django_db(transaction=True)
def test_two_staff_deciding_at_once_give_one_decision() -> None:
    assert connection.vendor == "postgresql", "row locks are what this test proves"
    coach = with_totp(CoachFactory.create().user)
    enrolment = running_enrolment(CompanyFactory.create(), coach)
    ContactFactory.create(company=enrolment.company)
    before = budget_minutes(enrolment)
    request = asked(enrolment, coach, minutes=300)
    first, second = StaffFactory.create_batch(2)

    results = race(
        [
            partial(extra_hours_approve, request=request, by=first),
            partial(extra_hours_approve, request=request, by=second),
            partial(extra_hours_refuse, request=request, by=second, reason="Nee."),
        ]
    )

    failures = [r for r in results if isinstance(r, BaseException)]
    assert len(failures) == 2, results
    assert all(isinstance(f, ValidationError) for f in failures), failures
    request.refresh_from_db()
    if request.approved_at is not None:
        assert budget_minutes(enrolment) == before + 300
    else:
        assert request.refused_at is not None
        assert budget_minutes(enrolment) == before
    assert Mail.objects.filter(kind="extra_hours_decided").count() == 2  # coach and contact


def test_the_coach_asks_on_a_page_and_staff_decide_from_the_dashboard(
    enrolment: Enrolment, coach: User, staff: User
) -> None:
    url = reverse("extra_hours_ask", args=[enrolment.public_id])
    coach_client = client_for(coach)
    assert coach_client.get(url).status_code == 200
    response = coach_client.post(url, {"hours": "8", "reason": REASON})
    assert response.status_code == 302
    request = BudgetAdjustment.objects.get()
    assert request.minutes == 480

    staff_client = client_for(staff)
    dashboard = staff_client.get(reverse("staff_dashboard")).content.decode()
    decide = reverse("extra_hours_decide", args=[request.public_id])
    assert decide in dashboard
    page = staff_client.get(decide)
    assert page.status_code == 200
    assert REASON in page.content.decode()

    response = staff_client.post(decide, {"refuse": "", "reason": "Eerst evalueren."})
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.refused_at is not None
    assert request.refusal_reason == "Eerst evalueren."
    assert decide not in staff_client.get(reverse("staff_dashboard")).content.decode()
    # Deciding again changes nothing: the page shows the decision.
    staff_client.post(decide, {"approve": ""})
    request.refresh_from_db()
    assert request.approved_at is None


def test_a_bad_request_on_the_page_saves_nothing(enrolment: Enrolment, coach: User) -> None:
    url = reverse("extra_hours_ask", args=[enrolment.public_id])
    response = client_for(coach).post(url, {"hours": "7", "reason": ""})

    assert response.status_code == 200
    assert not BudgetAdjustment.objects.exists()


def test_another_coach_or_company_gets_a_404(
    enrolment: Enrolment, other_coach: User, other_contact: User, contact: User, coach: User
) -> None:
    url = reverse("extra_hours_ask", args=[enrolment.public_id])
    assert client_for(other_coach).get(url).status_code == 404
    decide = reverse("extra_hours_decide", args=[asked(enrolment, coach).public_id])
    for user in (coach, contact, other_contact):
        assert client_for(user).get(decide).status_code == 404
