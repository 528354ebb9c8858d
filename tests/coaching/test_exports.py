"""Every download of sessions (the coach's hours, an enrolment's hours, the admin's export)
defuses hostile text and follows the interface language (leercultuur/exports.py)."""

import datetime
from collections.abc import Callable

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.http.response import HttpResponseBase
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import User
from coaching.models import CoachingSession
from companies.models import Company, Enrolment
from tests.conftest import client_for
from tests.factories import CoachingSessionFactory, EditionFactory, EnrolmentFactory
from tests.spreadsheets import (
    DUTCH,
    FORMULAS,
    HOSTILE,
    LANGUAGES,
    Language,
    assert_csv_defused,
    read_csv,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def hostile(contact: User, coach: User) -> Enrolment:
    """The contact's trajectory, coached by ``coach``: a session per hostile text, written
    straight to the database as an old row may hold it."""
    enrolment = EnrolmentFactory.create(
        company=contact.contact.company,
        edition=EditionFactory.create(name="@Editie", coach_budget_minutes=6000),
        status=Enrolment.Status.ACTIVE,
        start_date=TODAY - datetime.timedelta(days=60),
        end_date=TODAY + datetime.timedelta(days=240),
        lead_coach=coach,
    )
    Company.objects.filter(pk=enrolment.company_id).update(legal_name=FORMULAS[0])
    for text in HOSTILE:
        CoachingSessionFactory.create(
            enrolment=enrolment, coach=coach, minutes=45, summary=text, private_notes=text
        )
    return enrolment


def _enrolment_csv(role: str) -> Callable[[dict[str, User], Enrolment], HttpResponseBase]:
    def get(users: dict[str, User], enrolment: Enrolment) -> HttpResponseBase:
        path = reverse("enrolment_sessions_csv", args=[enrolment.public_id])
        return client_for(users[role]).get(path)

    return get


def _coach_hours(users: dict[str, User], enrolment: Enrolment) -> HttpResponseBase:
    return client_for(users["coach"]).get(reverse("coach_hours_csv"))


def _admin_export(users: dict[str, User], enrolment: Enrolment) -> HttpResponseBase:
    sessions = CoachingSession.objects.filter(enrolment=enrolment)
    return client_for(users["staff"]).post(
        reverse("admin:coaching_coachingsession_changelist"),
        {"action": "export_csv", ACTION_CHECKBOX_NAME: [s.pk for s in sessions]},
    )


DOWNLOADS = {
    "coach_hours_csv": _coach_hours,
    "enrolment_sessions_csv as contact": _enrolment_csv("contact"),
    "enrolment_sessions_csv as coach": _enrolment_csv("coach"),
    "enrolment_sessions_csv as staff": _enrolment_csv("staff"),
    "admin export": _admin_export,
}


@pytest.mark.parametrize("language", LANGUAGES, ids=lambda language: language.code)
@pytest.mark.parametrize("download", DOWNLOADS)
def test_session_downloads_defuse_hostile_text_in_the_local_form(
    hostile: Enrolment,
    contact: User,
    coach: User,
    staff: User,
    download: str,
    language: Language,
) -> None:
    users = {"contact": contact, "coach": coach, "staff": staff}
    with translation.override(language.code):  # reverse() then gives /en/... for English
        response = DOWNLOADS[download](users, hostile)

    header, *rows = read_csv(response, language)
    dutch = language is DUTCH
    assert header[:2] == (["Datum", "Bedrijf"] if dutch else ["Date", "Company"])
    hours = header.index("Uren" if dutch else "Hours")
    assert len(rows) == len(HOSTILE)
    assert {row[0] for row in rows} == {language.date(TODAY)}
    assert {row[hours] for row in rows} == {language.number("0.75")}
    assert_csv_defused(rows)
    private = "Privénotities" if dutch else "Private notes"
    assert (private in header) is (download != "enrolment_sessions_csv as contact")


def test_the_admin_export_names_its_columns_like_the_portal(
    hostile: Enrolment, contact: User, coach: User, staff: User
) -> None:
    users = {"contact": contact, "coach": coach, "staff": staff}
    portal, *_rows = read_csv(_enrolment_csv("staff")(users, hostile), DUTCH)
    header, first, *_rest = read_csv(_admin_export(users, hostile), DUTCH)

    assert header == [*portal[:2], "Editie", "Coach", *portal[2:]]
    assert first[1:4] == [f"'{FORMULAS[0]}", "'@Editie", str(coach)]
    assert first[4:8] == ["Coachgesprek", "Op locatie", "45", "0,75"]
