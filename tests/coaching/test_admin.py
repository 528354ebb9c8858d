"""Staff see sessions with totals, export them, and approve budget adjustments."""

import datetime
import re
from typing import Any

from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from coaching import services
from coaching.models import BudgetAdjustment, CoachingSession
from companies.models import Enrolment
from tests.conftest import client_for
from tests.factories import PASSWORD, EditionFactory, EnrolmentFactory
from tests.spreadsheets import DUTCH, read_csv

TODAY = timezone.localdate()


def logged_session(coach: User, minutes: int = 90, notes: str = "") -> CoachingSession:
    enrolment = EnrolmentFactory.create(
        edition=EditionFactory.create(coach_budget_minutes=600),
        status=Enrolment.Status.ACTIVE,
        start_date=TODAY - datetime.timedelta(days=10),
        end_date=TODAY + datetime.timedelta(days=290),
        lead_coach=coach,
    )
    fields = {"date": TODAY, "minutes": minutes, "activity": "workshop", "private_notes": notes}
    return services.session_log(enrolment=enrolment, coach=coach, fields=fields)


def test_session_list_shows_totals(staff: User, coach: User) -> None:
    logged_session(coach, 90)
    logged_session(coach, 45)

    response = client_for(staff).get(reverse("admin:coaching_coachingsession_changelist"))

    assert response.status_code == 200
    assert response.context["totals"]["minutes"] == 135


def test_sessions_export_as_csv_for_staff(staff: User, coach: User) -> None:
    session = logged_session(coach, notes="Alleen voor staf")

    response = client_for(staff).post(
        reverse("admin:coaching_coachingsession_changelist"),
        {"action": "export_csv", ACTION_CHECKBOX_NAME: [session.pk]},
    )

    header, row = read_csv(response, DUTCH)
    assert header[:4] == ["Datum", "Bedrijf", "Editie", "Coach"]
    assert row[-1] == "Alleen voor staf"


def test_adjustment_is_approved_through_the_service(staff: User, coach: User) -> None:
    session = logged_session(coach)
    adjustment = BudgetAdjustment.objects.create(
        enrolment=session.enrolment, minutes=60, reason="Extra workshop"
    )

    client_for(staff).post(
        reverse("admin:coaching_budgetadjustment_changelist"),
        {"action": "approve", ACTION_CHECKBOX_NAME: [adjustment.pk]},
    )

    adjustment.refresh_from_db()
    assert adjustment.approved_by == staff


def test_staff_invite_a_coach_who_then_chooses_a_password(
    staff: User, django_capture_on_commit_callbacks: Any
) -> None:
    add = reverse("admin:coaching_coach_add")
    data = {"email": "Nieuw@Coach.nl", "full_name": "Eva Smit", "organisation": "GV", "phone": ""}
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(staff).post(add, data)
    assert response.status_code == 302

    coach = User.objects.get(email="nieuw@coach.nl")
    assert hasattr(coach, "coach")
    assert not coach.has_usable_password()
    (message,) = mail.outbox
    link = re.search(r"https?://[^/\s]+(/\S+/)", str(message.body))
    assert link is not None
    visitor = Client()
    form_page = visitor.get(link.group(1), follow=True)
    visitor.post(form_page.request["PATH_INFO"], {"password1": PASSWORD, "password2": PASSWORD})
    coach.refresh_from_db()
    assert coach.check_password(PASSWORD)

    again = client_for(staff).post(add, data)
    assert again.status_code == 200  # the form again, with the message on the e-mail field
    assert User.objects.filter(email="nieuw@coach.nl").count() == 1


def test_the_coach_invitation_is_mailed_once_even_when_the_task_runs_twice(staff: User) -> None:
    from leercultuur.outbox.models import Mail
    from leercultuur.outbox.tasks import send_mail

    services.coach_invite(email="eva@coach.nl", full_name="Eva", organisation="", by=staff)
    invitation = Mail.objects.get(kind="coach_invitation")

    assert invitation.confidential  # it holds the link that sets the password
    assert send_mail(invitation.pk) is True
    assert send_mail(invitation.pk) is False
    assert len(mail.outbox) == 1


def test_staff_close_a_month_through_the_service(staff: User) -> None:
    from coaching.models import PeriodLock

    client_for(staff).post(reverse("admin:coaching_periodlock_add"), {"month": "2026-10-01"})

    lock = PeriodLock.objects.get()
    assert (str(lock.month), lock.closed_by) == ("2026-10-01", staff)


def test_deleting_sessions_asks_first_then_goes_through_the_service(
    staff: User, coach: User
) -> None:
    session = logged_session(coach, 90)
    changelist = reverse("admin:coaching_coachingsession_changelist")
    data = {"action": "delete_through_service", ACTION_CHECKBOX_NAME: [session.pk]}
    client = client_for(staff)

    page = client.post(changelist, data)

    assert CoachingSession.objects.filter(pk=session.pk).exists()
    assert "niet ongedaan" in page.content.decode()
    offered = [
        name for name, _ in client.get(changelist).context["action_form"].fields["action"].choices
    ]
    assert offered[-1] == "delete_through_service"

    client.post(changelist, {**data, "apply": "1"})

    assert not CoachingSession.objects.filter(pk=session.pk).exists()
