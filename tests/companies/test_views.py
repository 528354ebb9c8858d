"""Who may open which company page: anonymous, the own user, another company, another coach.

Every view of companies/ (and the coach dashboard) is listed here. A page about one
company's data answers 404 to a contact of another company and to a coach who is not
assigned, for GET and POST alike; pages without an object show only the user's own data.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from accounts.models import User
from companies.models import Enrolment, Invitation, NeedsAnalysis, PlanAction
from tests.conftest import client_for
from tests.factories import (
    EditionFactory,
    EnrolmentFactory,
    InvitationFactory,
    NeedsAnalysisFactory,
    PlanActionFactory,
)

pytestmark = pytest.mark.django_db


@dataclass
class Trajectory:
    """One company's data: an active enrolment with its coach, and a draft in a new edition."""

    enrolment: Enrolment
    draft: Enrolment
    analysis: NeedsAnalysis
    action: PlanAction
    invitation: Invitation


def make_trajectory(contact: User, coach: User, *, invitee: str = "nieuw@example.nl") -> Trajectory:
    company = contact.contact.company
    start = timezone.localdate() - datetime.timedelta(days=30)
    enrolment = EnrolmentFactory.create(
        company=company,
        status=Enrolment.Status.ACTIVE,
        lead_coach=coach,
        start_date=start,
        end_date=start + datetime.timedelta(days=300),
    )
    return Trajectory(
        enrolment=enrolment,
        draft=EnrolmentFactory.create(company=company, status=Enrolment.Status.DRAFT),
        analysis=NeedsAnalysisFactory.create(enrolment=enrolment),
        action=PlanActionFactory.create(plan__enrolment=enrolment),
        invitation=InvitationFactory.create(company=company, email=invitee),
    )


@pytest.fixture
def trajectory(contact: User, coach: User) -> Trajectory:
    return make_trajectory(contact, coach)


Args = Callable[[Trajectory], list[Any]]


def _enrolment(t: Trajectory) -> list[Any]:
    return [t.enrolment.public_id]


def _draft(t: Trajectory) -> list[Any]:
    return [t.draft.public_id]


def _analysis(t: Trajectory) -> list[Any]:
    return [t.analysis.public_id]


def _action(t: Trajectory) -> list[Any]:
    return [t.action.public_id]


# name, its arguments, and the users who may open it with the answer they get.
OBJECT_PAGES: list[tuple[str, Args, dict[str, int]]] = [
    ("enrolment_detail", _enrolment, {"contact": 200, "coach": 200, "staff": 200}),
    ("enrolment_company", _draft, {"contact": 200}),
    ("enrolment_billing", _draft, {"contact": 200}),
    ("enrolment_submit", _draft, {"contact": 200}),
    ("analysis_start", lambda t: [t.enrolment.public_id, "baseline"], {"contact": 302}),
    ("analysis_section", lambda t: [t.analysis.public_id, "strategy"], {"contact": 200}),
    ("analysis_submit", _analysis, {"contact": 200}),
    ("analysis_detail", _analysis, {"contact": 200, "coach": 200, "staff": 200}),
    ("analysis_review", _analysis, {"coach": 200, "staff": 200}),
    ("plan_detail", _enrolment, {"contact": 200, "coach": 200}),
    ("plan_action_edit", _action, {"contact": 200, "coach": 200}),
    ("plan_action_delete", _action, {"contact": 200, "coach": 200}),
    ("invitation_accept", lambda t: [t.invitation.token], {"plain_user": 200}),
    # POST only: a GET of one's own is not allowed (the POSTs are in test_company_access.py).
    ("invitation_resend", lambda t: [t.invitation.public_id], {"contact": 405}),
    ("invitation_revoke", lambda t: [t.invitation.public_id], {"contact": 405}),
]

# Pages without an object: each user sees their own.
OWN_PAGES: list[tuple[str, dict[str, int]]] = [
    ("company_dashboard", {"contact": 200, "coach": 404, "plain_user": 404}),
    ("welcome", {"plain_user": 200, "contact": 200}),
    ("enrolment_start", {"plain_user": 200, "contact": 200, "coach": 404, "staff": 404}),
    ("invitation_send", {"contact": 200, "plain_user": 404, "coach": 404}),
    ("company_access", {"contact": 200, "plain_user": 404, "coach": 404, "staff": 404}),
    ("company_change", {"contact": 200, "plain_user": 404, "coach": 404}),
    ("coach_dashboard", {"coach": 200, "contact": 404, "plain_user": 404}),
]

