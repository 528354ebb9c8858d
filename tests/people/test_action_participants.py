"""Who takes part in a plan action and how far they got: only the company's own people,
dates in order, a certificate only after finishing, a level only with a certificate."""

import datetime
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from companies.models import Enrolment, PlanAction
from people import services
from people.models import ActionParticipant, Participant
from tests.conftest import client_for
from tests.factories import (
    DevelopmentPlanFactory,
    ParticipantFactory,
    PlanActionFactory,
    running_enrolment,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
DAYS = datetime.timedelta(days=1)
NOTHING_YET = {
    "started_on": None,
    "finished_on": None,
    "certificate": "none",
    "certificate_level": "",
}


@pytest.fixture
def action(contact: User, coach: User) -> PlanAction:
    enrolment = running_enrolment(contact.contact.company, coach)
    return PlanActionFactory.create(plan=DevelopmentPlanFactory.create(enrolment=enrolment))


@pytest.fixture
def anna(action: PlanAction) -> Participant:
    return ParticipantFactory.create(company=action.plan.enrolment.company, name="Anna de Vries")


@pytest.fixture
def stranger(other_contact: User) -> Participant:
    return ParticipantFactory.create(company=other_contact.contact.company, name="Bram Kok")


def add(action: PlanAction, person: Participant, **fields: object) -> ActionParticipant:
    return services.action_participant_save(
        action=action, participant=person, fields={**NOTHING_YET, **fields}
    )


def refused(action: PlanAction, person: Participant, **fields: object) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as error:
        add(action, person, **fields)
    assert not ActionParticipant.objects.exists(), "nothing half-saved"
    return (
        error.value.message_dict
        if hasattr(error.value, "error_dict")
        else {"": error.value.messages}
    )


# --- The service -------------------------------------------------------------------------


def test_a_person_finishes_with_a_diploma_at_a_level(action: PlanAction, anna: Participant) -> None:
    added = add(action, anna, started_on=TODAY - 60 * DAYS)
    services.action_participant_save(
        action=action,
        participant=anna,
        participation=added,
        fields={
            "started_on": TODAY - 60 * DAYS,
            "finished_on": TODAY,
            "certificate": "diploma",
            "certificate_level": "mbo3",
        },
    )

    done = ActionParticipant.objects.get()
    assert (done.finished_on, done.certificate, done.certificate_level) == (
        TODAY,
        "diploma",
        "mbo3",
    )
    assert list(anna.participations.all()) == [done]


def test_another_companys_person_is_refused(action: PlanAction, stranger: Participant) -> None:
    assert refused(action, stranger) == {
        "": ["Alleen mensen van het bedrijf doen mee aan de acties ervan."]
    }


def test_a_person_takes_part_once(action: PlanAction, anna: Participant) -> None:
    add(action, anna)

    with pytest.raises(ValidationError, match="doet al mee"):
        add(action, anna)
    assert ActionParticipant.objects.count() == 1


def test_finishing_needs_a_start_on_or_before_it(action: PlanAction, anna: Participant) -> None:
    assert refused(action, anna, finished_on=TODAY) == {
        "started_on": ["Vul ook in wanneer de persoon begon."]
    }
    assert refused(action, anna, started_on=TODAY, finished_on=TODAY - DAYS) == {
        "finished_on": ["Iemand rondt af op of na de dag dat hij of zij begon."]
    }
    assert "finished_on" in refused(action, anna, started_on=TODAY, finished_on=TODAY + DAYS)
    assert "started_on" in refused(action, anna, started_on=TODAY + DAYS)


def test_a_certificate_comes_after_finishing_and_a_level_with_a_certificate(
    action: PlanAction, anna: Participant
) -> None:
    assert refused(action, anna, started_on=TODAY, certificate="certificate") == {
        "certificate": ["Een certificaat of diploma komt na het afronden: vul in wanneer."]
    }
    assert refused(action, anna, started_on=TODAY, finished_on=TODAY, certificate_level="mbo2") == {
        "certificate_level": ["Een niveau hoort bij een certificaat of diploma."]
    }
    assert "certificate_level" in refused(
        action,
        anna,
        started_on=TODAY,
        finished_on=TODAY,
        certificate="diploma",
        certificate_level="phd",
    )

    add(action, anna, started_on=TODAY, finished_on=TODAY, certificate="certificate")
    assert ActionParticipant.objects.get().certificate_level == ""


@pytest.mark.parametrize(
    "fields",
    [
        {"finished_on": TODAY},
        {"started_on": TODAY, "finished_on": TODAY - DAYS},
        {"certificate": "diploma"},
        {"certificate_level": "mbo4"},
        {
            "certificate": "diploma",
            "finished_on": TODAY,
            "started_on": TODAY,
            "certificate_level": "x",
        },
    ],
)
def test_the_database_refuses_what_the_service_refuses(
    action: PlanAction, anna: Participant, fields: dict[str, object]
) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        ActionParticipant.objects.create(action=action, participant=anna, **fields)


def test_an_erased_or_inactive_person_is_not_added(action: PlanAction, anna: Participant) -> None:
    Participant.objects.filter(pk=anna.pk).update(is_active=False)
    anna.refresh_from_db()

    assert refused(action, anna) == {"": ["Deze persoon doet niet meer mee."]}


def test_the_plan_of_a_trajectory_over_is_not_changed(
    action: PlanAction, anna: Participant
) -> None:
    participation = add(action, anna)
    Enrolment.objects.filter(pk=action.plan.enrolment_id).update(status=Enrolment.Status.COMPLETED)
    action.plan.enrolment.refresh_from_db()

    with pytest.raises(ValidationError, match="tijdens het traject"):
        services.action_participant_remove(participation=participation)
    assert ActionParticipant.objects.exists()


def test_an_erased_person_stays_on_the_action_without_a_name(
    action: PlanAction, anna: Participant, contact: User
) -> None:
    add(action, anna, started_on=TODAY)

    services.participant_erase(participant=anna)

    page = client_for(contact).get(reverse("action_participants", args=[action.public_id]))
    text = page.content.decode()
    assert "Anna de Vries" not in text
    assert "(naam gewist)" in text
    assert ActionParticipant.objects.get().participant_id == anna.pk
    edit = reverse("action_participant_edit", args=[action.public_id, anna.public_id])
    assert client_for(contact).get(edit).status_code == 404


@pytest.mark.django_db(transaction=True)
def test_two_keepers_adding_the_same_person_at_once_add_them_once(
    contact: User, coach: User
) -> None:
    enrolment = running_enrolment(contact.contact.company, coach)
    action = PlanActionFactory.create(plan=DevelopmentPlanFactory.create(enrolment=enrolment))
    anna = ParticipantFactory.create(company=enrolment.company)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def add_anna() -> None:
        try:
            barrier.wait()
            add(action, anna)
            outcomes.append("added")
        except ValidationError as error:
            outcomes.append(error.messages[0])
        finally:
            connection.close()

    threads = [threading.Thread(target=add_anna) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["Deze persoon doet al mee aan de actie.", "added"]
    assert ActionParticipant.objects.count() == 1


# --- The pages ---------------------------------------------------------------------------


def test_the_coach_adds_a_person_and_records_a_certificate(
    action: PlanAction, anna: Participant, coach: User
) -> None:
    client = client_for(coach)
    url = reverse("action_participants", args=[action.public_id])

    response = client.post(url, {"participant": anna.pk, "certificate": "none"})
    assert response.status_code == 302
    edit = reverse("action_participant_edit", args=[action.public_id, anna.public_id])
    assert edit in client.get(url).content.decode()

    response = client.post(
        edit,
        {
            "started_on": (TODAY - 30 * DAYS).isoformat(),
            "finished_on": TODAY.isoformat(),
            "certificate": "certificate",
            "certificate_level": "mbo2",
        },
    )
    assert response.status_code == 302
    done = ActionParticipant.objects.get()
    assert (done.certificate, done.certificate_level) == ("certificate", "mbo2")


def test_a_bad_record_comes_back_with_the_message_and_nothing_saved(
    action: PlanAction, anna: Participant, contact: User
) -> None:
    url = reverse("action_participants", args=[action.public_id])

    response = client_for(contact).post(
        url, {"participant": anna.pk, "certificate": "diploma", "certificate_level": "mbo4"}
    )

    assert response.status_code == 200
    assert "Een certificaat of diploma komt na het afronden" in response.content.decode()
    assert not ActionParticipant.objects.exists()


def test_another_companys_person_cannot_be_posted_onto_the_action(
    action: PlanAction, anna: Participant, stranger: Participant, contact: User
) -> None:
    url = reverse("action_participants", args=[action.public_id])

    response = client_for(contact).post(url, {"participant": stranger.pk, "certificate": "none"})

    assert response.status_code == 200
    assert "Selecteer een geldige keuze" in response.content.decode()
    assert not ActionParticipant.objects.exists()


def test_another_companys_action_and_participation_are_not_found(
    action: PlanAction, anna: Participant, other_contact: User, other_coach: User
) -> None:
    participation = add(action, anna)
    urls = [
        reverse("action_participants", args=[action.public_id]),
        reverse("action_participant_edit", args=[action.public_id, anna.public_id]),
        reverse("action_participant_remove", args=[action.public_id, anna.public_id]),
    ]
    for user in (other_contact, other_coach):
        for url in urls:
            assert client_for(user).get(url).status_code == 404
            assert client_for(user).post(url).status_code == 404
    assert ActionParticipant.objects.get() == participation


def test_a_participant_of_another_company_is_not_found_on_ones_own_action(
    action: PlanAction,
    stranger: Participant,
    contact: User,
    other_contact: User,
    other_coach: User,
) -> None:
    # B's participant on B's action exists, but not on A's action.
    theirs_enrolment = running_enrolment(other_contact.contact.company, other_coach)
    theirs = PlanActionFactory.create(
        plan=DevelopmentPlanFactory.create(enrolment=theirs_enrolment)
    )
    add(theirs, stranger)
    url = reverse("action_participant_edit", args=[action.public_id, stranger.public_id])

    assert client_for(contact).get(url).status_code == 404


def test_the_contact_takes_a_person_off_the_action(
    action: PlanAction, anna: Participant, contact: User
) -> None:
    add(action, anna)
    url = reverse("action_participant_remove", args=[action.public_id, anna.public_id])
    client = client_for(contact)

    assert "Anna de Vries" in client.get(url).content.decode()
    response = client.post(url)

    assert response.status_code == 302
    assert not ActionParticipant.objects.exists()
    assert Participant.objects.filter(pk=anna.pk).exists()
