"""Two companies with everything the portal keeps, and a signed-in client for every role.

Company A belongs to ``contact`` and is coached by ``coach``, who also facilitates A's
learning network; company B mirrors it with ``other_contact`` and ``other_coach``. Both
run a trajectory in the same edition and have a draft enrolment for the next one. The
authorization matrix and the security-header tests walk every URL over this world.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.core.files.base import ContentFile
from django.test import Client
from django.utils import timezone

from accounts.models import User
from coaching.models import BudgetAdjustment, CoachingSession
from companies.models import (
    Company,
    DevelopmentPlan,
    Edition,
    Enrolment,
    EnrolmentNote,
    Invitation,
    NeedsAnalysis,
    PlanAction,
)
from invoicing.models import Invoice
from leercultuur.outbox.models import Mail
from networks.models import (
    CalendarFeed,
    Experience,
    LearningNetwork,
    Meeting,
    MeetingDocument,
    Registration,
)
from people.models import ActionParticipant, Education, Group, Participant, PeopleInformed
from reports.models import Report
from surveys.models import PersonalLink, TeamSurvey
from surveys.services import token_hash
from tests.conftest import client_for
from tests.factories import (
    DraftInvoiceFactory,
    EditionFactory,
    EnrolmentFactory,
    MeetingFactory,
    RegistrationFactory,
)
from website.models import Story
from website.services import story_consent_give, story_publish, story_save

# The columns of the matrix. "contact" and "coach" belong to company A, "other_contact"
# and "other_coach" to company B; "plain" signed up but has no role yet.
ROLES = ("anonymous", "plain", "contact", "other_contact", "coach", "other_coach", "staff")
# Whose objects are "own" for a role: B's for B's people, A's for everyone else.
B_ROLES = frozenset({"other_contact", "other_coach"})
SHA = "0" * 64


@dataclass(frozen=True)
class Side:
    """One company and every object of it that a URL can name."""

    company: Company
    enrolment: Enrolment  # active, with a lead coach
    draft: Enrolment  # a draft enrolment for the next edition
    analysis: NeedsAnalysis  # the baseline, submitted
    draft_analysis: NeedsAnalysis  # the final measurement, being filled in
    action: PlanAction
    session: CoachingSession
    extra_hours: BudgetAdjustment  # asked by the coach, not decided
    network: LearningNetwork
    meeting: Meeting
    registration: Registration
    document: MeetingDocument
    experience: Experience
    story: Story  # published, with the contact's consent
    invoice: Invoice  # issued, PDF made
    report: Report  # a progress report, done
    province_report: Report  # an edition's province report, done
    invitation: Invitation
    feed: CalendarFeed
    participant: Participant
    survey: TeamSurvey  # the final measurement's, open
    survey_token: str  # an unused personal link of that survey
    failed_mail: Mail  # to the contact, failed for good
    note: EnrolmentNote  # an internal note in the company file, by the coach


@dataclass(frozen=True)
class World:
    users: dict[str, User | None]
    a: Side
    b: Side

    def sides(self, role: str) -> tuple[Side, Side]:
        """(own, other) for a role."""
        return (self.b, self.a) if role in B_ROLES else (self.a, self.b)

    def client(self, role: str) -> Client:
        user = self.users[role]
        return Client() if user is None else client_for(user)


def _side(
    *,
    edition: Edition,
    next_edition: Edition,
    contact: User,
    coach: User,
    invitee: str,
    sequence: int,
) -> Side:
    company = contact.contact.company
    today = timezone.localdate()
    start = today - datetime.timedelta(days=60)
    enrolment = EnrolmentFactory.create(
        edition=edition,
        company=company,
        status=Enrolment.Status.ACTIVE,
        start_date=start,
        end_date=start + datetime.timedelta(days=300),
        lead_coach=coach,
    )
    draft = EnrolmentFactory.create(
        edition=next_edition, company=company, status=Enrolment.Status.DRAFT
    )
    now = timezone.now()
    analysis = NeedsAnalysis.objects.create(
        enrolment=enrolment,
        kind=NeedsAnalysis.Kind.BASELINE,
        questionnaire_version=1,
        status=NeedsAnalysis.Status.SUBMITTED,
        submitted_by=contact,
        submitted_at=now,
    )
    draft_analysis = NeedsAnalysis.objects.create(
        enrolment=enrolment, kind=NeedsAnalysis.Kind.FINAL, questionnaire_version=1
    )
    plan = DevelopmentPlan.objects.create(enrolment=enrolment, goal="Leren op de werkvloer")
    action = PlanAction.objects.create(
        plan=plan,
        title="Werkplekbegeleiders opleiden",
        kind=PlanAction.Kind.FORMAL,
        target_group=PlanAction.TargetGroup.MBO_STAFF,
    )
    session = CoachingSession.objects.create(
        enrolment=enrolment,
        coach=coach,
        date=today,
        minutes=60,
        activity=CoachingSession.Activity.CONVERSATION,
        summary="Gesprek over het ontwikkelplan.",
        private_notes="Alleen voor coaches.",
    )
    extra_hours = BudgetAdjustment.objects.create(
        enrolment=enrolment, minutes=600, reason="De BBL-trajecten lopen door.", requested_by=coach
    )
    network = LearningNetwork.objects.create(edition=edition, name=f"Netwerk {company}")
    network.members.add(enrolment)
    network.facilitators.add(coach)
    meeting = MeetingFactory.create(network=network)
    registration = RegistrationFactory.create(meeting=meeting, enrolment=enrolment)
    document = MeetingDocument.objects.create(
        meeting=meeting,
        title="Presentatie",
        file=ContentFile(b"%PDF-1.7 test", name="presentatie.pdf"),
        uploaded_by=coach,
    )
    experience = Experience.objects.create(
        network=network, author=contact, enrolment=enrolment, body="Mentoring werkt."
    )
    story = story_save(enrolment=enrolment, by=coach, title="Samen leren", body="Het werkt.")
    story_consent_give(story=story, by=contact)
    story_publish(story=story)
    invoice = DraftInvoiceFactory.create(
        enrolment=enrolment,
        number=f"{today.year}-{sequence:04d}",
        year=today.year,
        sequence=sequence,
        issue_date=today,
        due_date=today + datetime.timedelta(days=30),
        supply_date=today,
        issued_at=now,
        ubl_xml="<Invoice/>",
        pdf=ContentFile(b"%PDF-1.7 factuur", name=f"factuur-{sequence}.pdf"),
        pdf_sha256=SHA,
        pdf_status=Invoice.DocumentStatus.DONE,
        total_amount=Decimal("2420.00"),
    )
    report = Report.objects.create(
        kind=Report.Kind.PROGRESS,
        enrolment=enrolment,
        requested_by=contact,
        status=Report.Status.DONE,
        file=ContentFile(b"%PDF-1.7 rapport", name="voortgang.pdf"),
        sha256=SHA,
    )
    # Edition-wide, so staff's only; one per side keeps the matrix's two columns filled.
    province_report = Report.objects.create(
        kind=Report.Kind.PROVINCE,
        edition=edition if sequence == 1 else next_edition,
        status=Report.Status.DONE,
        file=ContentFile(b"%PDF-1.7 provincie", name="provincie.pdf"),
        sha256=SHA,
    )
    invitation = Invitation.objects.create(company=company, email=invitee, invited_by=contact)
    feed = CalendarFeed.objects.create(user=contact)
    PeopleInformed.objects.create(company=company, confirmed_by=contact)
    participant = Participant.objects.create(
        company=company, name="Anna de Vries", group=Group.EMPLOYEE, education=Education.MBO3
    )
    # Anna takes part in the action: the URLs of a participation name both.
    ActionParticipant.objects.create(action=action, participant=participant)
    survey = TeamSurvey.objects.create(
        enrolment=enrolment,
        kind=TeamSurvey.Kind.FINAL,
        instrument_version=1,
        company_token=f"bedrijfslink-{sequence}-abcdefghij",
        opened_on=today,
    )
    survey_token = f"persoonlijke-link-{sequence}-abcdefghij"
    PersonalLink.objects.create(survey=survey, token_hash=token_hash(survey_token))
    failed_mail = Mail.objects.create(
        kind="invitation",
        to=contact.email,
        subject="Uitnodiging",
        body="Welkom",
        status=Mail.Status.FAILED,
        next_attempt_at=now,
        message_id=f"<mislukt-{sequence}@leercultuur.test>",
    )
    note = EnrolmentNote.objects.create(
        enrolment=enrolment,
        author=coach,
        text="Intern: de directeur twijfelt nog over de BBL-plekken.",
        visibility=EnrolmentNote.Visibility.INTERNAL,
    )
    return Side(
        company=company,
        enrolment=enrolment,
        draft=draft,
        analysis=analysis,
        draft_analysis=draft_analysis,
        action=action,
        session=session,
        extra_hours=extra_hours,
        network=network,
        meeting=meeting,
        registration=registration,
        document=document,
        experience=experience,
        story=story,
        invoice=invoice,
        report=report,
        province_report=province_report,
        invitation=invitation,
        feed=feed,
        participant=participant,
        survey=survey,
        survey_token=survey_token,
        failed_mail=failed_mail,
        note=note,
    )


def build_world(
    *,
    plain_user: User,
    contact: User,
    other_contact: User,
    coach: User,
    other_coach: User,
    staff: User,
) -> World:
    edition = EditionFactory.create(name="Editie 2026")
    next_edition = EditionFactory.create(name="Editie 2027")
    common = {"edition": edition, "next_edition": next_edition}
    # A's invitation is addressed to the plain user: the one page that is "theirs".
    a = _side(contact=contact, coach=coach, invitee=plain_user.email, sequence=1, **common)
    b = _side(
        contact=other_contact, coach=other_coach, invitee="collega@example.nl", sequence=2, **common
    )
    users: dict[str, User | None] = {
        "anonymous": None,
        "plain": plain_user,
        "contact": contact,
        "other_contact": other_contact,
        "coach": coach,
        "other_coach": other_coach,
        "staff": staff,
    }
    return World(users=users, a=a, b=b)
