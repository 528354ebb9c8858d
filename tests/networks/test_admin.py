"""Staff see and remove what members shared in the admin, but do not write it."""

import pytest
from django.urls import reverse

from accounts.models import User
from networks.models import Experience
from tests.conftest import client_for
from tests.factories import LearningNetworkFactory

pytestmark = pytest.mark.django_db


def test_staff_list_and_remove_experiences_but_add_none(staff: User) -> None:
    experience = Experience.objects.create(
        network=LearningNetworkFactory.create(), body="Iets ongepasts"
    )
    client = client_for(staff)

    listing = client.get(reverse("admin:networks_experience_changelist"))
    adding = client.get(reverse("admin:networks_experience_add"))
    client.post(reverse("admin:networks_experience_delete", args=[experience.pk]), {"post": "yes"})

    assert listing.status_code == 200
    assert adding.status_code == 403
    assert not Experience.objects.exists()


def test_staff_list_meeting_documents(staff: User) -> None:
    response = client_for(staff).get(reverse("admin:networks_meetingdocument_changelist"))
    assert response.status_code == 200
