"""Privacy (AVG/GDPR): every model with personal data is declared, a person downloads all
of theirs, staff erase a person leaving no trace of their name, and old data is purged."""

import datetime
import json
from dataclasses import dataclass
from decimal import Decimal

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from auditlog.context import set_actor
from auditlog.models import LogEntry
from django.apps import apps
from django.contrib.admin.models import LogEntry as AdminLogEntry
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.mail import EmailMessage
from django.db import models
from django.test import Client
from django.test.utils import isolate_apps
from django.urls import reverse
from django.utils import timezone
from pytest_django import DjangoCaptureOnCommitCallbacks, Settings

from accounts import privacy
from accounts.models import User
from accounts.privacy import ERASED
from accounts.services import person_erase, person_export
from accounts.tasks import purge_personal_data
from coaching.models import BudgetAdjustment, Coach, CoachingSession, PeriodLock
from companies.models import (
    Company,
    CompanyChangeRequest,
    Contact,
    Enrolment,
    EnrolmentNote,
    EnrolmentTransition,
    Invitation,
    NeedsAnalysis,
    TrainingInstitution,
)
from invoicing.models import Invoice
from invoicing.services import invoice_issue, payment_record
from leercultuur.outbox.services import mail_queue_message
from networks.models import CalendarFeed, Experience, MeetingDocument, Registration
from people.models import (
    ActionParticipant,
    AmbassadorActivity,
    Group,
    Participant,
    PeopleInformed,
)
from reports.models import Report
from surveys.models import SurveyInvitation, SurveyResponse, TeamSurvey
from tests.conftest import client_for
from tests.factories import (
    CoachingSessionFactory,
    ContactFactory,
    DevelopmentPlanFactory,
    DraftInvoiceFactory,
    EnrolmentFactory,
    InvitationFactory,
    IssuerDetailsFactory,
    NeedsAnalysisFactory,
    ParticipantFactory,
    PlanActionFactory,
    RegistrationFactory,
    UserFactory,
    meeting_for,
    with_totp,
)
from website.services import story_consent_give, story_save

# --- Every model with personal data is declared ----------------------------------------

# A field whose name has one of these words probably holds something about a person.
PERSON_WORDS = {"name", "email", "phone", "mobile", "contact", "author", "owner", "person", "actor"}


def personal_fields(model: type[models.Model]) -> set[str]:
    """Found mechanically: links to a user, e-mail addresses, person-like names, free text."""
    found = set()
    for field in model._meta.get_fields():
        if field.auto_created and not field.concrete:
            continue  # reverse relations are declared on the other side
        if field.is_relation and field.related_model is User:
            found.add(field.name)
        elif isinstance(field, models.EmailField | models.TextField | models.JSONField):
            found.add(field.name)  # free text can name anyone
        elif isinstance(field, models.CharField) and PERSON_WORDS & set(field.name.split("_")):
            found.add(field.name)
    return found


def problems(model: type[models.Model]) -> list[str]:
    detected = personal_fields(model)
    declared = privacy.declared_fields(model)
    label = model._meta.label
    unhandled = detected - declared["erased"] - declared["not_personal"]
    found = [f"{label}.{name}: neither erased nor kept with a reason" for name in unhandled]
    personal = detected - declared["not_personal"]
    if personal and not declared["exported"] and not declared["export_declared"]:
        found.append(f"{label}: holds {sorted(personal)} but is not in the export")
    return found


def test_every_model_with_personal_data_is_exported_and_erased(db: None) -> None:
    found = [problem for model in apps.get_models() for problem in problems(model)]

    assert not found, "declare these in the app's privacy.py:\n" + "\n".join(found)


@isolate_apps("tests")
def test_a_new_model_with_personal_data_fails_until_declared() -> None:
    class Volunteer(models.Model):
        user = models.ForeignKey(User, on_delete=models.CASCADE)
        full_name = models.CharField(max_length=100)
        notes = models.TextField()
        hours = models.PositiveIntegerField()

        class Meta:
            app_label = "tests"

        def __str__(self) -> str:
            return self.full_name

    assert sorted(problems(Volunteer)) == [
        "tests.Volunteer.full_name: neither erased nor kept with a reason",
        "tests.Volunteer.notes: neither erased nor kept with a reason",
        "tests.Volunteer.user: neither erased nor kept with a reason",
        "tests.Volunteer: holds ['full_name', 'notes', 'user'] but is not in the export",
    ]


