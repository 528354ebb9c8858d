"""Staff move enrolments in the admin through the same services as everywhere else."""

import re

import pytest
from django.contrib import messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from accounts.models import User
from companies import services
from companies.models import Company, CompanyChangeRequest, Edition, Enrolment
from leercultuur.outbox.models import Mail
from tests.conftest import client_for
from tests.factories import EditionFactory, EnrolmentFactory

Status = Enrolment.Status
CHANGELIST = reverse("admin:companies_enrolment_changelist")


def run_action(staff: User, action: str, *enrolments: Enrolment, **extra: str) -> object:
    data = {"action": action, ACTION_CHECKBOX_NAME: [e.pk for e in enrolments], **extra}
    return client_for(staff).post(CHANGELIST, data, follow=True)


def test_accept_action_fills_places_then_waitlists(staff: User) -> None:
    edition = EditionFactory.create(places=1)
    first, second = EnrolmentFactory.create_batch(2, edition=edition)

    run_action(staff, "accept", first, second, apply="1")

    statuses = set(Enrolment.objects.values_list("status", flat=True))
    assert statuses == {Status.ACCEPTED, Status.WAITLISTED}


def test_refused_transition_is_reported_not_forced(staff: User) -> None:
    draft = EnrolmentFactory.create(status=Status.DRAFT)

    response = run_action(staff, "reject", draft, apply="1")

    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
    errors = [m for m in response.context["messages"] if m.level == messages.ERROR]  # type: ignore[attr-defined]
    assert len(errors) == 1
    assert str(draft) in errors[0].message


def test_assign_coach_asks_for_the_coach_then_assigns(staff: User, coach: User) -> None:
    enrolment = EnrolmentFactory.create(status=Status.ACCEPTED)

    page = run_action(staff, "assign_coach", enrolment)
    assert b'name="coach"' in page.content  # type: ignore[attr-defined]
    run_action(staff, "assign_coach", enrolment, apply="1", coach=str(coach.pk))

    enrolment.refresh_from_db()
    assert enrolment.lead_coach == coach


def test_edition_list_shows_places_left(staff: User) -> None:
    edition = EditionFactory.create(places=5)
    EnrolmentFactory.create_batch(2, edition=edition, status=Status.ACCEPTED)
    EnrolmentFactory.create(edition=edition, status=Status.WAITLISTED)

    response = client_for(staff).get(reverse("admin:companies_edition_changelist"))

    assert b'<td class="field-places_left">3</td>' in response.content


@pytest.mark.parametrize(
    "query", ["", "?status__exact=submitted", "?company__region__id__exact=1", "?q=bakkerij"]
)
def test_enrolment_list_filters_answer_in_few_queries(
    staff: User, query: str, django_assert_max_num_queries: object
) -> None:
    EnrolmentFactory.create_batch(5)
    client = client_for(staff)

    with django_assert_max_num_queries(15):  # type: ignore[operator]
        response = client.get(CHANGELIST + query)

    assert response.status_code == 200


def test_start_action_asks_for_the_date_and_starts(staff: User, coach: User) -> None:
    enrolment = EnrolmentFactory.create(status=Status.ACCEPTED, lead_coach=coach)

    page = run_action(staff, "activate", enrolment)
    assert b'name="start_date"' in page.content  # type: ignore[attr-defined]
    run_action(staff, "activate", enrolment, apply="1", start_date="2026-09-01")

    enrolment.refresh_from_db()
    assert enrolment.status == Status.ACTIVE
    assert str(enrolment.end_date) == "2027-07-01"


def test_complete_and_withdraw_actions_use_the_lifecycle(staff: User) -> None:
    active = EnrolmentFactory.create(status=Status.ACTIVE)
    draft = EnrolmentFactory.create(status=Status.DRAFT)

    run_action(staff, "complete", active, draft, apply="1")
    run_action(staff, "withdraw", draft, apply="1")

    active.refresh_from_db()
    draft.refresh_from_db()
    assert (active.status, draft.status) == (Status.COMPLETED, Status.WITHDRAWN)


@pytest.mark.parametrize(
    ("action", "explained"),
    [("accept", "factuur voor de eigen bijdrage"), ("reject", "kan niet worden heropend")],
)
def test_accept_and_reject_ask_first_and_change_nothing_until_confirmed(
    staff: User, action: str, explained: str
) -> None:
    enrolment = EnrolmentFactory.create(company__legal_name="Bakkerij Jansen")

    page = run_action(staff, action, enrolment)

    enrolment.refresh_from_db()
    assert enrolment.status == Status.SUBMITTED
    content = page.content.decode()  # type: ignore[attr-defined]
    assert "Bakkerij Jansen" in content
    assert explained in content
    assert 'name="apply"' in content
    assert "Ja, doorgaan" in content


def test_confirming_accept_accepts_through_the_service(staff: User) -> None:
    enrolment = EnrolmentFactory.create()

    response = run_action(staff, "accept", enrolment, apply="1")

    enrolment.refresh_from_db()
    assert enrolment.status == Status.ACCEPTED
    assert enrolment.transitions.filter(to_status=Status.ACCEPTED, by=staff).exists()
    assert any("bijgewerkt" in m.message for m in response.context["messages"])  # type: ignore[attr-defined]


def test_irreversible_actions_are_not_the_first_choice(staff: User) -> None:
    EnrolmentFactory.create()

    response = client_for(staff).get(CHANGELIST)

    choices = [name for name, _ in response.context["action_form"].fields["action"].choices]
    assert choices[0] == ""  # the empty choice, as always
    assert choices[1] == "assign_coach"
    assert choices.index("waitlist") < choices.index("accept")
    assert choices.index("activate") < choices.index("reject")


