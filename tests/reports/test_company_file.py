"""The company file (bedrijfsdossier): who opens it, what each section shows, the notes kept
in it, a query count that does not grow with the trajectory, and internal notes that never
reach the company (its page, its progress report, its CSV, its privacy export)."""

import datetime
import io
import json
from dataclasses import dataclass
from decimal import Decimal

import pypdf
import pytest
from auditlog.models import LogEntry
from django.core.files.base import ContentFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pytest_django import DjangoCaptureOnCommitCallbacks

from accounts.models import User
from coaching.models import Coach, CoachingSession
from companies.models import (
    Contact,
    DevelopmentPlan,
    Enrolment,
    EnrolmentNote,
    EnrolmentTransition,
    NeedsAnalysis,
    PlanAction,
)
from invoicing.services import payment_record
from people.models import Education, Group
from reports.models import Report
from reports.services import report_request
from surveys.models import SurveyResponse, TeamSurvey
from tests.conftest import client_for
from tests.factories import (
    CoachFactory,
    ContactFactory,
    IssuedInvoiceFactory,
    LearningNetworkFactory,
    MeetingFactory,
    ParticipantFactory,
    RegistrationFactory,
    running_enrolment,
    with_totp,
)
from tests.leercultuur.matrix import MATRIX

pytestmark = pytest.mark.django_db

INTERNAL_TEXT = "INTERN-directeur-twijfelt-over-BBL"
SHARED_TEXT = "Gedeeld: mooie start met de werkplekbegeleiders"
PHONE = "0612345678"


@dataclass
class File:
    enrolment: Enrolment
    internal: EnrolmentNote
    shared: EnrolmentNote

    @property
    def url(self) -> str:
        return reverse("company_file", args=[self.enrolment.public_id])


def session(enrolment: Enrolment, coach: User, days_ago: int, activity: str = "intake") -> None:
    CoachingSession.objects.create(
        enrolment=enrolment,
        coach=coach,
        date=timezone.localdate() - datetime.timedelta(days=days_ago),
        minutes=60,
        activity=activity,
    )


def done_report(enrolment: Enrolment, requested_by: User) -> Report:
    return Report.objects.create(
        kind=Report.Kind.PROGRESS,
        enrolment=enrolment,
        requested_by=requested_by,
        status=Report.Status.DONE,
        file=ContentFile(b"%PDF-1.7 rapport", name="voortgang.pdf"),
        sha256="0" * 64,
    )


@pytest.fixture
def file(contact: User, coach: User, staff: User) -> File:
    """A trajectory of Bakkerij Jansen with something in every section of its file."""
    company = contact.contact.company
    company.legal_name = "Bakkerij Jansen B.V."
    company.save()
    enrolment = running_enrolment(company, coach)
    Contact.objects.filter(user=contact).update(phone=PHONE, position="Directeur")
    ContactFactory.create(
        company=company, position="Bedrijfsleider", user__email="bedrijfsleider@example.nl"
    )
    # Participants: one manager (hbo), two mbo-educated employees, one of them ambassador.
    ParticipantFactory.create(company=company, group=Group.MANAGEMENT, education=Education.HBO)
    ParticipantFactory.create(company=company, is_ambassador=True)
    ParticipantFactory.create(company=company)
    ParticipantFactory.create(company=company, is_active=False)  # not counted
    for old, new in (("draft", "submitted"), ("submitted", "accepted"), ("accepted", "active")):
        EnrolmentTransition.objects.create(
            enrolment=enrolment, from_status=old, to_status=new, by=staff
        )
    NeedsAnalysis.objects.create(
        enrolment=enrolment,
        kind=NeedsAnalysis.Kind.BASELINE,
        questionnaire_version=1,
        status=NeedsAnalysis.Status.SUBMITTED,
        submitted_at=timezone.now(),
    )
    survey = TeamSurvey.objects.create(
        enrolment=enrolment,
        kind=TeamSurvey.Kind.BASELINE,
        instrument_version=1,
        company_token="bedrijfslink-dossier",
        opened_on=timezone.localdate(),
        is_open=False,
        closed_on=timezone.localdate(),
    )
    for _n in range(3):
        SurveyResponse.objects.create(
            survey=survey, group="employee", answers={"a": 5}, submitted_on=timezone.localdate()
        )
    plan = DevelopmentPlan.objects.create(enrolment=enrolment)
    for status in ("planned", "planned", "in_progress", "done"):
        PlanAction.objects.create(
            plan=plan,
            title="Actie",
            kind="formal",
            target_group="everyone",
            status=status,
            done_date=timezone.localdate() if status == "done" else None,
        )
    for days_ago in range(6):  # six sessions: the oldest, a workshop, is not in the file
        session(enrolment, coach, days_ago, "workshop" if days_ago == 5 else "intake")
    network = LearningNetworkFactory.create(
        edition=enrolment.edition, name="Netwerk Liemers", members=[enrolment]
    )
    held = MeetingFactory.create(
        network=network, starts_at=timezone.now() - datetime.timedelta(days=7)
    )
    RegistrationFactory.create(meeting=held, enrolment=enrolment, attended=True)
    RegistrationFactory.create(meeting=held, enrolment=enrolment, attended=False)
    RegistrationFactory.create(meeting=MeetingFactory.create(network=network), enrolment=enrolment)
    today = timezone.localdate()
    paid = IssuedInvoiceFactory.create(enrolment=enrolment, number="2026-0001")
    payment_record(invoice=paid, amount=paid.total_amount, paid_on=today, by=None)
    IssuedInvoiceFactory.create(
        enrolment=enrolment,
        number="2026-0002",
        net_amount=Decimal("500.00"),
        vat_amount=Decimal("105.00"),
        total_amount=Decimal("605.00"),
        issue_date=today - datetime.timedelta(days=60),
        due_date=today - datetime.timedelta(days=30),
    )
    done_report(enrolment, contact)
    internal = EnrolmentNote.objects.create(
        enrolment=enrolment, author=coach, text=INTERNAL_TEXT, visibility="internal"
    )
    shared = EnrolmentNote.objects.create(
        enrolment=enrolment, author=coach, text=SHARED_TEXT, visibility="shared"
    )
    return File(enrolment, internal, shared)