ALL_NAMES = [name for name, *_rest in OBJECT_PAGES] + [name for name, _users in OWN_PAGES]


def test_every_companies_url_is_in_this_matrix() -> None:
    from companies.urls import urlpatterns

    assert {pattern.name for pattern in urlpatterns} <= set(ALL_NAMES)


@pytest.mark.parametrize(("name", "args", "_users"), OBJECT_PAGES, ids=[p[0] for p in OBJECT_PAGES])
def test_anonymous_user_is_sent_to_login(
    trajectory: Trajectory, name: str, args: Args, _users: dict[str, int]
) -> None:
    url = reverse(name, args=args(trajectory))
    for response in (Client().get(url), Client().post(url, {})):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login") + "?next=")


@pytest.mark.parametrize("name", [name for name, _users in OWN_PAGES])
def test_anonymous_user_is_sent_to_login_from_own_pages(db: None, name: str) -> None:
    response = Client().get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize(
    ("name", "args", "user", "status"),
    [
        (name, args, user, status)
        for name, args, users in OBJECT_PAGES
        for user, status in users.items()
    ],
    ids=[f"{name}-{user}" for name, _args, users in OBJECT_PAGES for user in users],
)
def test_own_user_opens_the_page(
    request: pytest.FixtureRequest,
    trajectory: Trajectory,
    name: str,
    args: Args,
    user: str,
    status: int,
) -> None:
    response = client_for(request.getfixturevalue(user)).get(reverse(name, args=args(trajectory)))
    assert response.status_code == status


@pytest.mark.parametrize("intruder", ["other_contact", "other_coach"])
@pytest.mark.parametrize(("name", "args", "_users"), OBJECT_PAGES, ids=[p[0] for p in OBJECT_PAGES])
def test_another_company_or_unassigned_coach_gets_404(
    request: pytest.FixtureRequest,
    trajectory: Trajectory,
    intruder: str,
    name: str,
    args: Args,
    _users: dict[str, int],
) -> None:
    client = client_for(request.getfixturevalue(intruder))
    url = reverse(name, args=args(trajectory))
    assert client.get(url).status_code == 404
    assert client.post(url, {"title": "Overgenomen", "direction": "next"}).status_code == 404


def test_intruders_change_nothing(
    trajectory: Trajectory, other_contact: User, other_coach: User
) -> None:
    for intruder in (other_contact, other_coach):
        client = client_for(intruder)
        client.post(reverse("plan_action_delete", args=[trajectory.action.public_id]))
        client.post(reverse("invitation_accept", args=[trajectory.invitation.token]))
    assert PlanAction.objects.filter(pk=trajectory.action.pk).exists()
    trajectory.invitation.refresh_from_db()
    assert trajectory.invitation.accepted_at is None


@pytest.mark.parametrize(
    ("name", "user", "status"),
    [(name, user, status) for name, users in OWN_PAGES for user, status in users.items()],
)
def test_own_pages_answer_by_role(
    request: pytest.FixtureRequest, name: str, user: str, status: int
) -> None:
    EditionFactory.create()
    response = client_for(request.getfixturevalue(user)).get(reverse(name))
    assert response.status_code == status


def test_dashboards_show_only_the_users_own_companies(
    trajectory: Trajectory, other_contact: User, coach: User, other_coach: User
) -> None:
    name = escape(str(trajectory.enrolment.company))
    assert name in client_for(coach).get(reverse("coach_dashboard")).content.decode()
    assert name not in client_for(other_coach).get(reverse("coach_dashboard")).content.decode()
    html = client_for(other_contact).get(reverse("company_dashboard")).content.decode()
    assert name not in html
    assert str(trajectory.enrolment.public_id) not in html


def test_unknown_analysis_kind_and_section_are_404(trajectory: Trajectory, contact: User) -> None:
    client = client_for(contact)
    start = reverse("analysis_start", args=[trajectory.enrolment.public_id, "tussenmeting"])
    section = reverse("analysis_section", args=[trajectory.analysis.public_id, "bestaat_niet"])
    assert client.get(start).status_code == 404
    assert client.get(section).status_code == 404
