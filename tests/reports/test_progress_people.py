"""The progress report says who learned what in the plan's actions and what the company's
ambassadors did; an erased person shows without a name, another company's people not at all."""

import datetime

import pytest
from django.utils import timezone

from accounts.models import User
from companies.models import Enrolment, PlanAction
from people.models import ActionParticipant, AmbassadorActivity, Participant
from people.services import participant_erase
from reports.models import Report
from reports.services import report_claim, report_render
from tests.factories import DevelopmentPlanFactory, ParticipantFactory, running_enrolment
from tests.reports.test_report_kinds import pdf_text

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def days_ago(days: int) -> datetime.date:
    return TODAY - datetime.timedelta(days=days)


@pytest.fixture
def enrolment(contact: User, coach: User) -> Enrolment:
    enrolment = running_enrolment(contact.contact.company, coach)
    plan = DevelopmentPlanFactory.create(enrolment=enrolment)
    bbl = PlanAction.objects.create(
        plan=plan,
        title="Bbl-opleiding lasser",
        kind=PlanAction.Kind.WORK_BASED,
        target_group=PlanAction.TargetGroup.MBO_STAFF,
    )
    mentoring = PlanAction.objects.create(
        plan=plan,
        title="Maatjes voor nieuwe collega's",
        kind=PlanAction.Kind.INFORMAL,
        target_group=PlanAction.TargetGroup.NEW_STAFF,
    )
    people = {
        name: ParticipantFactory.create(company=enrolment.company, name=name, is_ambassador=amb)
        for name, amb in (("Tom Hendriks", False), ("Sevda Yilmaz", True), ("Ruud Peters", True))
    }
    ActionParticipant.objects.create(
        action=bbl,
        participant=people["Tom Hendriks"],
        started_on=days_ago(200),
        finished_on=days_ago(5),
        certificate=ActionParticipant.Certificate.DIPLOMA,
        certificate_level="mbo2",
    )
    ActionParticipant.objects.create(
        action=mentoring, participant=people["Ruud Peters"], started_on=days_ago(20)
    )
    AmbassadorActivity.objects.create(
        participant=people["Sevda Yilmaz"],
        kind=AmbassadorActivity.Kind.SPOKE,
        happened_on=days_ago(3),
        description="Vertelde in het netwerk over de maatjes",
    )
    AmbassadorActivity.objects.create(
        participant=people["Ruud Peters"],
        kind=AmbassadorActivity.Kind.LED_ACTION,
        happened_on=days_ago(10),
        description="Leidde de maatjes",
    )
    return enrolment


@pytest.fixture
def elsewhere(other_contact: User, other_coach: User) -> Participant:
    """Another company's ambassador, with an activity of their own."""
    theirs = running_enrolment(other_contact.contact.company, other_coach)
    stranger = ParticipantFactory.create(
        company=theirs.company, name="Bram Vreemd", is_ambassador=True
    )
    AmbassadorActivity.objects.create(
        participant=stranger, kind="other", happened_on=TODAY, description="Elders"
    )
    return stranger


def progress_pdf(enrolment: Enrolment, contact: User) -> str:
    report = Report.objects.create(
        kind=Report.Kind.PROGRESS, enrolment=enrolment, requested_by=contact
    )
    assert report_claim(report_id=report.pk)
    report = report_render(report_id=report.pk)
    assert report.status == Report.Status.DONE, report.error
    return pdf_text(report)


def test_the_report_shows_who_learned_what_and_what_ambassadors_did(
    enrolment: Enrolment, elsewhere: Participant, contact: User
) -> None:
    text = progress_pdf(enrolment, contact)

    assert "Wie leerde wat" in text
    assert "2 mensen doen mee aan de acties van het plan" in text
    assert "1 keer rondde iemand af, 1 keer met een certificaat of diploma" in text
    assert "Tom Hendriks" in text
    assert "Bbl-opleiding lasser" in text
    assert "Werkend leren" in text
    assert "Diploma (mbo niveau 2)" in text
    assert "Ambassadeurs" in text
    assert "Vertelde op een bijeenkomst" in text
    assert "Vertelde in het netwerk over de maatjes" in text
    assert "Leidde een actie" in text
    assert "Bram Vreemd" not in text
    assert "Elders" not in text


def test_an_erased_person_counts_without_a_name(enrolment: Enrolment, contact: User) -> None:
    participant_erase(participant=Participant.objects.get(name="Tom Hendriks"))

    text = progress_pdf(enrolment, contact)

    assert "Tom Hendriks" not in text
    assert "(naam gewist)" in text
    assert "Diploma (mbo niveau 2)" in text


def test_a_report_without_people_says_so(contact: User, coach: User) -> None:
    enrolment = running_enrolment(contact.contact.company, coach)

    text = progress_pdf(enrolment, contact)

    assert "Er is nog niemand aan de acties van het plan toegevoegd." in text
    assert "Er zijn nog geen activiteiten van ambassadeurs vastgelegd." in text
