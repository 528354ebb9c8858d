"""The needs analysis, the development plan and invitations: the services behind the pages."""

from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from accounts.models import User
from companies import services
from companies.models import Contact, Enrolment, NeedsAnalysis, PlanAction
from companies.questionnaire import get_questionnaire, missing_required
from leercultuur.outbox.models import Mail
from leercultuur.outbox.tasks import send_mail
from tests.factories import EnrolmentFactory, UserFactory

Status = Enrolment.Status
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
QUESTIONNAIRE = get_questionnaire(1)


def complete_answers(section_key: str) -> dict[str, Any]:
    answers: dict[str, Any] = {}
    for question in QUESTIONNAIRE.section(section_key).questions:
        answers[question.key] = {
            "likert": 4,
            "choice": question.choices[0].key if question.choices else None,
            "multi": [choice.key for choice in question.choices[:1]],
            "text": "Meer leren van elkaar.",
        }[question.kind]
    return answers


def fill_in(analysis: NeedsAnalysis) -> NeedsAnalysis:
    for section_key in QUESTIONNAIRE.section_keys():
        analysis = services.analysis_save_section(
            analysis=analysis, section_key=section_key, raw=complete_answers(section_key)
        )
    return analysis


@pytest.fixture
def enrolment(contact: User) -> Enrolment:
    return EnrolmentFactory.create(company=contact.contact.company, status=Status.ACCEPTED)


def test_baseline_opens_once_with_the_current_questionnaire(enrolment: Enrolment) -> None:
    first = services.analysis_start(enrolment=enrolment, kind=NeedsAnalysis.Kind.BASELINE)
    again = services.analysis_start(enrolment=enrolment, kind=NeedsAnalysis.Kind.BASELINE)

    assert first == again
    assert first.questionnaire_version == 1
    assert first.answers == {}


def test_draft_enrolment_has_no_analysis_yet(contact: User) -> None:
    draft = EnrolmentFactory.create(company=contact.contact.company, status=Status.DRAFT)

    with pytest.raises(ValidationError, match="submitted"):
        services.analysis_start(enrolment=draft, kind=NeedsAnalysis.Kind.BASELINE)


def test_a_page_is_saved_as_a_whole_or_not_at_all(enrolment: Enrolment) -> None:
    analysis = services.analysis_start(enrolment=enrolment, kind=NeedsAnalysis.Kind.BASELINE)
    good = complete_answers("strategy")
    analysis = services.analysis_save_section(analysis=analysis, section_key="strategy", raw=good)
    bad = {**good, "strategy.learning_in_plan": "7", "strategy.future_skills": 2}

    with pytest.raises(ValidationError) as error:
        services.analysis_save_section(analysis=analysis, section_key="strategy", raw=bad)

    assert list(error.value.message_dict) == ["strategy.learning_in_plan"]
    analysis.refresh_from_db()
    assert analysis.answers["strategy.future_skills"] == 4
    assert analysis.last_section == "strategy"


def test_clearing_an_answer_on_a_page_removes_it(enrolment: Enrolment) -> None:
    analysis = services.analysis_start(enrolment=enrolment, kind=NeedsAnalysis.Kind.BASELINE)
    answers = complete_answers("strategy")
    services.analysis_save_section(analysis=analysis, section_key="strategy", raw=answers)

    answers.pop("strategy.budget")
    analysis = services.analysis_save_section(
        analysis=analysis, section_key="strategy", raw=answers
    )

    assert "strategy.budget" not in analysis.answers


def test_unknown_section_is_a_validation_error(enrolment: Enrolment) -> None:
    analysis = services.analysis_start(enrolment=enrolment, kind=NeedsAnalysis.Kind.BASELINE)

    with pytest.raises(ValidationError, match="no such section"):
        services.analysis_save_section(analysis=analysis, section_key="nope", raw={})


def test_submit_lists_what_is_missing_then_locks(enrolment: Enrolment, contact: User) -> None:
    analysis = services.analysis_start(enrolment=enrolment, kind=NeedsAnalysis.Kind.BASELINE)
    services.analysis_save_section(
        analysis=analysis, section_key="strategy", raw=complete_answers("strategy")
    )
    with pytest.raises(ValidationError) as error:
        services.analysis_submit(analysis=analysis, by=contact)
    saved = analysis.answers | complete_answers("strategy")
    assert error.value.params == {"missing": missing_required(QUESTIONNAIRE, saved)}

    analysis = services.analysis_submit(analysis=fill_in(analysis), by=contact)

    assert analysis.status == NeedsAnalysis.Status.SUBMITTED
    with pytest.raises(ValidationError, match="no longer be changed"):
        services.analysis_save_section(analysis=analysis, section_key="strategy", raw={})


