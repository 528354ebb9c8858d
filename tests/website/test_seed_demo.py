"""seed_demo shows the whole portal and can run again without changing anything."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone
from pytest_django import DjangoCaptureOnCommitCallbacks, Settings
from stdnum import iban
from stdnum.nl import btw

from accounts.models import User
from coaching.models import CoachingSession
from coaching.selectors import budget_status
from companies.models import Company, Enrolment, NeedsAnalysis, PlanAction, TrainingInstitution
from invoicing.models import IssuerDetails
from networks.models import Meeting, Registration
from networks.selectors import company_attendance, library_experiences
from people.models import ActionParticipant, AmbassadorActivity, Participant
from reports.queues import NO_FILTERS, QUEUES
from website.models import Story
from website.results import results


def counts() -> tuple[int, ...]:
    return (
        User.objects.count(),
        CoachingSession.objects.count(),
        Enrolment.objects.count(),
        NeedsAnalysis.objects.count(),
        PlanAction.objects.count(),
        Meeting.objects.count(),
        Registration.objects.count(),
        Participant.objects.count(),
        TrainingInstitution.objects.count(),
        ActionParticipant.objects.count(),
        AmbassadorActivity.objects.count(),
    )


@pytest.mark.django_db
def test_seed_demo_is_complete_and_idempotent(settings: Settings) -> None:
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    first = counts()
    call_command("seed_demo", stdout=io.StringIO())

    assert counts() == first
    active = Enrolment.objects.get(company__contacts__user__email="contact@leercultuur.test")
    assert active.lead_coach is not None
    baseline = active.analyses.get(kind=NeedsAnalysis.Kind.BASELINE)
    assert baseline.status == NeedsAnalysis.Status.REVIEWED
    assert active.development_plan.actions.count() == 3
    people = Participant.objects.filter(company=active.company)
    assert people.filter(group="management").exists()
    assert people.filter(is_ambassador=True).exists()
    assert sum(person.is_mbo for person in people) >= 3
    # The plan learns in all three ways, with schools from the list and people taking part.
    actions = active.development_plan.actions.all()
    assert {action.kind for action in actions} == set(PlanAction.Kind)
    assert TrainingInstitution.objects.filter(kind=TrainingInstitution.Kind.ROC).exists()
    assert TrainingInstitution.objects.filter(kind=TrainingInstitution.Kind.AOC).exists()
    assert actions.filter(institution__isnull=False).exists()
    learning = ActionParticipant.objects.filter(action__plan__enrolment=active)
    assert learning.filter(finished_on__isnull=True, started_on__isnull=False).exists()
    assert learning.filter(certificate_level__startswith="mbo").exists()
    assert AmbassadorActivity.objects.filter(participant__company=active.company).count() >= 2
    assert Enrolment.objects.filter(status=Enrolment.Status.SUBMITTED).exists()
    visibilities = set(active.notes.values_list("visibility", flat=True))
    assert visibilities == {"internal", "shared"}, "the company file shows both kinds of note"
    waiting = {queue.key for queue in QUEUES if queue.rows(NO_FILTERS).exists()}
    assert {"besluit", "coach", "extra-uren", "concept", "achterstallig"} <= waiting, (
        "the work surface shows work in the demo"
    )
    shares = [budget_status(e).used_share for e in Enrolment.objects.filter(status="active")]
    assert min(shares) > 0, "every running trajectory has sessions"
    assert max(shares) >= 0.8, "one company is near its budget"
    meetings = Meeting.objects.filter(network__members=active)
    assert meetings.filter(starts_at__lt=timezone.now()).exists(), "a network met already"
    assert meetings.filter(starts_at__gt=timezone.now()).exists(), "and meets again"
    network = meetings.first().network  # type: ignore[union-attr]
    members = network.members.all()
    assert all(company_attendance(member)["people_attended"] > 0 for member in members)
    for email in ("staf@leercultuur.test", "coach@leercultuur.test", "contact@leercultuur.test"):
        assert User.objects.get(email=email).check_password("demo-leercultuur-2026")
    # The demo's identifiers pass the checks: KvK and VAT numbers, the issuer's IBAN.
    issuer = IssuerDetails.objects.get()
    issuer.full_clean()
    assert btw.is_valid(issuer.vat_number)
    assert iban.is_valid(issuer.iban)
    for company in Company.objects.all():
        company.full_clean()
    # The website: a story the bakery agreed to, an experience in the library, results.
    assert Story.objects.public().filter(enrolment=active).exists()
    assert library_experiences().exists()
    assert results() is not None


@pytest.mark.django_db
def test_seed_demo_refuses_without_debug(settings: Settings) -> None:
    settings.DEBUG = False

    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo")


@pytest.mark.django_db
def test_seed_demo_has_invoices_in_every_state(settings: Settings) -> None:
    from invoicing.models import Invoice, Payment, PaymentStatus
    from invoicing.selectors import invoice_status

    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    first = (Invoice.objects.count(), Payment.objects.count())
    call_command("seed_demo", stdout=io.StringIO())

    assert (Invoice.objects.count(), Payment.objects.count()) == first
    invoices = Invoice.objects.filter(kind=Invoice.Kind.INVOICE, issued_at__isnull=False)
    drafts = Invoice.objects.filter(issued_at__isnull=True)
    assert [str(draft.enrolment.company) for draft in drafts] == ["Hoveniersbedrijf Groenrijk B.V."]
    statuses = {invoice_status(invoice) for invoice in invoices}
    assert statuses == {
        PaymentStatus.OPEN,
        PaymentStatus.PAID,
        PaymentStatus.OVERDUE,
        PaymentStatus.CREDITED,
    }
    assert Invoice.objects.filter(kind=Invoice.Kind.CREDIT_NOTE, issued_at__isnull=False).exists()


@pytest.mark.django_db
def test_seed_demo_makes_a_report_of_each_kind_once(
    settings: Settings, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    from reports.models import Report

    settings.DEBUG = True
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())

    reports = Report.objects.order_by("kind")
    assert [report.kind for report in reports] == ["edition_overview", "progress", "province"]
    assert all(report.status == Report.Status.DONE for report in reports), [
        report.error for report in reports
    ]


@pytest.mark.django_db
def test_seed_demo_shows_a_team_survey_split_by_group_and_one_merged(settings: Settings) -> None:
    from surveys.models import SurveyResponse, TeamSurvey
    from surveys.selectors import survey_results

    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    first = SurveyResponse.objects.count()
    call_command("seed_demo", stdout=io.StringIO())

    assert SurveyResponse.objects.count() == first
    results = [survey_results(survey) for survey in TeamSurvey.objects.order_by("pk")]
    assert [r.split_shown for r in results] == [True, False]
    assert all(r.by_group is not None for r in results), "both show at least the total"
