"""The coach's session pages and an enrolment's hours: who may open them, and what they show.

Every view answers anonymous visitors with the login page, its own user with the page, and
a contact of another company or a coach who is not assigned with a 404. A company contact
never sees private notes, in the HTML or in the CSV.
"""

import csv
import datetime
import io
from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from coaching.models import CoachingSession
from coaching.templatetags.coaching_tags import hours
from companies.models import Enrolment
from tests.conftest import client_for
from tests.factories import (
    CoachingSessionFactory,
    ContactFactory,
    EditionFactory,
    EnrolmentFactory,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
SECRET = "GEHEIM-NOTITIE"


@dataclass
class Hours:
    enrolment: Enrolment
    session: CoachingSession


@pytest.fixture
def hours_of(contact: User, coach: User) -> Hours:
    """The contact's company in an active trajectory, coached by `coach`, with one session."""
    enrolment = EnrolmentFactory.create(
        company=contact.contact.company,
        edition=EditionFactory.create(coach_budget_minutes=120),
        status=Enrolment.Status.ACTIVE,
        start_date=TODAY - datetime.timedelta(days=60),
        end_date=TODAY + datetime.timedelta(days=240),
        lead_coach=coach,
    )
    session = CoachingSessionFactory.create(
        enrolment=enrolment, minutes=45, summary="Intake met de directie.", private_notes=SECRET
    )
    return Hours(enrolment, session)


def form_data(enrolment: Enrolment, **overrides: object) -> dict[str, object]:
    return {
        "enrolment": str(enrolment.public_id),
        "date": TODAY.isoformat(),
        "minutes": 30,
        "activity": "conversation",
        "mode": "online",
        "participants": 3,
        "mbo_participants": 2,
        "summary": "Werkplekleren besproken.",
        "private_notes": "",
        "follow_up": "",
        **overrides,
    }


def csv_rows(response: object) -> list[list[str]]:
    content = b"".join(response.streaming_content) if response.streaming else response.content  # type: ignore[attr-defined]
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


# --- Who may open what -------------------------------------------------------------------

COACH_PAGES = ["session_create", "coach_week", "coach_hours_csv"]
SESSION_PAGES = ["session_edit", "session_delete"]
ENROLMENT_PAGES = ["enrolment_sessions", "enrolment_sessions_csv"]


def url(name: str, data: Hours) -> str:
    if name in SESSION_PAGES:
        return reverse(name, args=[data.session.public_id])
    if name in ENROLMENT_PAGES:
        return reverse(name, args=[data.enrolment.public_id])
    return reverse(name)


@pytest.mark.parametrize("name", COACH_PAGES + SESSION_PAGES + ENROLMENT_PAGES)
def test_anonymous_visitor_is_sent_to_login(client: Client, hours_of: Hours, name: str) -> None:
    response = client.get(url(name, hours_of))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("name", COACH_PAGES + SESSION_PAGES + ENROLMENT_PAGES)
def test_the_coach_opens_every_page(coach: User, hours_of: Hours, name: str) -> None:
    assert client_for(coach).get(url(name, hours_of)).status_code == 200


@pytest.mark.parametrize("name", ENROLMENT_PAGES)
def test_the_contact_and_staff_open_the_hours(
    contact: User, staff: User, hours_of: Hours, name: str
) -> None:
    assert client_for(contact).get(url(name, hours_of)).status_code == 200
    assert client_for(staff).get(url(name, hours_of)).status_code == 200


@pytest.mark.parametrize("name", COACH_PAGES + SESSION_PAGES)
def test_a_contact_cannot_open_the_coach_pages(contact: User, hours_of: Hours, name: str) -> None:
    assert client_for(contact).get(url(name, hours_of)).status_code == 404


@pytest.mark.parametrize("name", SESSION_PAGES + ENROLMENT_PAGES)
@pytest.mark.parametrize("method", ["get", "post"])
def test_another_company_and_an_unassigned_coach_get_404(
    other_contact: User, other_coach: User, hours_of: Hours, name: str, method: str
) -> None:
    for user in (other_contact, other_coach):
        response = getattr(client_for(user), method)(url(name, hours_of))
        assert response.status_code == 404, user
    assert CoachingSession.objects.filter(pk=hours_of.session.pk).exists()


def test_a_second_coach_of_the_company_cannot_change_the_first_ones_session(
    other_coach: User, hours_of: Hours
) -> None:
    hours_of.enrolment.coaches.add(other_coach)
    client = client_for(other_coach)

    assert client.get(url("enrolment_sessions", hours_of)).status_code == 200
    assert client.get(url("session_edit", hours_of)).status_code == 404


def test_an_unassigned_coach_cannot_log_for_the_company(other_coach: User, hours_of: Hours) -> None:
    response = client_for(other_coach).post(
        reverse("session_create"), form_data(hours_of.enrolment)
    )

    assert response.status_code == 200
    assert response.context["form"].errors["enrolment"]
    assert CoachingSession.objects.count() == 1


# --- Private notes -----------------------------------------------------------------------


def test_a_contact_never_sees_the_private_notes(contact: User, hours_of: Hours) -> None:
    client = client_for(contact)

    page = client.get(url("enrolment_sessions", hours_of))
    export = client.get(url("enrolment_sessions_csv", hours_of))

    assert "Intake met de directie." in page.text
    assert SECRET not in page.text
    assert SECRET not in export.content.decode()
    assert len(csv_rows(export)[0]) == 10


def test_the_coach_and_staff_see_the_private_notes(
    coach: User, staff: User, hours_of: Hours
) -> None:
    for user in (coach, staff):
        client = client_for(user)
        assert SECRET in client.get(url("enrolment_sessions", hours_of)).text
        assert csv_rows(client.get(url("enrolment_sessions_csv", hours_of)))[1][-1] == SECRET


# --- Logging, changing, deleting ---------------------------------------------------------


def test_the_form_preselects_the_company_and_offers_only_active_ones(
    coach: User, hours_of: Hours
) -> None:
    accepted = EnrolmentFactory.create(status=Enrolment.Status.ACCEPTED, lead_coach=coach)
    someone_elses = EnrolmentFactory.create(status=Enrolment.Status.ACTIVE)

    response = client_for(coach).get(
        reverse("session_create"), {"enrolment": str(hours_of.enrolment.public_id)}
    )

    form = response.context["form"]
    assert list(form.fields["enrolment"].queryset) == [hours_of.enrolment]
    assert form["enrolment"].value() == str(hours_of.enrolment.public_id)
    assert form["date"].value() == TODAY
    assert str(accepted.public_id) not in response.text
    assert str(someone_elses.public_id) not in response.text
    assert '<option value="600">10 uur</option>' in response.text


def test_logging_a_session_redirects_to_the_hours_with_the_time_left(
    coach: User, hours_of: Hours
) -> None:
    client = client_for(coach)

    response = client.post(reverse("session_create"), form_data(hours_of.enrolment), follow=True)

    assert response.redirect_chain[-1][0] == url("enrolment_sessions", hours_of)
    session = CoachingSession.objects.get(summary="Werkplekleren besproken.")
    assert (session.coach, session.minutes, session.mbo_participants) == (coach, 30, 2)
    assert "45 min van het budget over" in response.text
    assert response.context["status"].used_minutes == 75


def test_a_session_past_the_budget_shows_the_refusal_and_saves_nothing(
    coach: User, hours_of: Hours
) -> None:
    response = client_for(coach).post(
        reverse("session_create"), form_data(hours_of.enrolment, minutes=90)
    )

    assert response.status_code == 200
    assert response.context["form"].errors["minutes"]
    assert "1 uur 15 min" in response.text  # the same Dutch wording as the |hours filter
    assert CoachingSession.objects.count() == 1


def test_more_mbo_participants_than_participants_is_refused(coach: User, hours_of: Hours) -> None:
    response = client_for(coach).post(
        reverse("session_create"), form_data(hours_of.enrolment, mbo_participants=5)
    )

    assert response.context["form"].errors["mbo_participants"]
    assert CoachingSession.objects.count() == 1


def test_the_coach_changes_a_session(coach: User, hours_of: Hours) -> None:
    data = form_data(hours_of.enrolment, minutes=75, summary="Bijgewerkt.")

    response = client_for(coach).post(url("session_edit", hours_of), data)

    assert response.status_code == 302
    hours_of.session.refresh_from_db()
    assert (hours_of.session.minutes, hours_of.session.summary) == (75, "Bijgewerkt.")


def test_a_change_in_the_future_is_refused_on_the_form(coach: User, hours_of: Hours) -> None:
    tomorrow = TODAY + datetime.timedelta(days=1)

    response = client_for(coach).post(
        url("session_edit", hours_of), form_data(hours_of.enrolment, date=tomorrow.isoformat())
    )

    assert response.context["form"].errors["date"]
    hours_of.session.refresh_from_db()
    assert hours_of.session.date == TODAY


def test_the_coach_deletes_a_session(coach: User, hours_of: Hours) -> None:
    response = client_for(coach).post(url("session_delete", hours_of))

    assert response.status_code == 302
    assert not CoachingSession.objects.exists()


# --- The week and the exports ------------------------------------------------------------


def test_the_week_shows_the_coachs_sessions_of_that_week_only(coach: User, hours_of: Hours) -> None:
    other_company = EnrolmentFactory.create(
        status=Enrolment.Status.ACTIVE,
        start_date=TODAY - datetime.timedelta(days=400),
        lead_coach=coach,
        company=ContactFactory.create().company,
    )
    monday = TODAY - datetime.timedelta(days=TODAY.weekday())
    last_week = CoachingSessionFactory.create(
        enrolment=other_company, date=monday - datetime.timedelta(days=3), minutes=120
    )
    year, week, _day = last_week.date.isocalendar()

    this_week = client_for(coach).get(reverse("coach_week"))
    earlier = client_for(coach).get(reverse("coach_week"), {"week": f"{year}-W{week:02d}"})

    assert list(this_week.context["sessions"]) == [hours_of.session]
    assert this_week.context["total"] == 45
    assert list(earlier.context["sessions"]) == [last_week]
    assert f"?week={year}-W{week:02d}" in this_week.text
    assert hours(120) in earlier.text


def test_the_coach_exports_their_own_hours_with_private_notes(
    coach: User, other_coach: User, hours_of: Hours
) -> None:
    hours_of.enrolment.coaches.add(other_coach)
    CoachingSessionFactory.create(enrolment=hours_of.enrolment, coach=other_coach, minutes=15)

    response = client_for(coach).get(reverse("coach_hours_csv"))

    assert response["Content-Type"].startswith("text/csv")
    header, *rows = csv_rows(response)
    assert header == [
        "Datum",
        "Bedrijf",
        "Activiteit",
        "Vorm",
        "Minuten",
        "Uren",
        "Aantal deelnemers",
        "Van wie mbo-opgeleid",
        "Wie deden mee",
        "Samenvatting",
        "Privénotities",
    ]
    company = str(hours_of.enrolment.company)
    assert rows == [
        [
            f"{TODAY.day}-{TODAY.month}-{TODAY.year}",
            company,
            "Coachgesprek",
            "Op locatie",
            "45",
            "0,75",
            "1",
            "0",
            "",
            "Intake met de directie.",
            SECRET,
        ],
    ]


def test_a_formula_in_a_summary_stays_text_in_the_csv(coach: User, hours_of: Hours) -> None:
    hours_of.session.summary = '=HYPERLINK("http://example.com")'
    hours_of.session.save()

    rows = csv_rows(client_for(coach).get(reverse("coach_hours_csv")))

    assert rows[1][9].startswith("'=")


def test_the_company_pages_show_the_hours(contact: User, hours_of: Hours) -> None:
    client = client_for(contact)
    link = url("enrolment_sessions", hours_of)

    for page in (
        reverse("company_dashboard"),
        reverse("enrolment_detail", args=[hours_of.enrolment.public_id]),
    ):
        response = client.get(page)
        assert link in response.text
        assert 'max="120" value="45"' in response.text


@pytest.mark.parametrize(
    ("minutes", "text"),
    [(0, "0 min"), (45, "45 min"), (60, "1 uur"), (75, "1 uur 15 min"), (7200, "120 uur")],
)
def test_the_hours_filter(minutes: int, text: str) -> None:
    assert hours(minutes) == text
