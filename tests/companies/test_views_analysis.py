"""The needs analysis page by page, its submission and review, and the development plan."""

import datetime
import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from companies.models import Enrolment, NeedsAnalysis, PlanAction
from companies.questionnaire import Question, get_questionnaire
from tests.browser.test_pages import assert_clean_page
from tests.conftest import client_for
from tests.factories import EnrolmentFactory, NeedsAnalysisFactory, PlanActionFactory

pytestmark = pytest.mark.django_db

QUESTIONNAIRE = get_questionnaire()
SECTIONS = QUESTIONNAIRE.section_keys()


def answer(question: Question, likert: int | str = 4) -> Any:
    """A valid answer: the given Likert value, the first choice, or a sentence."""
    if question.kind == "likert":
        return str(likert)
    if question.kind == "choice":
        return question.choices[0].key
    if question.kind == "multi":
        return [question.choices[0].key]
    return "Meer begeleiding op de werkvloer."


def page(
    section_key: str,
    direction: str = "next",
    likert: int | str = 4,
    changes: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Every question of one section answered, as the browser posts it."""
    data: dict[str, Any] = {
        question.key: answer(question, likert)
        for question in QUESTIONNAIRE.section(section_key).questions
    }
    return data | (changes or {}) | {"direction": direction}


def all_answers(likert: int = 4) -> dict[str, Any]:
    answers: dict[str, Any] = {}
    for section in SECTIONS:
        answers |= page(section, likert=likert)
    answers.pop("direction")
    return {key: int(v) if isinstance(v, str) and v.isdigit() else v for key, v in answers.items()}


@pytest.fixture
def enrolment(contact: User, coach: User) -> Enrolment:
    start = timezone.localdate() - datetime.timedelta(days=250)
    return EnrolmentFactory.create(
        company=contact.contact.company,
        status=Enrolment.Status.ACTIVE,
        lead_coach=coach,
        start_date=start,
        end_date=start + datetime.timedelta(days=304),
    )


@pytest.fixture
def analysis(enrolment: Enrolment) -> NeedsAnalysis:
    return NeedsAnalysisFactory.create(enrolment=enrolment)


def section_url(analysis: NeedsAnalysis, key: str) -> str:
    return reverse("analysis_section", args=[analysis.public_id, key])


# --- Starting and resuming ---------------------------------------------------------------


def test_start_page_explains_then_opens_the_first_section(
    contact: User, enrolment: Enrolment
) -> None:
    client = client_for(contact)
    url = reverse("analysis_start", args=[enrolment.public_id, "baseline"])
    html = client.get(url).content.decode()
    assert "Nulmeting" in html
    assert_clean_page(html, "analysis_start")

    response = client.post(url)

    analysis = NeedsAnalysis.objects.get(enrolment=enrolment, kind="baseline")
    assert response["Location"] == section_url(analysis, SECTIONS[0])
    assert client.get(url)["Location"] == section_url(analysis, SECTIONS[0])


def test_the_analysis_cannot_start_before_the_enrolment_is_submitted(contact: User) -> None:
    draft = EnrolmentFactory.create(company=contact.contact.company, status="draft")
    url = reverse("analysis_start", args=[draft.public_id, "baseline"])
    response = client_for(contact).post(url)
    assert response.status_code == 200
    assert "zodra de inschrijving is ingediend" in response.content.decode()
    assert not NeedsAnalysis.objects.exists()


def test_section_page_shows_likert_items_as_labelled_radio_groups(
    contact: User, analysis: NeedsAnalysis
) -> None:
    html = client_for(contact).get(section_url(analysis, "strategy")).content.decode()
    assert_clean_page(html, "analysis_section")
    assert "<fieldset" in html
    assert "<legend" in html
    assert "Helemaal oneens" in html
    assert "Helemaal eens" in html
    assert f"Onderdeel 1 van {len(SECTIONS)}" in html
    assert 'value="back"' not in html  # no way back from the first page


def test_next_saves_the_page_and_goes_on(contact: User, analysis: NeedsAnalysis) -> None:
    response = client_for(contact).post(section_url(analysis, "strategy"), page("strategy"))

    assert response["Location"] == section_url(analysis, SECTIONS[1])
    analysis.refresh_from_db()
    assert analysis.answers["strategy.budget"] == 4
    assert analysis.answers["strategy.developments"] == "Meer begeleiding op de werkvloer."
    assert analysis.last_section == "strategy"


def test_next_wants_every_required_question_answered(
    contact: User, analysis: NeedsAnalysis
) -> None:
    data = page("strategy", changes={"strategy.budget": ""})
    response = client_for(contact).post(section_url(analysis, "strategy"), data)

    assert response.status_code == 200
    assert response.context["form"].errors["strategy.budget"] == ["Beantwoord deze vraag."]
    html = response.content.decode()
    assert 'aria-invalid="true"' in html
    assert 'value="4"' in html
    assert "checked" in html
    analysis.refresh_from_db()
    assert analysis.answers == {}


def test_back_saves_an_incomplete_page(contact: User, analysis: NeedsAnalysis) -> None:
    data = page("leadership", direction="back", changes={"leadership.feedback": ""})
    response = client_for(contact).post(section_url(analysis, "leadership"), data)

    assert response["Location"] == section_url(analysis, "strategy")
    analysis.refresh_from_db()
    assert analysis.answers["leadership.speak_up"] == 4
    assert "leadership.feedback" not in analysis.answers


@pytest.mark.parametrize(
    ("key", "value", "words"),
    [
        ("strategy.budget", "7", "geldige keuze"),
        ("strategy.developments", "x" * 2001, "niet meer dan 2000 tekens"),
    ],
)
def test_invalid_answers_save_nothing(
    contact: User, analysis: NeedsAnalysis, key: str, value: str, words: str
) -> None:
    for direction in ("next", "back"):
        data = page("strategy", direction=direction, changes={key: value})
        response = client_for(contact).post(section_url(analysis, "strategy"), data)
        assert response.status_code == 200
        assert words in " ".join(response.context["form"].errors[key])
    analysis.refresh_from_db()
    assert analysis.answers == {}


def test_too_many_choices_are_refused(contact: User, analysis: NeedsAnalysis) -> None:
    question = QUESTIONNAIRE.question("wishes.priorities")
    assert question.max_choices
    chosen = [choice.key for choice in question.choices[: question.max_choices + 1]]
    data = page("wishes", changes={"wishes.priorities": chosen})
    response = client_for(contact).post(section_url(analysis, "wishes"), data)
    assert "Kies hoogstens" in " ".join(response.context["form"].errors["wishes.priorities"])


def test_the_analysis_resumes_where_it_was_left(contact: User, analysis: NeedsAnalysis) -> None:
    client = client_for(contact)
    for key in SECTIONS[:3]:
        client.post(section_url(analysis, key), page(key))
    start = reverse("analysis_start", args=[analysis.enrolment.public_id, "baseline"])

    assert client_for(contact).get(start)["Location"] == section_url(analysis, SECTIONS[3])

    # Back from a page left half-done: resuming returns to that page.
    client.post(section_url(analysis, SECTIONS[1]), page(SECTIONS[1], direction="back", likert=""))
    assert client.get(start)["Location"] == section_url(analysis, SECTIONS[1])


# --- Submitting, reading and reviewing ---------------------------------------------------


def test_submit_page_lists_what_is_missing_with_links(
    contact: User, analysis: NeedsAnalysis
) -> None:
    client = client_for(contact)
    client.post(section_url(analysis, "strategy"), page("strategy"))
    url = reverse("analysis_submit", args=[analysis.public_id])

    html = client.get(url).content.decode()

    assert_clean_page(html, "analysis_submit")
    assert section_url(analysis, "leadership") in html
    assert section_url(analysis, "strategy") not in html
    assert QUESTIONNAIRE.question("wishes.expected_result").nl in html
    response = client.post(url)
    assert response.status_code == 200
    analysis.refresh_from_db()
    assert analysis.status == NeedsAnalysis.Status.DRAFT


def test_a_complete_analysis_is_submitted_and_locked(
    contact: User, analysis: NeedsAnalysis
) -> None:
    client = client_for(contact)
    for key in SECTIONS:
        response = client.post(section_url(analysis, key), page(key))
    assert response["Location"] == reverse("analysis_submit", args=[analysis.public_id])

    response = client.post(response["Location"], follow=True)

    analysis.refresh_from_db()
    assert analysis.status == NeedsAnalysis.Status.SUBMITTED
    assert analysis.submitted_by == contact
    html = response.content.decode()
    assert "<svg" in html
    assert 'role="img"' in html
    assert_clean_page(html, "analysis_detail")
    locked = client.post(section_url(analysis, "strategy"), page("strategy", likert=1))
    assert locked["Location"] == reverse("analysis_detail", args=[analysis.public_id])
    analysis.refresh_from_db()
    assert analysis.answers["strategy.budget"] == 4


def test_the_coach_reviews_a_submitted_analysis(coach: User, enrolment: Enrolment) -> None:
    analysis = NeedsAnalysisFactory.create(
        enrolment=enrolment, answers=all_answers(), status="submitted", submitted_at=timezone.now()
    )
    client = client_for(coach)
    url = reverse("analysis_review", args=[analysis.public_id])
    assert_clean_page(client.get(url).content.decode(), "analysis_review")

    response = client.post(url, {"learning_question": "", "coach_summary": "Goed begin."})
    assert "verplicht" in " ".join(response.context["form"].errors["learning_question"])

    response = client.post(
        url, {"learning_question": "Hoe leren nieuwe monteurs sneller?", "coach_summary": "Sterk."}
    )
    assert response["Location"] == reverse("analysis_detail", args=[analysis.public_id])
    analysis.refresh_from_db()
    assert analysis.status == NeedsAnalysis.Status.REVIEWED
    assert analysis.reviewed_by == coach
    html = client.get(response["Location"]).content.decode()
    assert "Hoe leren nieuwe monteurs sneller?" in html


def test_a_draft_analysis_cannot_be_reviewed(coach: User, analysis: NeedsAnalysis) -> None:
    url = reverse("analysis_review", args=[analysis.public_id])
    response = client_for(coach).post(url, {"learning_question": "Vraag"})
    assert "nog niet ingediend" in response.content.decode()
    analysis.refresh_from_db()
    assert analysis.status == NeedsAnalysis.Status.DRAFT


def test_the_final_measurement_is_prefilled_and_shows_the_change(
    contact: User, enrolment: Enrolment
) -> None:
    NeedsAnalysisFactory.create(
        enrolment=enrolment,
        answers=all_answers(likert=2),
        status="submitted",
        submitted_at=timezone.now(),
    )
    client = client_for(contact)
    dashboard = client.get(reverse("company_dashboard")).content.decode()
    assert "Start de eindmeting" in dashboard

    response = client.post(reverse("analysis_start", args=[enrolment.public_id, "final"]))

    final = NeedsAnalysis.objects.get(enrolment=enrolment, kind="final")
    assert response["Location"] == section_url(final, SECTIONS[0])
    assert final.answers["strategy.budget"] == 2
    for key in SECTIONS:
        client.post(section_url(final, key), page(key, likert=4))
    html = client.post(reverse("analysis_submit", args=[final.public_id]), follow=True)
    text = html.content.decode()
    assert "Verandering sinds de nulmeting" in text
    assert re.search(r"\+\d,\d\d", text)  # higher scores than the baseline
    assert_clean_page(text, "final analysis_detail")


# --- The development plan ----------------------------------------------------------------


def plan_data(**changes: str) -> dict[str, str]:
    data = {
        "title": "Leermeesters opleiden",
        "description": "Twee ervaren monteurs worden leermeester.",
        "kind": "informal",
        "target_group": "mbo_staff",
        "owner": "Productieleider",
        "training_institution": "",
        "planned_date": "2026-09-01",
        "status": "planned",
        "done_date": "",
    }
    data.update(changes)
    return data


@pytest.mark.parametrize("user", ["contact", "coach"])
def test_contact_and_coach_add_actions(
    request: pytest.FixtureRequest, enrolment: Enrolment, user: str
) -> None:
    client = client_for(request.getfixturevalue(user))
    url = reverse("plan_detail", args=[enrolment.public_id])
    assert_clean_page(client.get(url).content.decode(), "plan_detail")

    response = client.post(url, plan_data())

    assert response["Location"] == url
    action = PlanAction.objects.get(plan__enrolment=enrolment)
    assert action.title == "Leermeesters opleiden"
    assert action.planned_date == datetime.date(2026, 9, 1)


def test_an_invalid_action_shows_errors(contact: User, enrolment: Enrolment) -> None:
    url = reverse("plan_detail", args=[enrolment.public_id])
    response = client_for(contact).post(url, plan_data(title="", planned_date="morgen"))
    errors = response.context["form"].errors
    assert "verplicht" in errors["title"][0]
    assert "geldige datum" in errors["planned_date"][0]
    assert not PlanAction.objects.exists()


def test_htmx_adds_an_action_and_gets_the_plan_fragment(
    contact: User, enrolment: Enrolment
) -> None:
    url = reverse("plan_detail", args=[enrolment.public_id])
    client = client_for(contact)
    response = client.post(url, plan_data(), headers={"HX-Request": "true"}, follow=True)
    html = response.content.decode()
    assert "<html" not in html
    assert 'id="plan"' in html
    assert "Leermeesters opleiden" in html
    assert "toegevoegd" in html  # the message comes with the fragment

    response = client.post(url, plan_data(title=""), headers={"HX-Request": "true"})
    assert "<html" not in response.content.decode()
    assert 'aria-invalid="true"' in response.content.decode()


def test_progress_counts_done_actions(contact: User, enrolment: Enrolment) -> None:
    PlanActionFactory.create(plan__enrolment=enrolment, status="done", done_date="2026-03-01")
    PlanActionFactory.create(plan__enrolment=enrolment)
    PlanActionFactory.create(plan__enrolment=enrolment, status="cancelled")
    html = client_for(contact).get(reverse("plan_detail", args=[enrolment.public_id]))
    text = html.content.decode()
    assert "1 van 2 acties afgerond" in text
    assert '<progress id="plan-progress-' in text
    assert 'max="2" value="1"' in text


def test_editing_an_action_marks_it_done_with_todays_date(
    coach: User, enrolment: Enrolment
) -> None:
    action = PlanActionFactory.create(plan__enrolment=enrolment)
    client = client_for(coach)
    url = reverse("plan_action_edit", args=[action.public_id])
    assert_clean_page(client.get(url).content.decode(), "plan_action_edit")

    response = client.post(url, plan_data(status="done"))

    assert response["Location"] == reverse("plan_detail", args=[enrolment.public_id])
    action.refresh_from_db()
    assert (action.status, action.done_date) == ("done", timezone.localdate())


def test_deleting_an_action_asks_first(contact: User, enrolment: Enrolment) -> None:
    action = PlanActionFactory.create(plan__enrolment=enrolment)
    client = client_for(contact)
    url = reverse("plan_action_delete", args=[action.public_id])
    html = client.get(url).content.decode()
    assert action.title in html
    assert_clean_page(html, "plan_action_delete")
    assert PlanAction.objects.filter(pk=action.pk).exists()

    response = client.post(url)

    assert response["Location"] == reverse("plan_detail", args=[enrolment.public_id])
    assert not PlanAction.objects.filter(pk=action.pk).exists()


def test_the_plan_is_closed_before_acceptance(contact: User) -> None:
    submitted = EnrolmentFactory.create(company=contact.contact.company, status="submitted")
    client: Client = client_for(contact)
    url = reverse("plan_detail", args=[submitted.public_id])
    assert 'name="title"' not in client.get(url).content.decode()
    response = client.post(url, plan_data())
    assert response.status_code == 200
    assert not PlanAction.objects.exists()