def page(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


# --- Who opens the file ----------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_log_in(file: File) -> None:
    response = Client().get(file.url)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_staff_and_the_enrolments_coaches_open_it(file: File, coach: User, staff: User) -> None:
    second = with_totp(CoachFactory.create().user)
    file.enrolment.coaches.add(second)

    for user in (staff, coach, second):
        assert "Bedrijfsdossier van Bakkerij Jansen B.V." in page(client_for(user), file.url)


@pytest.mark.parametrize("who", ["other_coach", "contact", "other_contact", "plain_user"])
def test_everyone_else_gets_a_404(request: pytest.FixtureRequest, file: File, who: str) -> None:
    """The company's own contact too: the file is the programme's, not the company's."""
    user = request.getfixturevalue(who)

    assert client_for(user).get(file.url).status_code == 404


def test_a_coach_whose_role_ended_gets_a_404(file: File, coach: User) -> None:
    Coach.objects.filter(user=coach).update(is_active=False)

    assert client_for(coach).get(file.url).status_code == 404


def test_an_unknown_enrolment_is_a_404(staff: User) -> None:
    url = reverse("company_file", args=["0b6b2f54-9a5e-4a57-8f5f-5d3f0f4a0a11"])

    assert client_for(staff).get(url).status_code == 404


def test_the_matrix_covers_the_new_urls() -> None:
    assert MATRIX["company_file"].on == "enrolment"
    assert MATRIX["note_delete"].on == "note"


# --- What each section shows ---------------------------------------------------------------


def test_every_section_is_there_in_order(file: File, coach: User) -> None:
    html = page(client_for(coach), file.url)

    headings = [
        "Bedrijf",
        "Contactpersonen",
        "Deelnemers",
        "Statusgeschiedenis",
        "Behoefteanalyse",
        "Ontwikkelplan",
        "Uren en tempo",
        "Lerend netwerk",
        "Facturen",
        "Rapportages",
        "Notities",
    ]
    positions = [html.index(f'-kop">{heading}</h2>') for heading in headings]
    assert positions == sorted(positions)
    assert html.count("<section ") == len(headings)


def test_company_and_contacts(file: File, coach: User, staff: User) -> None:
    html = page(client_for(coach), file.url)

    company = file.enrolment.company
    assert company.kvk_number in html
    assert "Stationsstraat 1, 6811 AA Arnhem" in html
    assert "Arnhem-Nijmegen" in html
    assert "40, van wie 25 mbo-opgeleid" in html
    assert f'href="tel:{PHONE}"' in html
    assert 'href="mailto:contact@bakkerij-jansen.nl"' in html
    assert 'href="mailto:bedrijfsleider@example.nl"' in html
    assert "Directeur" in html
    assert "Bedrijfsleider" in html
    # The administration is for staff.
    admin_link = reverse("admin:companies_company_change", args=[company.pk])
    assert admin_link not in html
    assert admin_link in page(client_for(staff), file.url)


def test_participants_history_and_analysis(file: File, coach: User, staff: User) -> None:
    html = page(client_for(coach), file.url)

    assert "<dt>Actieve deelnemers</dt><dd>3</dd>" in html
    assert "<dt>Eigenaar of leiding</dt><dd>1</dd>" in html
    assert "<dt>Mbo-opgeleid</dt><dd>2</dd>" in html
    assert "<dt>Ambassadeurs</dt><dd>1</dd>" in html
    assert reverse("participant_list", args=[file.enrolment.public_id]) in html
    assert html.count(f"({staff})") == 3  # who changed the status, each time
    baseline = file.enrolment.analyses.get()
    assert reverse("analysis_detail", args=[baseline.public_id]) in html
    # The team survey: its state and number of responses, no results.
    assert "gesloten" in html
    assert "3 reacties" in html


def test_plan_hours_network(file: File, coach: User) -> None:
    html = page(client_for(coach), file.url)

    assert "<dt>Gepland</dt><dd>2 acties</dd>" in html
    assert "<dt>Bezig</dt><dd>1 actie</dd>" in html
    assert "<dt>Afgerond</dt><dd>1 actie</dd>" in html
    assert "6 uur gebruikt van 120 uur" in html
    assert "nog 114 uur over" in html
    assert html.count('class="session"') == 5
    assert "Workshop" not in html  # the sixth, oldest session: on the hours page
    assert reverse("enrolment_sessions", args=[file.enrolment.public_id]) in html
    assert "Netwerk Liemers" in html
    assert "<dt>Gehouden bijeenkomsten</dt><dd>1</dd>" in html
    assert "<dt>Aangemeld voor</dt><dd>1</dd>" in html
    assert "<dt>Bijeenkomsten bijgewoond</dt><dd>1</dd>" in html
    assert "<dt>Aangemeld voor komende bijeenkomsten</dt><dd>1</dd>" in html


def test_invoices_and_reports(file: File, coach: User) -> None:
    html = page(client_for(coach), file.url)

    assert "2026-0001" in html
    assert "Betaald" in html
    assert "2026-0002" in html
    assert "Te laat" in html
    assert "€\xa0605,00" in html
    report = Report.objects.get()
    assert reverse("report_download", args=[report.public_id]) in html
    assert reverse("enrolment_reports", args=[file.enrolment.public_id]) in html


def test_notes_newest_first_with_a_badge(file: File, coach: User) -> None:
    html = page(client_for(coach), file.url)

    assert html.index(SHARED_TEXT) < html.index(INTERNAL_TEXT)
    assert '<span class="badge badge--success">Gedeeld met het bedrijf</span>' in html
    assert '<span class="badge badge--warning">Intern</span>' in html


def test_only_the_newest_notes_until_asked_for_all(file: File, coach: User) -> None:
    EnrolmentNote.objects.bulk_create(
        EnrolmentNote(
            enrolment=file.enrolment, author=coach, text=f"Notitie {n}", visibility="internal"
        )
        for n in range(25)
    )

    html = page(client_for(coach), file.url)
    assert html.count('class="note"') == 20
    assert "?notities=alle#notities" in html
    assert page(client_for(coach), file.url + "?notities=alle").count('class="note"') == 27


# --- Writing and deleting notes --------------------------------------------------------------


def test_the_note_form_makes_the_writer_choose(file: File, coach: User) -> None:
    client = client_for(coach)
    html = page(client, file.url)
    assert 'type="radio"' in html
    assert "checked" not in html.split('id="notities-kop"')[1]

    response = client.post(file.url, {"text": "Zonder keuze."})

    assert response.status_code == 200
    assert "Kies wie de notitie mag lezen" in response.content.decode()
    assert not EnrolmentNote.objects.filter(text="Zonder keuze.").exists()


def test_a_coach_adds_a_note_and_the_audit_log_says_so(file: File, coach: User) -> None:
    response = client_for(coach).post(
        file.url, {"text": "Afspraak met de OR gepland.", "visibility": "shared"}
    )

    assert response.status_code == 302
    assert response["Location"] == file.url + "#notities"
    note = EnrolmentNote.objects.get(text="Afspraak met de OR gepland.")
    assert (note.author, note.visibility) == (coach, "shared")
    entry = LogEntry.objects.get_for_object(note).get()
    assert (entry.action, entry.actor) == (LogEntry.Action.CREATE, coach)


def test_the_author_deletes_after_confirming(file: File, coach: User) -> None:
    client = client_for(coach)
    url = reverse("note_delete", args=[file.internal.public_id])
    assert url in page(client, file.url)

    html = page(client, url)
    assert INTERNAL_TEXT in html
    assert "Notitie verwijderen" in html
    assert EnrolmentNote.objects.filter(pk=file.internal.pk).exists()

    response = client.post(url)
    assert response.status_code == 302
    assert not EnrolmentNote.objects.filter(pk=file.internal.pk).exists()
    entry = LogEntry.objects.get(object_pk=str(file.internal.pk), action=LogEntry.Action.DELETE)
    assert entry.actor == coach


def test_another_coach_of_the_company_cannot_delete_it(file: File) -> None:
    second = with_totp(CoachFactory.create().user)
    file.enrolment.coaches.add(second)
    client = client_for(second)
    url = reverse("note_delete", args=[file.internal.public_id])
    assert url not in page(client, file.url)

    html = page(client, url)
    assert "Alleen wie deze notitie schreef" in html
    assert "Notitie verwijderen</button>" not in html
    client.post(url)
    assert EnrolmentNote.objects.filter(pk=file.internal.pk).exists()


def test_staff_delete_a_coachs_note(file: File, staff: User) -> None:
    response = client_for(staff).post(reverse("note_delete", args=[file.shared.public_id]))

    assert response.status_code == 302
    assert not EnrolmentNote.objects.filter(pk=file.shared.pk).exists()


# --- A fixed number of queries -----------------------------------------------------------------


def queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def more_of_everything(file: File, coach: User, staff: User) -> None:
    enrolment = file.enrolment
    company = enrolment.company
    for n in range(10):
        session(enrolment, coach, 10 + n)
        ContactFactory.create(company=company)
        ParticipantFactory.create(company=company)
        EnrolmentNote.objects.create(
            enrolment=enrolment, author=coach, text=f"Nog een notitie {n}", visibility="shared"
        )
        IssuedInvoiceFactory.create(enrolment=enrolment)
        done_report(enrolment, staff)
        EnrolmentTransition.objects.create(
            enrolment=enrolment, from_status="active", to_status="active", by=staff
        )
        PlanAction.objects.create(
            plan=enrolment.development_plan, title="Extra", kind="informal", target_group="other"
        )
        RegistrationFactory.create(
            meeting=MeetingFactory.create(
                network=enrolment.networks.get(),
                starts_at=timezone.now() - datetime.timedelta(days=20 + n),
            ),
            enrolment=enrolment,
            attended=True,
        )
    enrolment.coaches.add(*(with_totp(CoachFactory.create().user) for _n in range(3)))


@pytest.mark.parametrize("who", ["coach", "staff"])
def test_the_query_count_does_not_grow_with_the_trajectory(
    request: pytest.FixtureRequest, file: File, coach: User, staff: User, who: str
) -> None:
    client = client_for(request.getfixturevalue(who))
    queries(client, file.url)  # warm: the session, the content types
    before = queries(client, file.url)

    more_of_everything(file, coach, staff)
    after = queries(client, file.url)

    assert before == after
    assert after <= 30


# --- Internal notes never reach the company ------------------------------------------------------


def test_the_contacts_enrolment_page_shows_shared_notes_only(file: File, contact: User) -> None:
    html = page(client_for(contact), reverse("enrolment_detail", args=[file.enrolment.public_id]))

    assert "Notities van het programmabureau en uw coach" in html
    assert SHARED_TEXT in html
    assert INTERNAL_TEXT not in html
    assert reverse("company_file", args=[file.enrolment.public_id]) not in html


def test_nothing_the_contact_downloads_holds_an_internal_note(file: File, contact: User) -> None:
    client = client_for(contact)
    for name, args in (
        ("company_dashboard", []),
        ("invoice_list", []),
        ("enrolment_sessions", [file.enrolment.public_id]),
        ("enrolment_sessions_csv", [file.enrolment.public_id]),
        ("enrolment_reports", [file.enrolment.public_id]),
        ("privacy_download", []),
    ):
        response = client.get(reverse(name, args=args))
        assert response.status_code == 200, name
        assert INTERNAL_TEXT not in response.content.decode(), name
    export = json.loads(client.get(reverse("privacy_download")).content)
    assert export["data"]["companies.enrolmentnote"] == []


def test_the_progress_report_holds_shared_notes_only(
    file: File,
    contact: User,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        report = report_request(
            kind=Report.Kind.PROGRESS, requested_by=contact, enrolment=file.enrolment
        )
    report.refresh_from_db()
    assert report.status == Report.Status.DONE, report.error

    response = client_for(contact).get(reverse("report_download", args=[report.public_id]))
    pdf = b"".join(response.streaming_content)  # type: ignore[attr-defined]
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert "Notities van het programmabureau en de coach" in text
    assert SHARED_TEXT in text
    assert INTERNAL_TEXT not in text


def test_a_company_without_notes_shows_no_notes_heading(contact: User, coach: User) -> None:
    enrolment = running_enrolment(contact.contact.company, coach)
    EnrolmentNote.objects.create(
        enrolment=enrolment, author=coach, text=INTERNAL_TEXT, visibility="internal"
    )

    html = page(client_for(contact), reverse("enrolment_detail", args=[enrolment.public_id]))

    assert "Notities van het programmabureau" not in html
    assert INTERNAL_TEXT not in html
