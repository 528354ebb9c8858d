"""Access ends when the role ends: a coach made inactive, or taken off an enrolment, can
no longer open, log, change or export anything of it, from the next request on.

Every URL for both cases is walked in tests/leercultuur/test_authorization_matrix.py;
these tests look at what the pages that stay open still show, and at the services.
"""

import datetime
from collections.abc import Callable
from functools import partial

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django import Settings

from accounts.models import User
from coaching import services
from coaching.models import Coach, CoachingSession
from companies.models import Enrolment
from companies.services import enrolment_assign_coach
from tests.conftest import client_for
from tests.factories import (
    CoachFactory,
    CoachingSessionFactory,
    ContactFactory,
    EditionFactory,
    EnrolmentFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

TODAY = timezone.localdate()


def running(coach: User, name: str) -> Enrolment:
    """An active trajectory of a new company, led by the coach, with an hour logged today."""
    enrolment = EnrolmentFactory.create(
        company=ContactFactory.create(company__legal_name=name).company,
        edition=EditionFactory.create(),
        status=Enrolment.Status.ACTIVE,
        start_date=TODAY - datetime.timedelta(days=60),
        end_date=TODAY + datetime.timedelta(days=240),
        lead_coach=coach,
    )
    CoachingSessionFactory.create(enrolment=enrolment, coach=coach, summary=f"Sessie bij {name}")
    return enrolment


def replace_lead(enrolment: Enrolment, staff: User) -> None:
    enrolment_assign_coach(enrolment=enrolment, coach=CoachFactory.create().user, by=staff)


def take_off_coaches(enrolment: Enrolment, staff: User) -> None:
    """The coach was one of the other coaches; staff remove them from the list."""
    coach = enrolment.lead_coach
    assert coach is not None
    replace_lead(enrolment, staff)
    enrolment.coaches.add(coach)
    enrolment.coaches.remove(coach)


TAKE_OFF: dict[str, Callable[[Enrolment, User], None]] = {
    "lead replaced": replace_lead,
    "taken off the other coaches": take_off_coaches,
}


@pytest.fixture(params=list(TAKE_OFF))
def taken_off(request: pytest.FixtureRequest) -> Callable[[Enrolment, User], None]:
    return TAKE_OFF[request.param]


def session_fields(**overrides: object) -> dict[str, object]:
    return {"date": TODAY, "minutes": 30, "activity": "conversation", **overrides}


def assert_services_refuse(coach: User, session: CoachingSession) -> None:
    """Logging, changing and deleting for the session's enrolment: refused, nothing kept."""
    attempts: list[Callable[[], object]] = [
        partial(
            services.session_log, enrolment=session.enrolment, coach=coach, fields=session_fields()
        ),
        partial(services.session_update, session=session, by=coach, fields={"minutes": 15}),
        partial(services.session_delete, session=session, by=coach),
    ]
    for attempt in attempts:
        with pytest.raises(ValidationError, match="your own sessions"):
            attempt()
    assert list(CoachingSession.objects.filter(enrolment=session.enrolment)) == [session]
    session.refresh_from_db()
    assert session.minutes == 60


# --- Taken off an enrolment --------------------------------------------------------------


def test_the_week_and_the_export_keep_only_the_companies_still_coached(
    coach: User, staff: User, taken_off: Callable[[Enrolment, User], None]
) -> None:
    gone, kept = running(coach, "Bakkerij Weg"), running(coach, "Metaal Blijft")
    taken_off(gone, staff)
    client = client_for(coach)

    week = client.get(reverse("coach_week"))
    export = client.get(reverse("coach_hours_csv")).content.decode("utf-8-sig")

    assert [session.enrolment for session in week.context["sessions"]] == [kept]
    assert "Bakkerij Weg" not in week.text
    assert "Sessie bij Bakkerij Weg" not in export
    assert "Sessie bij Metaal Blijft" in export


def test_the_session_form_and_the_services_refuse_the_enrolment(
    coach: User, staff: User, taken_off: Callable[[Enrolment, User], None]
) -> None:
    gone = running(coach, "Bakkerij Weg")
    session = CoachingSession.objects.get(enrolment=gone)
    taken_off(gone, staff)
    client = client_for(coach)

    form = client.post(
        reverse("session_create"),
        {**session_fields(), "enrolment": str(gone.public_id), "mode": "online"},
    )
    assert form.status_code == 200
    assert "enrolment" in form.context["form"].errors
    assert "Bakkerij Weg" not in form.text  # not offered either
    for name in ("session_edit", "session_delete"):
        assert client.get(reverse(name, args=[session.public_id])).status_code == 404
        assert client.post(reverse(name, args=[session.public_id])).status_code == 404

    assert_services_refuse(coach, session)


# --- Made inactive -----------------------------------------------------------------------


def test_an_inactive_coach_logs_and_changes_nothing(coach: User) -> None:
    enrolment = running(coach, "Bakkerij Weg")
    session = CoachingSession.objects.get(enrolment=enrolment)
    Coach.objects.filter(user=coach).update(is_active=False)

    assert_services_refuse(coach, session)


def test_staff_still_correct_an_inactive_coachs_sessions(coach: User, staff: User) -> None:
    enrolment = running(coach, "Bakkerij Weg")
    Coach.objects.filter(user=coach).update(is_active=False)

    services.session_update(
        session=CoachingSession.objects.get(enrolment=enrolment), by=staff, fields={"minutes": 15}
    )

    assert CoachingSession.objects.get().minutes == 15


def test_an_inactive_coach_signs_in_to_the_welcome_page_without_a_loop(
    client: Client, settings: Settings
) -> None:
    """No authenticator set up, and none asked for: the account holds no role any more."""
    settings.MFA_REQUIRED_FOR_STAFF_AND_COACHES = True
    coach = CoachFactory.create(is_active=False).user  # no TOTP
    running(coach, "Bakkerij Weg")
    client.force_login(coach)

    response = client.get(reverse("home"), follow=True)

    assert response.redirect_chain == [(reverse("welcome"), 302)]
    assert response.status_code == 200
    assert "Bakkerij Weg" not in response.text
    assert client.get(reverse("coach_dashboard")).status_code == 404


def test_a_coach_made_active_again_has_the_pages_back(coach: User) -> None:
    running(coach, "Bakkerij Weg")
    Coach.objects.filter(user=coach).update(is_active=False)
    client = client_for(coach)
    assert client.get(reverse("coach_dashboard")).status_code == 404

    Coach.objects.filter(user=coach).update(is_active=True)

    assert "Bakkerij Weg" in client.get(reverse("coach_dashboard")).text
