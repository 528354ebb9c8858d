"""Stories: online only with the company's consent to the very text; withdrawn, offline at
once; an edit after the consent takes it offline until the company agrees again."""

from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from accounts.models import User
from companies.models import Enrolment
from tests.conftest import client_for
from tests.factories import EnrolmentFactory
from tests.reports.conftest import measured
from website.models import Story, StoryConsent
from website.services import (
    story_consent_ask,
    story_consent_give,
    story_publish,
    story_save,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def enrolment(contact: User) -> Enrolment:
    return EnrolmentFactory.create(
        company=contact.contact.company, status=Enrolment.Status.COMPLETED
    )


@pytest.fixture
def story(enrolment: Enrolment, staff: User) -> Story:
    return story_save(
        enrolment=enrolment,
        by=staff,
        title="Leren op de werkvloer",
        body="Bij de bakkerij leren nieuwe collega's nu van een vaste maatje.",
        quote="Iedereen leert van iedereen.",
        quote_by="Anna, eigenaar",
    )


def online(story: Story) -> bool:
    return Story.objects.public().filter(pk=story.pk).exists()


def public_page(story: Story) -> int:
    return Client().get(reverse("story_detail", args=[story.public_id])).status_code


def test_a_story_is_offline_until_the_company_agrees_and_staff_publish(
    story: Story, contact: User
) -> None:
    with pytest.raises(ValidationError):
        story_publish(story=story)  # nobody agreed yet
    assert not online(story)

    consent = story_consent_give(story=story, by=contact)
    assert not online(story)  # agreed, not yet published
    story_publish(story=story)

    assert online(story)
    assert public_page(story) == 200
    assert consent.given_by == contact
    assert consent.content["body"] == story.body
    assert consent.content_hash == story.content_hash


def test_withdrawing_consent_takes_the_story_offline_at_once(story: Story, contact: User) -> None:
    story_consent_give(story=story, by=contact)
    story_publish(story=story)
    assert public_page(story) == 200

    response = client_for(contact).post(
        reverse("story_consent", args=[story.public_id]), {"toestemming": "nee"}
    )

    assert response.status_code == 302
    assert not online(story)
    assert public_page(story) == 404
    assert (
        reverse("story_detail", args=[story.public_id])
        not in Client().get(reverse("story_list")).content.decode()
    )
    withdrawn = StoryConsent.objects.get(story=story)
    assert withdrawn.withdrawn_by == contact
    assert withdrawn.withdrawn_at is not None


def test_a_change_after_the_consent_takes_the_story_offline(
    story: Story, contact: User, staff: User
) -> None:
    story_consent_give(story=story, by=contact)
    story_publish(story=story)

    story_save(story=story, by=staff, body="Een andere tekst, waar niemand ja op zei.")

    assert not online(story)
    page = client_for(contact).get(reverse("story_consent", args=[story.public_id]))
    assert "veranderd" in page.content.decode()
    story_consent_give(story=story, by=contact)
    assert online(story)  # still published: online again with the new consent
    assert StoryConsent.objects.filter(story=story, withdrawn_at=None).count() == 1


def test_only_a_contact_of_the_company_decides(
    story: Story, coach: User, staff: User, other_contact: User
) -> None:
    url = reverse("story_consent", args=[story.public_id])
    assert client_for(other_contact).get(url).status_code == 404
    assert client_for(staff).get(url).status_code == 200
    assert client_for(staff).post(url, {"toestemming": "ja"}).status_code == 404
    assert not story.consents.exists()


def test_asking_for_consent_mails_the_contacts_with_the_link(
    story: Story, contact: User, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        assert story_consent_ask(story=story) == 1

    sent = mail.outbox[-1]
    assert sent.to == [contact.email]
    assert reverse("story_consent", args=[story.public_id]) in sent.body
    assert story.title in sent.subject


def test_a_story_needs_a_title_and_a_text(enrolment: Enrolment, staff: User) -> None:
    with pytest.raises(ValidationError):
        story_save(enrolment=enrolment, by=staff, title="", body="Tekst")
    assert not Story.objects.exists()


def test_the_consent_story_page_shows_the_chart_only_when_asked(
    story: Story, contact: User, staff: User, coach: User
) -> None:
    measured(story.enrolment, coach, baseline=2, final=4)
    url = reverse("story_consent", args=[story.public_id])
    assert "<svg" not in client_for(contact).get(url).content.decode()
    story_save(story=story, by=staff, show_chart=True)
    assert "<svg" in client_for(contact).get(url).content.decode()


def test_the_company_finds_its_story_on_its_dashboard(story: Story, contact: User) -> None:
    page = client_for(contact).get(reverse("company_dashboard")).content.decode()
    assert reverse("story_consent", args=[story.public_id]) in page
