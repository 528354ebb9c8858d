"""An edition with two running trajectories, with everything the reports show.

Bakkerij Jansen (the ``contact``'s company, coached by ``coach``) and Metaal Oost (coached
by ``other_coach``): sessions in two months, a development plan, a baseline and a final
measurement with known scores, a learning network meeting that was attended, and issued
invoices (one paid). The figures the tests look for are the constants below.

People: Bakkerij Jansen's Anna (an mbo-educated employee and ambassador) took part in two
sessions and the meeting and gained an mbo-4 diploma in the plan's course, its owner Bram
was in one session, and Dewi is named in the course but has not started; Metaal Oost's
Cem was at the meeting. So three people are reached, each counted once.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.utils import timezone

from accounts.models import User
from coaching.models import CoachingSession
from companies.models import DevelopmentPlan, Edition, Enrolment, NeedsAnalysis, PlanAction
from companies.questionnaire import get_questionnaire
from invoicing.models import Invoice
from invoicing.services import payment_record
from networks.models import Meeting
from people.models import ActionParticipant, Education, Group
from tests.factories import (
    DraftInvoiceFactory,
    EditionFactory,
    EnrolmentFactory,
    LearningNetworkFactory,
    MeetingFactory,
    ParticipantFactory,
    RegistrationFactory,
)

SECRET_NOTE = "GEHEIM-directeur-twijfelt"
CLOSING_SUMMARY = "De leercultuur is duidelijk versterkt."


@dataclass
class Programme:
    edition: Edition
    enrolment: Enrolment  # the contact's company
    other: Enrolment  # another company of the same edition
    meeting: Meeting


def likert_answers(score: int) -> dict[str, int]:
    """Answers that give every dimension exactly this score (reverse items turned around)."""
    questionnaire = get_questionnaire()
    return {
        question.key: 6 - score if question.reverse else score
        for question in questionnaire.questions()
        if question.kind == "likert"
    }


def measured(enrolment: Enrolment, coach: User, *, baseline: int, final: int) -> None:
    now = timezone.now()
    for kind, score, summary in (
        (NeedsAnalysis.Kind.BASELINE, baseline, "Veel bereidheid, weinig structuur."),
        (NeedsAnalysis.Kind.FINAL, final, CLOSING_SUMMARY),
    ):
        NeedsAnalysis.objects.create(
            enrolment=enrolment,
            kind=kind,
            questionnaire_version=1,
            answers=likert_answers(score),
            status=NeedsAnalysis.Status.REVIEWED,
            submitted_at=now,
            reviewed_by=coach,
            reviewed_at=now,
            learning_question="Hoe leren onze monteurs van elkaar?",
            coach_summary=summary,
        )


def issued_invoice(enrolment: Enrolment, sequence: int) -> Invoice:
    today = timezone.localdate()
    return DraftInvoiceFactory.create(
        enrolment=enrolment,
        number=f"{today.year}-{sequence:04d}",
        year=today.year,
        sequence=sequence,
        issue_date=today,
        due_date=today + datetime.timedelta(days=30),
        supply_date=today,
        issued_at=timezone.now(),
    )


def running_enrolment(
    edition: Edition, coach: User, name: str, *, employees: int, mbo: int, **kwargs: object
) -> Enrolment:
    start = timezone.localdate() - datetime.timedelta(days=90)
    return EnrolmentFactory.create(
        edition=edition,
        status=Enrolment.Status.ACTIVE,
        start_date=start,
        end_date=start + datetime.timedelta(days=300),
        lead_coach=coach,
        company__legal_name=name,
        company__employees=employees,
        company__mbo_employees=mbo,
        **kwargs,
    )


@pytest.fixture
def programme(contact: User, coach: User, other_coach: User) -> Programme:
    edition = EditionFactory.create(name="Editie Achterhoek 2026")
    enrolment = running_enrolment(
        edition,
        coach,
        "Bakkerij Jansen B.V.",
        employees=40,
        mbo=25,
        company=contact.contact.company,
    )
    enrolment.company.legal_name = "Bakkerij Jansen B.V."
    enrolment.company.save()
    other = running_enrolment(edition, other_coach, "Metaal Oost B.V.", employees=60, mbo=30)

    today = timezone.localdate()
    last_month = today.replace(day=1) - datetime.timedelta(days=1)
    anna = ParticipantFactory.create(
        company=enrolment.company, name="Anna de Vries", is_ambassador=True
    )
    bram = ParticipantFactory.create(
        company=enrolment.company,
        name="Bram Jansen",
        group=Group.MANAGEMENT,
        education=Education.HBO,
    )
    dewi = ParticipantFactory.create(company=enrolment.company, name="Dewi Pranoto")
    cem = ParticipantFactory.create(company=other.company, education=Education.MBO2)
    for date, minutes, activity, summary, people in (
        (
            last_month,
            600,
            "intake",
            "Intake met de directie over leren op de werkvloer.",
            [anna, bram],
        ),
        (today, 240, "workshop", "Workshop werkplekleren voor de teamleiders.", [anna]),
        (today, 90, "conversation", "Gesprek over het ontwikkelplan.", []),
    ):
        session = CoachingSession.objects.create(
            enrolment=enrolment,
            coach=coach,
            date=date,
            minutes=minutes,
            activity=activity,
            participants=4,
            mbo_participants=2,
            summary=summary,
            private_notes=SECRET_NOTE,
        )
        session.people.set(people)
    CoachingSession.objects.create(
        enrolment=other, coach=other_coach, date=today, minutes=180, activity="intake"
    )

    plan = DevelopmentPlan.objects.create(enrolment=enrolment, goal="Werkplekleren voor monteurs")
    PlanAction.objects.create(
        plan=plan,
        title="Buddysysteem voor nieuwe bakkers",
        kind=PlanAction.Kind.INFORMAL,
        target_group=PlanAction.TargetGroup.MBO_STAFF,
        status=PlanAction.Status.DONE,
        done_date=today,
    )
    course = PlanAction.objects.create(
        plan=plan,
        title="Mbo-4 opleiding voor teamleiders",
        kind=PlanAction.Kind.FORMAL,
        target_group=PlanAction.TargetGroup.MANAGEMENT,
    )
    ActionParticipant.objects.create(
        action=course,
        participant=anna,
        started_on=last_month,
        finished_on=today,
        certificate=ActionParticipant.Certificate.DIPLOMA,
        certificate_level=Education.MBO4,
    )
    ActionParticipant.objects.create(action=course, participant=dewi)  # not started yet

    measured(enrolment, coach, baseline=2, final=4)
    measured(other, other_coach, baseline=3, final=4)

    network = LearningNetworkFactory.create(
        edition=edition, name="Netwerk Achterhoek", members=[enrolment, other]
    )
    meeting = MeetingFactory.create(
        network=network,
        theme="Leren van elkaar",
        starts_at=timezone.now() - datetime.timedelta(days=7),
    )
    for company, participant, is_mbo in ((enrolment, anna, True), (other, cem, True)):
        RegistrationFactory.create(
            meeting=meeting,
            enrolment=company,
            participant=participant,
            name="",
            role="",
            is_mbo=is_mbo,
            attended=True,
        )
    RegistrationFactory.create(meeting=meeting, enrolment=enrolment, is_mbo=False, attended=True)

    paid = issued_invoice(enrolment, 1)
    payment_record(invoice=paid, amount=Decimal("2420.00"), paid_on=today, by=None)
    issued_invoice(other, 2)
    return Programme(edition=edition, enrolment=enrolment, other=other, meeting=meeting)
