"""The coach's dashboard: per company whom to call, the hours used and left, the pace and
the next step, in a fixed number of queries however many companies the coach has; and the
same card beside the session form."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from accounts.models import User
from coaching.next_step import NextStep
from coaching.selectors import company_cards
from companies.models import Company, Enrolment, NeedsAnalysis, PlanAction
from companies.selectors import companies_for_coach
from surveys.models import TeamSurvey
from tests.conftest import client_for
from tests.factories import (
    CoachingSessionFactory,
    CompanyFactory,
    ContactFactory,
    EditionFactory,
    EnrolmentFactory,
    NeedsAnalysisFactory,
    PlanActionFactory,
    UserFactory,
    running_enrolment,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
Kind = NeedsAnalysis.Kind
Analysis = NeedsAnalysis.Status


def dashboard(coach: User) -> str:
    response = client_for(coach).get(reverse("coach_dashboard"))
    assert response.status_code == 200
    return response.content.decode()


def step_of(enrolment: Enrolment, coach: User) -> NextStep:
    (card,) = [c for c in company_cards(companies_for_coach(coach)) if c.enrolment == enrolment]
    return card.next_step


def analysis(
    enrolment: Enrolment, kind: str = Kind.BASELINE, status: str = Analysis.REVIEWED
) -> NeedsAnalysis:
    return NeedsAnalysisFactory.create(enrolment=enrolment, kind=kind, status=status)


def team_survey(enrolment: Enrolment) -> TeamSurvey:
    return TeamSurvey.objects.create(
        enrolment=enrolment,
        kind=Kind.BASELINE,
        instrument_version=1,
        company_token=f"peiling-{enrolment.pk}",
        opened_on=TODAY,
    )


def under_way(enrolment: Enrolment, *, session_days_ago: int = 3) -> Enrolment:
    """Baseline reviewed, a plan with an action, the team survey held, a recent session."""
    analysis(enrolment)
    PlanActionFactory.create(plan__enrolment=enrolment)
    team_survey(enrolment)
    CoachingSessionFactory.create(
        enrolment=enrolment, date=TODAY - datetime.timedelta(days=session_days_ago)
    )
    return enrolment


@pytest.fixture
def company() -> Company:
    return CompanyFactory.create(legal_name="Bakkerij Jansen B.V.")


@pytest.fixture
def enrolment(company: Company, coach: User) -> Enrolment:
    """A trajectory a month under way, sent in by the contact 'Sanne de Vries'."""
    ContactFactory.create(
        company=company, user__full_name="Piet Eerste", user__email="piet@bakkerij.nl"
    )
    sanne = ContactFactory.create(
        company=company,
        user__full_name="Sanne de Vries",
        user__email="sanne@bakkerij.nl",
        position="Directeur",
        phone="0314123456",
    )
    return running_enrolment(company, coach, submitted_by=sanne.user)


# --- Whom to call ---------------------------------------------------------------------------


def test_the_card_shows_the_contact_who_sent_the_enrolment_in(
    enrolment: Enrolment, coach: User
) -> None:
    html = dashboard(coach)

    assert "Sanne de Vries</span>, Directeur" in html
    assert '<a href="tel:0314123456">0314123456</a>' in html
    assert '<a href="mailto:sanne@bakkerij.nl">sanne@bakkerij.nl</a>' in html
    assert "Piet Eerste" not in html


def test_without_the_sender_among_the_contacts_the_first_contact_is_shown(
    enrolment: Enrolment, coach: User
) -> None:
    enrolment.submitted_by = UserFactory.create(full_name="Oud Contact")
    enrolment.save()

    html = dashboard(coach)

    assert "Piet Eerste" in html
    assert "mailto:piet@bakkerij.nl" in html
    assert "Sanne de Vries" not in html
    assert "Oud Contact" not in html


def test_a_company_without_contacts_says_so(coach: User) -> None:
    running_enrolment(CompanyFactory.create(), coach)

    assert "Nog geen contactpersoon" in dashboard(coach)


# --- Hours and pace -------------------------------------------------------------------------


def test_the_card_shows_the_hours_used_and_left(enrolment: Enrolment, coach: User) -> None:
    for minutes in (600, 600, 600, 270):  # 34 hours 30 minutes
        CoachingSessionFactory.create(enrolment=enrolment, minutes=minutes)

    html = dashboard(coach)

    assert "34 uur 30 min gebruikt van 120 uur" in html
    assert "nog 85 uur 30 min over" in html
    assert f'id="budget-{enrolment.public_id}"' in html


@pytest.mark.parametrize(
    ("used", "shown"),
    [
        (0, "Achter: minder uren gebruikt dan er tijd verstreken is"),
        (3600, "Op schema"),
        (7200, "Voor: meer uren gebruikt dan er tijd verstreken is"),
    ],
)
def test_the_card_shows_the_pace(coach: User, company: Company, used: int, shown: str) -> None:
    # Halfway through the trajectory.
    enrolment = EnrolmentFactory.create(
        company=company,
        status=Enrolment.Status.ACTIVE,
        lead_coach=coach,
        start_date=TODAY - datetime.timedelta(days=150),
        end_date=TODAY + datetime.timedelta(days=150),
    )
    for _ in range(used // 600):
        CoachingSessionFactory.create(enrolment=enrolment, minutes=600)

    assert shown in dashboard(coach)


# --- The next step, one rule at a time, in order of precedence --------------------------------


def test_first_the_baseline_is_filled_in_with_the_company(
    enrolment: Enrolment, coach: User
) -> None:
    step = step_of(enrolment, coach)
    assert step.text == "Behoefteanalyse (nulmeting) met het bedrijf invullen"
    assert step.url == reverse("enrolment_detail", args=[enrolment.public_id])

    analysis(enrolment, status=Analysis.DRAFT)  # started, not finished: still the step
    assert step_of(enrolment, coach).url == step.url


def test_a_submitted_baseline_is_reviewed(enrolment: Enrolment, coach: User) -> None:
    baseline = analysis(enrolment, status=Analysis.SUBMITTED)

    step = step_of(enrolment, coach)

    assert step.text == "Behoefteanalyse beoordelen"
    assert step.url == reverse("analysis_review", args=[baseline.public_id])


def test_without_actions_the_plan_is_drawn_up(enrolment: Enrolment, coach: User) -> None:
    analysis(enrolment)
    assert step_of(enrolment, coach).text == "Ontwikkelplan opstellen"  # no plan at all

    PlanActionFactory.create(plan__enrolment=enrolment, status=PlanAction.Status.CANCELLED)
    step = step_of(enrolment, coach)  # a plan whose only action was cancelled

    assert step.text == "Ontwikkelplan opstellen"
    assert step.url == reverse("plan_detail", args=[enrolment.public_id])


def test_with_a_plan_the_team_survey_is_started(enrolment: Enrolment, coach: User) -> None:
    analysis(enrolment)
    PlanActionFactory.create(plan__enrolment=enrolment)

    step = step_of(enrolment, coach)

    assert step.text == "Medewerkerspeiling starten"
    assert step.url == reverse("enrolment_detail", args=[enrolment.public_id])


def test_after_a_quiet_month_a_session_is_planned(enrolment: Enrolment, coach: User) -> None:
    under_way(enrolment, session_days_ago=31)

    step = step_of(enrolment, coach)

    assert step.text == "Sessie plannen of registreren"
    assert step.url == f"{reverse('session_create')}?enrolment={enrolment.public_id}"


def test_without_any_session_a_session_is_planned(enrolment: Enrolment, coach: User) -> None:
    analysis(enrolment)
    PlanActionFactory.create(plan__enrolment=enrolment)
    team_survey(enrolment)

    assert step_of(enrolment, coach).text == "Sessie plannen of registreren"


def test_in_the_last_two_months_the_final_measurement_is_filled_in(
    enrolment: Enrolment, coach: User
) -> None:
    under_way(enrolment)
    enrolment.end_date = TODAY + datetime.timedelta(days=50)
    enrolment.save()

    step = step_of(enrolment, coach)

    assert step.text == "Eindmeting invullen"
    assert step.url == reverse("enrolment_detail", args=[enrolment.public_id])


def test_otherwise_the_next_session_is_logged(enrolment: Enrolment, coach: User) -> None:
    under_way(enrolment)

    step = step_of(enrolment, coach)

    assert step.text == "Sessie registreren"
    assert step.url == f"{reverse('session_create')}?enrolment={enrolment.public_id}"


def test_a_submitted_final_measurement_is_reviewed(enrolment: Enrolment, coach: User) -> None:
    under_way(enrolment)
    final = analysis(enrolment, kind=Kind.FINAL, status=Analysis.SUBMITTED)

    step = step_of(enrolment, coach)

    assert step.text == "Eindmeting beoordelen"
    assert step.url == reverse("analysis_review", args=[final.public_id])


def test_an_accepted_trajectory_waits_for_its_start(company: Company, coach: User) -> None:
    enrolment = EnrolmentFactory.create(
        company=company, status=Enrolment.Status.ACCEPTED, lead_coach=coach
    )
    analysis(enrolment)
    PlanActionFactory.create(plan__enrolment=enrolment)
    team_survey(enrolment)

    step = step_of(enrolment, coach)

    assert step.text == "Wachten tot het programmabureau het traject start"
    assert step.url == ""


def test_the_next_step_links_to_where_it_is_done(enrolment: Enrolment, coach: User) -> None:
    baseline = analysis(enrolment, status=Analysis.SUBMITTED)

    html = dashboard(coach)

    review = reverse("analysis_review", args=[baseline.public_id])
    assert re.search(rf'<a class="button[^"]*" href="{review}">Behoefteanalyse beoordelen', html)
    assert f'<span class="visually-hidden">: {escape(enrolment.company)}</span>' in html


def test_each_card_keeps_a_spot_for_the_company_file_link(
    enrolment: Enrolment, coach: User
) -> None:
    html = dashboard(coach)

    assert reverse("plan_detail", args=[enrolment.public_id]) in html
    assert reverse("enrolment_reports", args=[enrolment.public_id]) in html


# --- Cost -----------------------------------------------------------------------------------


def queries_for_dashboard(coach: User, companies: int) -> int:
    edition = EditionFactory.create()
    for _ in range(companies):
        company = CompanyFactory.create()
        sender = ContactFactory.create(company=company)
        ContactFactory.create(company=company)
        enrolment = running_enrolment(company, coach, edition=edition, submitted_by=sender.user)
        under_way(enrolment)
        analysis(enrolment, kind=Kind.FINAL, status=Analysis.DRAFT)
    client = client_for(coach)
    client.get(reverse("coach_dashboard"))  # warm up: session, permissions
    with CaptureQueriesContext(connection) as queries:
        html = client.get(reverse("coach_dashboard")).content.decode()
    assert (
        html.count('class="card company-card"')
        == Enrolment.objects.filter(lead_coach=coach).count()
    )
    return len(queries)


def test_the_dashboard_costs_the_same_queries_for_two_or_six_companies(
    coach: User, other_coach: User
) -> None:
    two = queries_for_dashboard(coach, 2)
    six = queries_for_dashboard(other_coach, 6)

    assert two == six


# --- Beside the session form ----------------------------------------------------------------


def test_the_session_form_shows_the_preselected_companys_card(
    enrolment: Enrolment, coach: User
) -> None:
    url = f"{reverse('session_create')}?enrolment={enrolment.public_id}"

    html = client_for(coach).get(url).content.decode()

    assert 'id="company-card"' in html
    assert "Sanne de Vries</span>, Directeur" in html
    assert 'href="tel:0314123456"' in html
    assert "0 min gebruikt van 120 uur" in html
    assert "nog 120 uur over" in html
    assert "Op schema" in html
    assert "Behoefteanalyse (nulmeting) met het bedrijf invullen" in html


def test_logging_a_session_is_not_a_link_on_the_page_that_logs_it(
    enrolment: Enrolment, coach: User
) -> None:
    under_way(enrolment)
    url = f"{reverse('session_create')}?enrolment={enrolment.public_id}"

    html = client_for(coach).get(url).content.decode()

    assert "<dd>Sessie registreren</dd>" in html


def test_without_a_chosen_company_the_form_has_an_empty_spot_for_the_card(
    enrolment: Enrolment, coach: User
) -> None:
    html = client_for(coach).get(reverse("session_create")).content.decode()

    assert '<div id="company-card"></div>' in html
    assert "Sanne de Vries" not in html
    # Choosing a company brings its card in (htmx, out of band) with its people.
    assert 'hx-select-oob="#company-card"' in html


def test_another_coachs_company_shows_no_card(enrolment: Enrolment, other_coach: User) -> None:
    url = f"{reverse('session_create')}?enrolment={enrolment.public_id}"

    html = client_for(other_coach).get(url).content.decode()

    assert "Sanne de Vries" not in html
    assert '<div id="company-card"></div>' not in html  # no companies: no form at all


def test_an_unknown_company_shows_no_card(enrolment: Enrolment, coach: User) -> None:
    html = client_for(coach).get(f"{reverse('session_create')}?enrolment=nonsense").content

    assert b'<div id="company-card"></div>' in html


def test_the_card_follows_a_refused_post(enrolment: Enrolment, coach: User) -> None:
    data = {"enrolment": str(enrolment.public_id), "minutes": 60, "activity": "conversation"}

    response = client_for(coach).post(reverse("session_create"), data)

    assert response.status_code == 200  # no date, no participants: shown again
    assert "Sanne de Vries" in response.content.decode()


def test_the_session_edit_form_shows_the_companys_card(
    enrolment: Enrolment, coach: User, staff: User
) -> None:
    session = CoachingSessionFactory.create(enrolment=enrolment, minutes=90)
    url = reverse("session_edit", args=[session.public_id])

    for user in (coach, staff):
        html = client_for(user).get(url).content.decode()
        assert "Sanne de Vries</span>, Directeur" in html
        assert "1 uur 30 min gebruikt van 120 uur" in html
        assert "Behoefteanalyse (nulmeting) met het bedrijf invullen" in html
