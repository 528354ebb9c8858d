"""Uploading a meeting file: a body too large is refused by its Content-Length before it
is read (and before CSRF's check would read it), a very long file name gets a message.
"""

from typing import Any

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from companies.models import Enrolment
from networks.forms import DocumentForm
from networks.models import Meeting, MeetingDocument
from tests.conftest import client_for
from tests.factories import EnrolmentFactory, meeting_for

pytestmark = pytest.mark.django_db
TOO_LARGE = "Het bestand is groter dan 10 MB."
TOO_LONG = "De bestandsnaam is te lang."


class UnreadableBody:
    """A request body that fails the test if anything reads it."""

    def read(self, *args: Any) -> bytes:
        raise AssertionError("the body was read")

    readline = read


@pytest.fixture
def meeting(contact: User, coach: User) -> Meeting:
    """Yesterday's meeting of a network with the contact's company, facilitated by coach."""
    enrolment = EnrolmentFactory.create(
        company=contact.contact.company, status=Enrolment.Status.ACTIVE
    )
    meeting = meeting_for(enrolment, days=-1)
    meeting.network.facilitators.add(coach)
    return meeting


def upload_url(meeting: Meeting) -> str:
    return reverse("document_upload", args=[meeting.public_id])


def too_large(client: Client, meeting: Meeting) -> Any:
    """A POST that says it carries 11 MB, whose body fails the test if read."""
    environ: dict[str, Any] = {
        "CONTENT_TYPE": "multipart/form-data; boundary=grens",
        "CONTENT_LENGTH": str(11 * 1024 * 1024),
        "wsgi.input": UnreadableBody(),
    }
    return client.generic("POST", upload_url(meeting), **environ)


def test_a_body_too_large_is_refused_unread_with_the_services_message(
    meeting: Meeting, coach: User
) -> None:
    client = client_for(coach)

    response = too_large(client, meeting)

    assert response.status_code == 413
    assert response.context["form"].errors == {"file": [TOO_LARGE]}
    assert TOO_LARGE in response.content.decode()
    # A file just over 10 MB fits the body's allowance for the other fields: the service
    # measures it, with the same message.
    big = SimpleUploadedFile("groot.pdf", b"0" * (10 * 1024 * 1024 + 1), "application/pdf")
    response = client.post(upload_url(meeting), {"title": "Groot", "file": big})
    assert response.status_code == 200
    assert response.context["form"].errors == {"file": [TOO_LARGE]}
    assert not MeetingDocument.objects.exists()


def test_the_csrf_check_comes_after_the_size_and_still_guards(
    meeting: Meeting, coach: User
) -> None:
    client = client_for(coach)
    client.handler.enforce_csrf_checks = True

    assert too_large(client, meeting).status_code == 413, "refused before CSRF reads the body"

    hand_out = {"title": "Hand-out", "file": SimpleUploadedFile("hand-out.pdf", b"%PDF-1.7")}
    forged = client.post(upload_url(meeting), hand_out)
    assert forged.status_code == 403
    assert not MeetingDocument.objects.exists()

    client.get(reverse("meeting_detail", args=[meeting.public_id]))
    token = client.cookies["csrftoken"].value
    hand_out["file"] = SimpleUploadedFile("hand-out.pdf", b"%PDF-1.7")
    response = client.post(upload_url(meeting), {**hand_out, "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert MeetingDocument.objects.get().title == "Hand-out"


def test_others_still_get_a_404_before_any_size_check(
    meeting: Meeting, other_coach: User, contact: User
) -> None:
    for user in (other_coach, contact):
        client = client_for(user)
        client.handler.enforce_csrf_checks = True
        assert too_large(client, meeting).status_code == 404
    anonymous = Client().post(upload_url(meeting), {})
    assert anonymous.status_code == 302


@pytest.mark.parametrize("title", ["", "Sheets"])
@pytest.mark.parametrize("name", ["a" * 296 + ".pdf", "é" * 101 + ".pdf", "文" * 96 + ".pdf"])
def test_a_very_long_file_name_gets_a_message_not_a_500(
    meeting: Meeting, coach: User, title: str, name: str
) -> None:
    file = SimpleUploadedFile(name, b"%PDF-1.7", content_type="application/pdf")

    response = client_for(coach).post(upload_url(meeting), {"title": title, "file": file})

    assert response.status_code == 200
    (message,) = response.context["form"].errors["file"]
    assert message.startswith(TOO_LONG)
    assert not MeetingDocument.objects.exists()


def test_a_name_of_the_longest_length_is_stored_whole_even_twice(
    meeting: Meeting, coach: User
) -> None:
    name = "b" * (MeetingDocument.NAME_MAX_LENGTH - 4) + ".pdf"
    for _upload in range(2):  # the second time the storage adds to the name
        file = SimpleUploadedFile(name, b"%PDF-1.7", content_type="application/pdf")
        response = client_for(coach).post(upload_url(meeting), {"title": "", "file": file})
        assert response.status_code == 302

    first, second = MeetingDocument.objects.order_by("pk")
    assert str(first.file.name).endswith("/" + name)
    assert first.title == second.title == name
    assert second.file.name != first.file.name


def test_the_model_and_the_form_agree_on_the_name() -> None:
    field = MeetingDocument._meta.get_field("file")
    assert isinstance(field, models.FileField)
    folder = timezone.now().strftime(str(field.upload_to))
    taken_suffix = len("_abcdefg")
    assert field.max_length is not None
    assert field.max_length >= len(folder) + MeetingDocument.NAME_MAX_LENGTH + taken_suffix
    form_field = DocumentForm.base_fields["file"]
    assert isinstance(form_field, forms.FileField)
    assert form_field.max_length == MeetingDocument.NAME_MAX_LENGTH
