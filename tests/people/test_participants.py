"""A company's participants: listed once a contact stated the people were told."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.privacy import ERASED
from accounts.services import privacy_purge
from companies.models import Enrolment
from people import services
from people.models import Education, Group, Participant, PeopleInformed
from tests.conftest import client_for
from tests.factories import EnrolmentFactory, running_enrolment

pytestmark = pytest.mark.django_db

ANNA = {"name": "Anna de Vries", "group": Group.EMPLOYEE, "education": Education.MBO3}


@pytest.fixture
def enrolment(contact: User, coach: User) -> Enrolment:
    return running_enrolment(contact.contact.company, coach)


@pytest.fixture
def informed(enrolment: Enrolment, contact: User) -> Enrolment:
    services.people_informed_confirm(company=enrolment.company, by=contact)
    return enrolment


def test_nobody_is_listed_before_a_contact_states_the_people_were_told(
    enrolment: Enrolment, contact: User, coach: User
) -> None:
    with pytest.raises(ValidationError, match="Eerst bevestigt een contactpersoon"):
        services.participant_save(company=enrolment.company, fields=ANNA)
    with pytest.raises(ValidationError, match="contactpersoon"):
        services.people_informed_confirm(company=enrolment.company, by=coach)

    services.people_informed_confirm(company=enrolment.company, by=contact)
    anna = services.participant_save(company=enrolment.company, fields=ANNA)

    assert anna.is_mbo
    assert PeopleInformed.objects.get().confirmed_by == contact


def test_a_person_is_listed_once_whatever_the_case_and_spaces(informed: Enrolment) -> None:
    services.participant_save(company=informed.company, fields=ANNA)

    with pytest.raises(ValidationError) as refused:
        services.participant_save(
            company=informed.company, fields={**ANNA, "name": "  anna  DE vries "}
        )
    assert refused.value.message_dict["name"] == ["Deze persoon staat al op de lijst."]
    # Another company may have its own Anna de Vries.
    other = EnrolmentFactory.create().company
    PeopleInformed.objects.create(company=other)
    services.participant_save(company=other, fields=ANNA)


def test_a_name_is_one_line_and_an_address_is_kept_in_lower_case(informed: Enrolment) -> None:
    with pytest.raises(ValidationError) as refused:
        services.participant_save(company=informed.company, fields={**ANNA, "name": "Anna\nBcc"})
    assert "name" in refused.value.message_dict

    anna = services.participant_save(
        company=informed.company, fields={**ANNA, "email": " Anna@Bakkerij.NL "}
    )
    assert anna.email == "anna@bakkerij.nl"


def test_the_contact_confirms_then_adds_a_person_on_the_page(
    enrolment: Enrolment, contact: User
) -> None:
    client = client_for(contact)
    url = reverse("participant_list", args=[enrolment.public_id])
    assert "Bevestigen" in client.get(url).content.decode()

    client.post(url, {"confirm_informed": "1", "informed": "on"})
    response = client.post(url, {**ANNA, "job_title": "Bakker"})

    assert response.status_code == 302
    anna = Participant.objects.get()
    assert (anna.name, anna.job_title, anna.company) == (
        "Anna de Vries",
        "Bakker",
        enrolment.company,
    )
    assert "Anna de Vries" in client.get(url).content.decode()


def test_the_coach_keeps_the_list_too_once_the_contact_confirmed(
    informed: Enrolment, coach: User
) -> None:
    url = reverse("participant_list", args=[informed.public_id])
    client_for(coach).post(url, {**ANNA})

    anna = Participant.objects.get()
    response = client_for(coach).post(
        reverse("participant_edit", args=[anna.public_id]),
        {**ANNA, "is_ambassador": "on", "is_active": "on"},
    )
    assert response.status_code == 302
    anna.refresh_from_db()
    assert anna.is_ambassador


def test_erasing_keeps_what_counts_and_drops_the_name(informed: Enrolment, contact: User) -> None:
    anna = services.participant_save(
        company=informed.company, fields={**ANNA, "email": "anna@example.nl", "job_title": "Bakker"}
    )

    client_for(contact).post(reverse("participant_erase", args=[anna.public_id]))

    anna.refresh_from_db()
    assert (anna.name, anna.email, anna.job_title) == (ERASED, "", "")
    assert (anna.group, anna.education, anna.is_active) == (Group.EMPLOYEE, Education.MBO3, False)
    assert anna.erased_at is not None
    # The name is free again, and the erased row is no one's page any more.
    services.participant_save(company=informed.company, fields=ANNA)
    page = client_for(contact).get(reverse("participant_edit", args=[anna.public_id]))
    assert page.status_code == 404


def test_the_retention_purge_erases_people_of_trajectories_long_over(
    informed: Enrolment, settings: object
) -> None:
    anna = services.participant_save(company=informed.company, fields=ANNA)
    long_ago = timezone.now() - datetime.timedelta(days=3 * 366)
    Enrolment.objects.filter(pk=informed.pk).update(
        status=Enrolment.Status.COMPLETED, updated_at=long_ago
    )
    Participant.objects.filter(pk=anna.pk).update(updated_at=long_ago)

    counts = privacy_purge()

    anna.refresh_from_db()
    assert anna.name == ERASED
    assert counts["participants of trajectories long over"] == 1


def test_a_running_trajectory_keeps_its_people(informed: Enrolment) -> None:
    anna = services.participant_save(company=informed.company, fields=ANNA)
    Participant.objects.filter(pk=anna.pk).update(
        updated_at=timezone.now() - datetime.timedelta(days=3 * 366)
    )

    privacy_purge()

    anna.refresh_from_db()
    assert anna.name == "Anna de Vries"
