"""Ambassadors' activities: recorded by contacts and coaches for an ambassador only, seen by
the coach on the participants page, blanked with the person's erasure."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.services import privacy_purge
from companies.models import Enrolment
from people import services
from people.models import AmbassadorActivity, Participant
from tests.conftest import client_for
from tests.factories import ParticipantFactory, running_enrolment

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
SPOKE = {"kind": "spoke", "happened_on": TODAY, "description": "Vertelde over het inwerken"}


@pytest.fixture
def enrolment(contact: User, coach: User) -> Enrolment:
    return running_enrolment(contact.contact.company, coach)


@pytest.fixture
def ilse(enrolment: Enrolment) -> Participant:
    return ParticipantFactory.create(
        company=enrolment.company, name="Ilse Bosch", is_ambassador=True
    )


def test_an_ambassadors_activity_is_recorded_with_who_recorded_it(
    ilse: Participant, coach: User
) -> None:
    activity = services.ambassador_activity_record(participant=ilse, fields=SPOKE, by=coach)

    assert (activity.participant, activity.recorded_by, activity.kind) == (ilse, coach, "spoke")


def test_only_an_ambassador_has_activities(enrolment: Enrolment, coach: User) -> None:
    tom = ParticipantFactory.create(company=enrolment.company, is_ambassador=False)

    with pytest.raises(ValidationError, match="alleen vast wat een ambassadeur doet"):
        services.ambassador_activity_record(participant=tom, fields=SPOKE, by=coach)
    assert not AmbassadorActivity.objects.exists()


def test_an_activity_happened_and_is_described_in_one_line(ilse: Participant, coach: User) -> None:
    tomorrow = TODAY + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as future:
        services.ambassador_activity_record(
            participant=ilse, fields={**SPOKE, "happened_on": tomorrow}, by=coach
        )
    assert "happened_on" in future.value.message_dict
    with pytest.raises(ValidationError) as two_lines:
        services.ambassador_activity_record(
            participant=ilse, fields={**SPOKE, "description": "Regel\nBcc: iemand"}, by=coach
        )
    assert "description" in two_lines.value.message_dict
    with pytest.raises(ValidationError) as unknown:
        services.ambassador_activity_record(
            participant=ilse, fields={**SPOKE, "kind": "sang"}, by=coach
        )
    assert "kind" in unknown.value.message_dict
    assert not AmbassadorActivity.objects.exists()


def test_the_contact_records_and_the_coach_sees_it_on_the_participants_page(
    enrolment: Enrolment, ilse: Participant, contact: User, coach: User
) -> None:
    url = reverse("ambassador_activities", args=[ilse.public_id])

    response = client_for(contact).post(
        url, {**SPOKE, "happened_on": TODAY.isoformat(), "kind": "brought_colleagues"}
    )

    assert response.status_code == 302
    listing = client_for(coach).get(reverse("participant_list", args=[enrolment.public_id]))
    assert "1 activiteit als ambassadeur" in listing.content.decode()
    page = client_for(coach).get(url).content.decode()
    assert "Nam collega&#x27;s mee" in page
    assert "Vertelde over het inwerken" in page


def test_a_bad_activity_comes_back_with_a_message(ilse: Participant, coach: User) -> None:
    url = reverse("ambassador_activities", args=[ilse.public_id])

    response = client_for(coach).post(url, {"kind": "spoke", "happened_on": ""})

    assert response.status_code == 200
    assert "Dit veld is verplicht" in response.content.decode()
    assert not AmbassadorActivity.objects.exists()


def test_another_companys_ambassador_is_not_found(
    ilse: Participant, other_contact: User, other_coach: User
) -> None:
    url = reverse("ambassador_activities", args=[ilse.public_id])

    for user in (other_contact, other_coach):
        assert client_for(user).get(url).status_code == 404
        assert client_for(user).post(url, SPOKE).status_code == 404
    assert not AmbassadorActivity.objects.exists()


def test_erasing_the_ambassador_keeps_the_activity_without_its_text(
    ilse: Participant, coach: User
) -> None:
    activity = services.ambassador_activity_record(participant=ilse, fields=SPOKE, by=coach)

    services.participant_erase(participant=ilse)

    activity.refresh_from_db()
    assert (activity.kind, activity.description, activity.participant_id) == ("spoke", "", ilse.pk)


def test_the_retention_purge_blanks_the_activities_with_the_person(
    enrolment: Enrolment, ilse: Participant, coach: User
) -> None:
    kept = ParticipantFactory.create(company=enrolment.company, is_ambassador=True)
    services.ambassador_activity_record(participant=ilse, fields=SPOKE, by=coach)
    services.ambassador_activity_record(participant=kept, fields=SPOKE, by=coach)
    long_ago = timezone.now() - datetime.timedelta(days=3 * 366)
    Enrolment.objects.filter(pk=enrolment.pk).update(
        status=Enrolment.Status.COMPLETED, updated_at=long_ago
    )
    Participant.objects.filter(pk=ilse.pk).update(updated_at=long_ago)

    privacy_purge()

    assert AmbassadorActivity.objects.get(participant=ilse).description == ""
    assert AmbassadorActivity.objects.get(participant=kept).description == SPOKE["description"]
