"""The library of good practice: experiences their authors shared beyond the network and
staff let in, without the company's or the author's name."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from accounts.models import User
from companies.models import Enrolment
from networks.models import Experience
from networks.services import experience_moderate, experience_share
from reports.queues import experiences_to_moderate
from tests.conftest import client_for
from tests.factories import EnrolmentFactory, LearningNetworkFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def experience(contact: User) -> Experience:
    enrolment = EnrolmentFactory.create(
        company=contact.contact.company, status=Enrolment.Status.ACTIVE
    )
    network = LearningNetworkFactory.create(edition=enrolment.edition, members=[enrolment])
    return Experience.objects.create(
        network=network, author=contact, enrolment=enrolment, body="Een maatje per nieuwe collega."
    )


def library() -> str:
    return Client().get(reverse("library")).content.decode()


def test_shared_and_approved_it_is_in_the_library_without_names(
    experience: Experience, contact: User, staff: User
) -> None:
    assert experience.body not in library()

    client_for(contact).post(
        reverse("experience_share", args=[experience.public_id]), {"delen": "ja"}
    )
    assert experience.body not in library()  # staff read it first
    assert list(experiences_to_moderate()) == [experience]

    response = client_for(staff).post(
        reverse("experience_moderate", args=[experience.public_id]), {"besluit": "toelaten"}
    )

    assert response.status_code == 302
    assert list(experiences_to_moderate()) == []
    page = library()
    assert experience.body in page
    assert contact.contact.company.legal_name not in page
    assert contact.full_name not in page


def test_the_author_takes_it_back_and_it_is_offline_at_once(
    experience: Experience, contact: User, staff: User
) -> None:
    experience_share(experience=experience, by=contact, shared=True)
    experience_moderate(experience=experience, by=staff, approve=True)
    assert experience.body in library()

    client_for(contact).post(
        reverse("experience_share", args=[experience.public_id]), {"delen": "nee"}
    )

    assert experience.body not in library()
    with pytest.raises(ValidationError):
        experience_moderate(experience=experience, by=staff, approve=True)


def test_only_the_author_shares_and_a_refusal_keeps_it_out(
    experience: Experience, contact: User, coach: User, staff: User
) -> None:
    with pytest.raises(ValidationError):
        experience_share(experience=experience, by=coach, shared=True)

    experience_share(experience=experience, by=contact, shared=True)
    experience_moderate(experience=experience, by=staff, approve=False)

    assert experience.body not in library()
    assert list(experiences_to_moderate()) == []
    experience.refresh_from_db()
    assert experience.refused_at is not None