# --- A rich world around one contact and one coach -------------------------------------

NAME = "Sanne de Vries-Bakker"
OLD_NAME = "Sanne Willemsen"  # her name before staff changed it: only the audit log has it
EMAIL = "contact@bakkerij-jansen.nl"
SECOND_EMAIL = "sanne.devries@gmail.com"
COACH_NAME = "Gerrit Hofstede"
COACH_EMAIL = "coach@geldersvakmanschap.nl"
COLLEAGUE = "Piet Jansen"
# Columns that keep a name on purpose: the issued invoice (fiscal retention).
ALLOWED = {(Invoice, "buyer_contact"), (Invoice, "buyer_email"), (Invoice, "ubl_xml")}


@dataclass
class World:
    contact: User
    coach: User
    staff: User
    other_contact: User
    enrolment: Enrolment
    invoice: Invoice
    contact_client: Client


@pytest.fixture
def world(
    contact: User,
    coach: User,
    staff: User,
    other_contact: User,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> World:
    User.objects.filter(pk=contact.pk).update(full_name=OLD_NAME)
    User.objects.filter(pk=coach.pk).update(full_name=COACH_NAME)
    coach.refresh_from_db()
    # Staff correct her name in the admin: the audit log and the admin log remember both.
    client_for(staff).post(
        reverse("admin:accounts_user_change", args=[contact.pk]),
        {"email": EMAIL, "full_name": NAME, "is_active": "on"},
    )
    contact.refresh_from_db()
    assert contact.full_name == NAME
    EmailAddress.objects.create(user=contact, email=SECOND_EMAIL, verified=True)
    with_totp(contact)
    company = contact.contact.company
    company.legal_name = "Bakkerij Jansen B.V."
    company.billing_contact = NAME
    company.billing_email = EMAIL
    company.save()
    Coach.objects.filter(user=coach).update(phone="06-12345678")

    with set_actor(contact, remote_addr="192.0.2.10"):
        enrolment = EnrolmentFactory.create(
            company=company,
            status=Enrolment.Status.ACTIVE,
            submitted_by=contact,
            lead_coach=coach,
            motivation=f"{NAME} coördineert het leren; mail {EMAIL}.",
        )
        EnrolmentTransition.objects.create(
            enrolment=enrolment, from_status="draft", to_status="submitted", by=contact
        )
        NeedsAnalysisFactory.create(
            enrolment=enrolment,
            status=NeedsAnalysis.Status.REVIEWED,
            answers={"leren.vraag": f"Vraag het {OLD_NAME}", "cultuur.score": 4},
            learning_question=f"Hoe leert het team van {NAME}?",
            submitted_by=contact,
            reviewed_by=coach,
            coach_summary=f"Met {NAME} besproken.",
        )
        plan = DevelopmentPlanFactory.create(enrolment=enrolment, goal=f"Doel van {NAME}")
        action = PlanActionFactory.create(plan=plan, owner=NAME, description=f"{NAME} plant het.")
        PeopleInformed.objects.create(company=company, confirmed_by=contact)
        herself = Participant.objects.create(
            company=company,
            name=NAME,
            email=EMAIL,
            group=Group.MANAGEMENT,
            job_title="Directeur",
            is_ambassador=True,
        )
        ActionParticipant.objects.create(
            action=action,
            participant=herself,
            started_on=datetime.date(2026, 1, 5),
            finished_on=datetime.date(2026, 3, 2),
            certificate=ActionParticipant.Certificate.DIPLOMA,
            certificate_level="mbo4",
        )
        AmbassadorActivity.objects.create(
            participant=herself,
            kind=AmbassadorActivity.Kind.SPOKE,
            happened_on=datetime.date(2026, 2, 9),
            description="Vertelde over haar opleiding tot meester-bakker",
            recorded_by=coach,
        )
        TrainingInstitution.objects.create(
            name="Bakkersvakschool Oost",
            kind=TrainingInstitution.Kind.PRIVATE,
            contact_name=NAME,
            contact_email=EMAIL,
            contact_phone="0314-123456",
        )
        survey = TeamSurvey.objects.create(
            enrolment=enrolment,
            kind=TeamSurvey.Kind.BASELINE,
            instrument_version=1,
            company_token="bedrijfslink-privacy",
            opened_on=timezone.localdate(),
        )
        SurveyInvitation.objects.create(
            survey=survey, participant=herself, invited_on=timezone.localdate()
        )
        SurveyResponse.objects.create(survey=survey, submitted_on=timezone.localdate())
        CompanyChangeRequest.objects.create(
            company=company,
            requested_by=contact,
            changes={"billing_contact": [NAME, f"{NAME} en collega's"]},
        )
        InvitationFactory.create(company=company, email="collega@bakkerij-jansen.nl")
        Invitation.objects.filter(company=company).update(invited_by=contact)
        InvitationFactory.create(company=company, email=EMAIL, accepted_at=timezone.now())
        meeting = meeting_for(enrolment, days=-7)
        meeting.network.facilitators.add(coach)
        meeting.report = f"{NAME} vertelde over de werkplaats."
        meeting.save()
        RegistrationFactory.create(
            meeting=meeting, enrolment=enrolment, name=COLLEAGUE, registered_by=contact
        )
        RegistrationFactory.create(
            meeting=meeting, enrolment=enrolment, name=NAME, registered_by=contact
        )
        # Registered as the participant she is on her company's list: no name of its own.
        Registration.objects.create(
            meeting=meeting_for(enrolment, days=-3), enrolment=enrolment, participant=herself
        )
        Experience.objects.create(
            network=meeting.network,
            meeting=meeting,
            enrolment=enrolment,
            author=contact,
            body=f"Groeten van {NAME.upper()}",
        )
        MeetingDocument.objects.create(
            meeting=meeting,
            title="Sheets",
            file=ContentFile(b"%PDF-1.4", name="sheets.pdf"),
            uploaded_by=contact,
        )
        CalendarFeed.objects.create(user=contact)
        story = story_save(enrolment=enrolment, by=staff, title="Samen leren", body="Het werkt.")
        story_consent_give(story=story, by=contact)
        Report.objects.create(
            kind=Report.Kind.PROGRESS,
            enrolment=enrolment,
            requested_by=contact,
            status=Report.Status.FAILED,
            error=f"Font missing for {NAME}",
            data={"contact": NAME},
        )
    with set_actor(coach):
        session = CoachingSessionFactory.create(
            enrolment=enrolment,
            coach=coach,
            summary=f"Gesprek met {NAME}.",
            private_notes=f"Bereikbaar via {SECOND_EMAIL}; {COACH_NAME} belt terug.",
        )
        session.people.add(herself)
        BudgetAdjustment.objects.create(
            enrolment=enrolment, minutes=120, reason=f"{NAME} vroeg extra uren", requested_by=coach
        )
        # An internal note about her company: never in her export, her name scrubbed.
        EnrolmentNote.objects.create(
            enrolment=enrolment,
            author=coach,
            text=f"{NAME} twijfelt nog; {COACH_NAME} belt haar terug.",
            visibility=EnrolmentNote.Visibility.INTERNAL,
        )
    PeriodLock.objects.create(month=datetime.date(2020, 1, 1), closed_by=staff)
    # Mail to her, and mail to staff about her, still in the outbox.
    with django_capture_on_commit_callbacks(execute=False):
        mail_queue_message(
            kind="test", message=EmailMessage(f"Voor {NAME}", f"Beste {NAME},", to=[EMAIL])
        )
        mail_queue_message(
            kind="test", message=EmailMessage("Aanmelding", f"{NAME} ({EMAIL})", to=[staff.email])
        )
    IssuerDetailsFactory.create()
    with django_capture_on_commit_callbacks(execute=False):  # no PDF needed
        invoice = invoice_issue(invoice=DraftInvoiceFactory.create(enrolment=enrolment), by=staff)
    payment_record(
        invoice=invoice, amount=Decimal("100.00"), paid_on=timezone.localdate(), by=staff
    )

    # Another company, with a contact of its own, taking part in the same meeting.
    other_enrolment = EnrolmentFactory.create(
        company=other_contact.contact.company,
        edition=enrolment.edition,
        status=Enrolment.Status.ACTIVE,
        submitted_by=other_contact,
        motivation="Wij willen ook leren.",
    )
    meeting.network.members.add(other_enrolment)
    RegistrationFactory.create(
        meeting=meeting,
        enrolment=other_enrolment,
        name=other_contact.full_name,
        registered_by=other_contact,
    )

    contact_client = Client()
    contact_client.force_login(contact)
    return World(contact, coach, staff, other_contact, enrolment, invoice, contact_client)


def columns_mentioning(*terms: str) -> list[str]:
    """Every text column of every model, searched in the database."""
    found = []
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if not isinstance(field, models.CharField | models.TextField | models.JSONField):
                continue
            if (model, field.name) in ALLOWED:
                continue
            for term in terms:
                if model._base_manager.filter(**{f"{field.name}__icontains": term}).exists():
                    found.append(f"{model._meta.label}.{field.name} holds {term!r}")
    return found


# --- Erasure ---------------------------------------------------------------------------


def test_the_world_mentions_the_contact_everywhere_before_erasure(world: World) -> None:
    """The fixture is worth something: her name is spread over many tables."""
    tables = {".".join(hit.split(".")[:2]) for hit in columns_mentioning(NAME)}
    assert tables == {
        "accounts.User",
        "admin.LogEntry",
        "auditlog.LogEntry",
        "coaching.BudgetAdjustment",
        "coaching.CoachingSession",
        "companies.Company",
        "companies.CompanyChangeRequest",
        "companies.DevelopmentPlan",
        "companies.Enrolment",
        "companies.EnrolmentNote",
        "companies.NeedsAnalysis",
        "companies.PlanAction",
        "companies.TrainingInstitution",
        "networks.Experience",
        "networks.Meeting",
        "networks.Registration",
        "outbox.Mail",
        "people.Participant",
        "reports.Report",
        "website.StoryConsent",
    }
    assert LogEntry.objects.filter(changes__icontains=OLD_NAME).exists()
    assert AdminLogEntry.objects.filter(object_repr=NAME).exists()


def test_after_erasure_no_column_holds_the_contacts_name_or_address(world: World) -> None:
    person_erase(user=world.contact, by=world.staff)

    assert columns_mentioning(NAME, OLD_NAME, EMAIL, SECOND_EMAIL) == []
    # The allowed exception: the issued invoice keeps its customer details, unchanged.
    world.invoice.refresh_from_db()
    assert (world.invoice.buyer_contact, world.invoice.buyer_email) == (NAME, EMAIL)
    assert NAME in world.invoice.ubl_xml
    assert not LogEntry.objects.filter(actor=world.contact, remote_addr__isnull=False).exists()


def test_erasure_closes_the_account_and_keeps_what_the_person_did(world: World) -> None:
    contact = world.contact
    person_erase(user=contact, by=world.staff)

    contact.refresh_from_db()
    assert contact.email == f"erased-{contact.public_id}@invalid"
    assert contact.full_name == ""
    assert not contact.has_usable_password()
    assert not contact.is_active
    assert contact.erased_at is not None
    assert not EmailAddress.objects.filter(user=contact).exists()
    assert not Authenticator.objects.filter(user=contact).exists()
    assert not CalendarFeed.objects.filter(user=contact).exists()
    assert not Contact.objects.filter(user=contact).exists()
    assert not any(
        s.get_decoded().get("_auth_user_id") == str(contact.pk) for s in Session.objects.all()
    )
    response = world.contact_client.get(reverse("privacy"))
    assert response["Location"].startswith(reverse("account_login"))
    # What she did stays for the programme's figures, without her name.
    world.enrolment.refresh_from_db()
    assert world.enrolment.submitted_by == contact
    registrations = Registration.objects.filter(registered_by=contact)
    assert set(registrations.values_list("name", flat=True)) == {ERASED, COLLEAGUE}
    # As a participant she is erased on the list; her registration and session point at it.
    herself = Participant.objects.get(company=world.enrolment.company)
    assert (herself.name, herself.email) == (ERASED, "")
    assert Registration.objects.get(participant=herself).name == ""
    assert CoachingSession.objects.get(enrolment=world.enrolment).people.get() == herself
    # That she was mailed a team survey link goes; the anonymous responses stay.
    assert not SurveyInvitation.objects.filter(participant=herself).exists()
    assert SurveyResponse.objects.count() == 1
    assert Experience.objects.get(author=contact).body == f"Groeten van {ERASED}"
    # What she learned and did as ambassador stays, nameless; the free text about it goes.
    participation = ActionParticipant.objects.get(participant=herself)
    assert (participation.certificate, participation.certificate_level) == ("diploma", "mbo4")
    activity = AmbassadorActivity.objects.get(participant=herself)
    assert (activity.kind, activity.description) == ("spoke", "")
    institution = TrainingInstitution.objects.get()
    assert (institution.contact_name, institution.contact_email) == ("", "")
    assert institution.name == "Bakkersvakschool Oost"
    # Her account's history is gone but for the erasure itself, by whom.
    (entry,) = LogEntry.objects.get_for_object(contact)
    assert entry.actor == world.staff
    assert "erased_at" in entry.changes_dict
    # Nobody else was touched.
    other = User.objects.get(pk=world.other_contact.pk)
    assert other.is_active
    assert other.email == "contact@metaal-oost.nl"
    assert Registration.objects.filter(name=other.full_name).exists()
    assert Company.objects.get(pk=world.enrolment.company_id).legal_name == "Bakkerij Jansen B.V."


def test_after_erasing_the_coach_no_column_holds_their_name(world: World) -> None:
    person_erase(user=world.coach, by=world.staff)

    assert columns_mentioning(COACH_NAME, COACH_EMAIL) == []
    coach_row = Coach.objects.get(user=world.coach)
    assert (coach_row.phone, coach_row.is_active) == ("", False)
    session = CoachingSession.objects.get(enrolment=world.enrolment)
    assert session.coach_id == world.coach.pk
    assert session.minutes == 60
    assert session.private_notes == f"Bereikbaar via {SECOND_EMAIL}; {ERASED} belt terug."
    # The contact is still there: erasing one person leaves the other's data.
    assert User.objects.get(pk=world.contact.pk).full_name == NAME


def test_nobody_erases_themselves_and_nobody_is_erased_twice(world: World, english: None) -> None:
    with pytest.raises(ValidationError, match="your own account"):
        person_erase(user=world.staff, by=world.staff)
    person_erase(user=world.contact, by=world.staff)
    with pytest.raises(ValidationError, match="erased already"):
        person_erase(user=world.contact, by=world.staff)


def test_staff_erase_a_person_from_the_user_admin_after_confirming(world: World) -> None:
    client = client_for(world.staff)
    url = reverse("admin:accounts_user_changelist")
    selected = {"action": "erase", "_selected_action": [world.contact.pk]}

    asked = client.post(url, selected)
    assert asked.status_code == 200
    assert NAME in asked.content.decode()
    assert User.objects.get(pk=world.contact.pk).erased_at is None

    unconfirmed = client.post(url, {**selected, "apply": "1"})
    assert unconfirmed.status_code == 200
    assert User.objects.get(pk=world.contact.pk).erased_at is None

    done = client.post(url, {**selected, "apply": "1", "confirm": "on"})
    assert done.status_code == 302
    assert User.objects.get(pk=world.contact.pk).erased_at is not None


# --- Export ----------------------------------------------------------------------------


def test_the_exports_cover_every_registered_kind_of_data(world: World) -> None:
    sections = set()
    for user in (world.contact, world.coach, world.staff):
        data = person_export(user=user)["data"]
        sections |= {section for section, rows in data.items() if rows}

    registered = {entry.section for entry in privacy.entries() if entry.export}
    assert registered - sections == set()


def test_the_export_holds_the_contacts_data_and_nobody_elses(world: World) -> None:
    response = world.contact_client.get(reverse("privacy_download"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    today = timezone.localdate().isoformat()
    expected = f'attachment; filename="mijn-gegevens-{today}.json"'
    assert response["Content-Disposition"] == expected
    text = response.content.decode()
    export = json.loads(text)
    assert export["person"] == {"name": NAME, "email": EMAIL}
    data = export["data"]
    assert data["companies.contact"][0]["position"] == "HR-adviseur"
    assert {row["email"] for row in data["account.emailaddress"]} == {EMAIL, SECOND_EMAIL}
    assert data["companies.enrolment"][0]["motivation"].startswith(NAME)
    assert data["networks.registration.own"][0]["name"] == NAME
    [as_participant] = data["networks.registration.as_participant"]
    assert (as_participant["participant"], as_participant["status"]) == (NAME, "registered")
    [took_part] = data["coaching.session.took_part"]
    assert took_part["minutes"] == 60
    assert "private_notes" not in took_part
    assert "summary" not in took_part
    assert len(data["networks.registration.made"]) == 2
    assert data["invoicing.invoice"][0]["buyer_contact"] == NAME
    assert data["networks.experience"][0]["body"] == f"Groeten van {NAME.upper()}"
    [learned] = data["people.actionparticipant"]
    assert (learned["certificate"], learned["certificate_level"]) == ("diploma", "mbo4")
    assert learned["finished_on"] == "2026-03-02"
    [spoke] = data["people.ambassadoractivity"]
    assert (spoke["kind"], spoke["description"]) == (
        "spoke",
        "Vertelde over haar opleiding tot meester-bakker",
    )
    assert data["companies.traininginstitution"][0]["contact_phone"] == "0314-123456"
    assert "secret" not in json.dumps(data["mfa.authenticator"])
    assert data["companies.enrolmentnote"] == []  # notes about her company are not hers
    for stranger in (
        world.other_contact.email,
        world.other_contact.full_name,
        str(world.other_contact.contact.company),
        COLLEAGUE,
        "collega@bakkerij-jansen.nl",
        COACH_NAME,
        world.staff.full_name,
        "192.0.2.10",
    ):
        assert stranger not in text


def test_each_person_downloads_only_their_own_data(world: World) -> None:
    text = client_for(world.other_contact).get(reverse("privacy_download")).content.decode()

    assert world.other_contact.email in text
    assert EMAIL not in text
    assert NAME not in text


def test_the_privacy_page_offers_the_download(contact: User) -> None:
    response = client_for(contact).get(reverse("privacy"))

    assert response.status_code == 200
    assert reverse("privacy_download") in response.content.decode()


@pytest.mark.parametrize("name", ["privacy", "privacy_download"])
def test_anonymous_visitors_are_sent_to_login(client: Client, name: str) -> None:
    response = client.get(reverse(name))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


# --- Retention -------------------------------------------------------------------------


def test_the_nightly_purge_removes_what_is_past_retention_and_nothing_else(
    settings: Settings,
    staff: User,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    settings.PRIVACY_RETENTION_YEARS = 2
    now = timezone.now()
    long_ago = now - datetime.timedelta(days=3 * 365)
    last_year = now - datetime.timedelta(days=365)

    def contact_with_trajectory(email: str, *, login: datetime.datetime, ended: datetime.datetime):
        user = ContactFactory.create(user__email=email, user__full_name=email.split("@")[0]).user
        User.objects.filter(pk=user.pk).update(last_login=login, date_joined=long_ago)
        enrolment = EnrolmentFactory.create(
            company=user.contact.company,
            status=Enrolment.Status.COMPLETED,
            start_date=(ended - datetime.timedelta(days=300)).date(),
            end_date=ended.date(),
            submitted_by=user,
        )
        Enrolment.objects.filter(pk=enrolment.pk).update(updated_at=ended)
        return user, enrolment

    gone, gone_enrolment = contact_with_trajectory("weg@oud.nl", login=long_ago, ended=long_ago)
    recent_trajectory, _ = contact_with_trajectory("recent@nl.nl", login=long_ago, ended=last_year)
    recent_login, _ = contact_with_trajectory("actief@nl.nl", login=last_year, ended=long_ago)
    User.objects.filter(pk=staff.pk).update(last_login=long_ago, date_joined=long_ago)
    never_logged_in = UserFactory.create(email="nooit@nl.nl")
    User.objects.filter(pk=never_logged_in.pk).update(date_joined=long_ago)
    IssuerDetailsFactory.create()
    with django_capture_on_commit_callbacks(execute=False):
        invoice = invoice_issue(
            invoice=DraftInvoiceFactory.create(enrolment=gone_enrolment), by=staff
        )

    old_meeting = meeting_for(gone_enrolment, days=-3 * 365)
    old_registration = RegistrationFactory.create(meeting=old_meeting, enrolment=gone_enrolment)
    old_person = ParticipantFactory.create(company=gone_enrolment.company)
    Participant.objects.filter(pk=old_person.pk).update(updated_at=long_ago)
    old_participation = Registration.objects.create(
        meeting=old_meeting, enrolment=gone_enrolment, participant=old_person
    )
    new_meeting = meeting_for(gone_enrolment, days=7)
    new_registration = RegistrationFactory.create(meeting=new_meeting, enrolment=gone_enrolment)
    old_invitation = InvitationFactory.create()
    accepted_invitation = InvitationFactory.create(accepted_at=long_ago)
    new_invitation = InvitationFactory.create()
    Invitation.objects.filter(pk__in=[old_invitation.pk, accepted_invitation.pk]).update(
        created_at=long_ago
    )

    def report(status: str, created: datetime.datetime) -> Report:
        made = Report.objects.create(
            kind=Report.Kind.PROGRESS, enrolment=gone_enrolment, status=status, sha256="0" * 64
        )
        made.file.save("rapport.pdf", ContentFile(b"%PDF-1.4"), save=True)
        Report.objects.filter(pk=made.pk).update(created_at=created)
        return made

    old_report = report(Report.Status.DONE, long_ago)
    old_file = old_report.file.path
    new_report = report(Report.Status.DONE, last_year)
    stuck_report = report(Report.Status.PENDING, long_ago)
    LogEntry.objects.all().update(timestamp=long_ago)
    recent_entry = LogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(Report),
        object_pk=str(new_report.pk),
        object_repr=str(new_report),
        action=LogEntry.Action.UPDATE,
    )

    assert settings.CELERY_BEAT_SCHEDULE["purge-personal-data"]["task"] == purge_personal_data.name
    with django_capture_on_commit_callbacks(execute=True):
        counts = purge_personal_data.apply().get()

    assert counts["dormant people erased"] == 2
    assert User.objects.get(pk=gone.pk).erased_at is not None
    assert User.objects.get(pk=never_logged_in.pk).erased_at is not None
    for kept in (recent_trajectory, recent_login, staff):
        assert User.objects.get(pk=kept.pk).erased_at is None
    # The issued invoice of the erased contact's company is not touched.
    assert Invoice.objects.get(pk=invoice.pk).buyer_legal_name == invoice.buyer_legal_name
    old_registration.refresh_from_db()
    new_registration.refresh_from_db()
    assert (old_registration.name, old_registration.role) == (ERASED, "")
    # A participant's registration holds no name; the participant's own purge erased it.
    old_participation.refresh_from_db()
    assert old_participation.name == ""
    assert Participant.objects.get(pk=old_person.pk).name == ERASED
    assert new_registration.name not in {ERASED, ""}
    assert set(Invitation.objects.values_list("pk", flat=True)) >= {
        accepted_invitation.pk,
        new_invitation.pk,
    }
    assert not Invitation.objects.filter(pk=old_invitation.pk).exists()
    assert set(Report.objects.values_list("pk", flat=True)) == {new_report.pk, stuck_report.pk}
    assert not old_report.file.storage.exists(old_file)
    assert LogEntry.objects.filter(pk=recent_entry.pk).exists()
    assert not LogEntry.objects.filter(timestamp__lt=now - datetime.timedelta(days=700)).exists()

    again = purge_personal_data.apply().get()
    assert set(again.values()) == {0}


def test_retention_counts_whole_years_back(settings: Settings) -> None:
    settings.PRIVACY_RETENTION_YEARS = 2
    leap_day = datetime.datetime(2028, 2, 29, 12, tzinfo=datetime.UTC)

    cutoff = privacy.retention_cutoff(leap_day)

    assert cutoff == datetime.datetime(2026, 2, 28, 12, tzinfo=datetime.UTC)