def test_final_measurement_starts_from_the_baseline(enrolment: Enrolment, contact: User) -> None:
    baseline = services.analysis_start(enrolment=enrolment, kind=NeedsAnalysis.Kind.BASELINE)
    with pytest.raises(ValidationError, match="final measurement"):
        services.analysis_start(enrolment=enrolment, kind=NeedsAnalysis.Kind.FINAL)
    services.analysis_submit(analysis=fill_in(baseline), by=contact)
    enrolment.status = Status.ACTIVE
    enrolment.save()

    final = services.analysis_start(enrolment=enrolment, kind=NeedsAnalysis.Kind.FINAL)

    baseline.refresh_from_db()
    assert final.answers == baseline.answers
    assert final.status == NeedsAnalysis.Status.DRAFT


def test_coach_review_needs_a_submitted_analysis_and_a_learning_question(
    enrolment: Enrolment, contact: User, coach: User
) -> None:
    analysis = services.analysis_start(enrolment=enrolment, kind=NeedsAnalysis.Kind.BASELINE)
    with pytest.raises(ValidationError, match="not submitted"):
        services.analysis_review(
            analysis=analysis, by=coach, learning_question="?", coach_summary=""
        )
    analysis = services.analysis_submit(analysis=fill_in(analysis), by=contact)
    with pytest.raises(ValidationError):
        services.analysis_review(
            analysis=analysis, by=coach, learning_question=" ", coach_summary=""
        )

    services.analysis_review(
        analysis=analysis,
        by=coach,
        learning_question="Hoe leren we van elkaar?",
        coach_summary="Goed.",
    )

    analysis.refresh_from_db()
    assert (analysis.status, analysis.reviewed_by) == (NeedsAnalysis.Status.REVIEWED, coach)


def test_plan_actions_are_added_changed_and_removed(enrolment: Enrolment) -> None:
    fields = {
        "title": "Buddysysteem",
        "kind": PlanAction.Kind.INFORMAL,
        "target_group": PlanAction.TargetGroup.NEW_STAFF,
    }
    action = services.plan_action_save(enrolment=enrolment, fields=fields)

    action = services.plan_action_save(
        enrolment=enrolment, fields={"status": PlanAction.Status.DONE}, action=action
    )
    assert action.done_date is not None

    services.plan_action_delete(action=action)
    assert not PlanAction.objects.exists()


def test_plan_action_with_a_wrong_kind_is_refused(enrolment: Enrolment) -> None:
    with pytest.raises(ValidationError) as error:
        services.plan_action_save(
            enrolment=enrolment, fields={"title": "X", "kind": "cursus", "target_group": "everyone"}
        )

    assert "kind" in error.value.message_dict
    assert not PlanAction.objects.exists()


def test_an_action_of_another_plan_cannot_be_changed_through_this_one(enrolment: Enrolment) -> None:
    other = EnrolmentFactory.create(status=Status.ACTIVE)
    fields = {"title": "Les", "kind": "formal", "target_group": "everyone"}
    foreign = services.plan_action_save(enrolment=other, fields=fields)

    with pytest.raises(ValidationError, match="another plan"):
        services.plan_action_save(enrolment=enrolment, fields={"title": "Weg"}, action=foreign)


def test_invited_colleague_joins_the_company(
    contact: User, django_capture_on_commit_callbacks: Any
) -> None:
    company = contact.contact.company
    EnrolmentFactory.create(company=company)  # sent in: colleagues may be invited
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.invitation_send(
            company=company, email="Collega@Example.nl", by=contact
        )
    (message,) = mail.outbox
    assert message.to == ["collega@example.nl"]
    assert str(invitation.token) in message.body
    colleague = UserFactory.create(email="collega@example.nl")

    services.invitation_accept(invitation=invitation, user=colleague)

    assert Contact.objects.get(user=colleague).company == company
    invitation.refresh_from_db()
    with pytest.raises(ValidationError, match="used already"):
        services.invitation_accept(invitation=invitation, user=UserFactory.create())


def test_invitation_is_personal(contact: User) -> None:
    EnrolmentFactory.create(company=contact.contact.company)
    invitation = services.invitation_send(
        company=contact.contact.company, email="collega@example.nl", by=contact
    )

    with pytest.raises(ValidationError, match="another e-mail address"):
        services.invitation_accept(invitation=invitation, user=UserFactory.create())
    with pytest.raises(ValidationError):
        services.invitation_send(company=contact.contact.company, email=contact.email, by=contact)


def test_the_invitation_is_mailed_once_even_when_the_task_runs_twice(contact: User) -> None:
    EnrolmentFactory.create(company=contact.contact.company)
    services.invitation_send(
        company=contact.contact.company, email="collega@example.nl", by=contact
    )
    invitation_mail = Mail.objects.get(kind="invitation")

    assert send_mail(invitation_mail.pk) is True
    assert send_mail(invitation_mail.pk) is False
    assert len(mail.outbox) == 1