def test_enrolment_page_shows_the_company_and_its_next_steps(staff: User, coach: User) -> None:
    enrolment = EnrolmentFactory.create(
        company__legal_name="Bakkerij Jansen", company__kvk_number="12345678"
    )
    change = reverse("admin:companies_enrolment_change", args=[enrolment.pk])

    content = client_for(staff).get(change).content.decode()

    company_page = reverse("admin:companies_company_change", args=[enrolment.company.pk])
    assert f'<a href="{company_page}">Bakkerij Jansen</a>' in content
    assert "KvK-nummer 12345678" in content
    assert 'name="company"' not in content  # no select box of ids
    assert f'type="checkbox" name="coaches" value="{coach.pk}"' in content  # by name
    assert "Statusgeschiedenis" in content
    # The public id is no field of the page; it is only in the link to the company file.
    company_file = reverse("company_file", args=[enrolment.public_id])
    assert f'<a href="{company_file}">Dossier</a>' in content
    assert str(enrolment.public_id) not in content.replace(company_file, "")
    # A submitted enrolment may be accepted, waitlisted, rejected or withdrawn; not started.
    offered = set(re.findall(r'name="action" value="(\w+)"', content))
    assert offered == {"accept", "waitlist", "reject", "withdraw"}


def test_a_step_from_the_enrolment_page_asks_first(staff: User) -> None:
    enrolment = EnrolmentFactory.create()
    client = client_for(staff)
    data = {"action": "reject", ACTION_CHECKBOX_NAME: [enrolment.pk]}

    page = client.post(CHANGELIST, data)
    enrolment.refresh_from_db()
    assert enrolment.status == Status.SUBMITTED
    assert b"Ja, doorgaan" in page.content

    client.post(CHANGELIST, {**data, "apply": "1"})
    enrolment.refresh_from_db()
    assert enrolment.status == Status.REJECTED


def test_bulk_delete_asks_first_and_comes_last(staff: User) -> None:
    edition = EditionFactory.create()
    changelist = reverse("admin:companies_edition_changelist")
    data = {"action": "delete_selected", ACTION_CHECKBOX_NAME: [edition.pk]}
    client = client_for(staff)

    choices = client.get(changelist).context["action_form"].fields["action"].choices
    page = client.post(changelist, data)

    assert [name for name, _ in choices][-1] == "delete_selected"
    assert Edition.objects.filter(pk=edition.pk).exists()
    assert "Weet u zeker" in page.content.decode()

    client.post(changelist, {**data, "post": "yes"})

    assert not Edition.objects.filter(pk=edition.pk).exists()


# --- Change requests: deciding asks for confirmation first ------------------------------------

CHANGE_REQUESTS = reverse("admin:companies_companychangerequest_changelist")


@pytest.fixture
def change_request(contact: User) -> CompanyChangeRequest:
    """The contact's sent-in company asks to move to Zutphen."""
    company = contact.contact.company
    company.legal_name = "Bakkerij Jansen B.V."
    company.city = "Arnhem"
    company.save()
    EnrolmentFactory.create(company=company)
    return services.company_change_request(company=company, by=contact, details={"city": "Zutphen"})


def decide(staff: User, action: str, change: CompanyChangeRequest, **extra: str) -> str:
    data = {"action": action, ACTION_CHECKBOX_NAME: [change.pk], **extra}
    response = client_for(staff).post(CHANGE_REQUESTS, data, follow=True)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    ("action", "explained"),
    [("reject", "Afwijzen laat de gegevens"), ("approve", "Goedkeuren wijzigt de gegevens")],
)
def test_deciding_a_change_request_asks_first_and_changes_nothing(
    staff: User, change_request: CompanyChangeRequest, action: str, explained: str
) -> None:
    Mail.objects.all().delete()

    page = decide(staff, action, change_request)

    change_request.refresh_from_db()
    assert change_request.status == CompanyChangeRequest.Status.PENDING
    assert change_request.decided_by is None
    assert Company.objects.get(pk=change_request.company_id).city == "Arnhem"
    assert not Mail.objects.filter(kind="company_change_decided").exists()
    assert "Bakkerij Jansen B.V. (Plaats: Arnhem → Zutphen)" in page
    assert explained in page
    assert 'name="apply"' in page
    assert "Ja, doorgaan" in page


def test_a_confirmed_rejection_rejects_and_tells_the_contact(
    staff: User, contact: User, change_request: CompanyChangeRequest
) -> None:
    page = decide(staff, "reject", change_request, apply="1")

    change_request.refresh_from_db()
    assert change_request.status == CompanyChangeRequest.Status.REJECTED
    assert change_request.decided_by == staff
    assert Company.objects.get(pk=change_request.company_id).city == "Arnhem"
    assert Mail.objects.get(kind="company_change_decided").to == contact.email
    assert "Over 1 verzoek is besloten." in page


def test_a_confirmed_approval_changes_the_company(
    staff: User, change_request: CompanyChangeRequest
) -> None:
    decide(staff, "approve", change_request, apply="1")

    change_request.refresh_from_db()
    assert change_request.status == CompanyChangeRequest.Status.APPROVED
    assert Company.objects.get(pk=change_request.company_id).city == "Zutphen"


def test_rejecting_a_change_request_is_not_the_first_choice(
    staff: User, change_request: CompanyChangeRequest
) -> None:
    response = client_for(staff).get(CHANGE_REQUESTS)

    choices = [name for name, _ in response.context["action_form"].fields["action"].choices]
    assert choices == ["", "approve", "reject"]  # the empty choice first, as always
