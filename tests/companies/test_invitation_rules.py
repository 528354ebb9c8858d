"""Invitations cannot be used to send mail for strangers (issue 12, item 5)."""

import datetime
from functools import partial
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from pytest_django import Settings

from accounts.models import User
from companies import services
from companies.models import Enrolment, Invitation
from leercultuur.outbox.models import Mail
from tests.concurrency import race
from tests.conftest import client_for
from tests.factories import EnrolmentFactory

Status = Enrolment.Status


def invite(contact: User, email: str) -> Invitation:
    return services.invitation_send(company=contact.contact.company, email=email, by=contact)


@pytest.mark.django_db
@pytest.mark.parametrize("status", [Status.DRAFT, Status.REJECTED, Status.WITHDRAWN])
def test_a_company_not_sent_in_or_accepted_invites_nobody(contact: User, status: str) -> None:
    EnrolmentFactory.create(company=contact.contact.company, status=status)

    with pytest.raises(ValidationError, match="zodra de aanmelding"):
        invite(contact, "vreemde@example.com")
    response = client_for(contact).post(
        reverse("invitation_send"), {"email": "vreemde@example.com"}
    )

    assert "zodra de aanmelding van uw bedrijf is ingediend" in response.content.decode()
    assert not Invitation.objects.exists()
    assert not Mail.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("status", [Status.SUBMITTED, Status.WAITLISTED, Status.ACTIVE])
def test_a_company_sent_in_or_accepted_invites_colleagues(contact: User, status: str) -> None:
    EnrolmentFactory.create(company=contact.contact.company, status=status)

    invite(contact, "collega@example.nl")

    assert Mail.objects.get().to == "collega@example.nl"


@pytest.mark.django_db
def test_at_most_a_few_invitations_a_day(contact: User, settings: Settings) -> None:
    settings.INVITATIONS_PER_COMPANY_PER_DAY = 2
    EnrolmentFactory.create(company=contact.contact.company)
    invite(contact, "een@example.nl")
    invite(contact, "twee@example.nl")

    with pytest.raises(ValidationError, match="2 uitnodigingen verstuurd"):
        invite(contact, "drie@example.nl")
    assert Mail.objects.count() == 2

    Invitation.objects.update(created_at=timezone.now() - datetime.timedelta(hours=25))
    invite(contact, "drie@example.nl")  # a day later
    assert Mail.objects.count() == 3


@pytest.mark.django_db(transaction=True)
def test_the_daily_limit_holds_when_two_invitations_go_at_once(
    contact: User, settings: Settings
) -> None:
    settings.INVITATIONS_PER_COMPANY_PER_DAY = 1
    EnrolmentFactory.create(company=contact.contact.company)
    outcomes = race([partial(invite, contact, f"{n}@example.nl") for n in "ab"])

    assert sorted(type(outcome).__name__ for outcome in outcomes) == [
        "Invitation",
        "ValidationError",
    ]
    assert Invitation.objects.count() == 1


@pytest.mark.django_db
def test_no_word_of_the_company_goes_into_an_invitations_subject(
    contact: User, django_capture_on_commit_callbacks: Any
) -> None:
    company = contact.contact.company
    company.legal_name = "Goedkope pillen, klik hier B.V."
    company.save()
    EnrolmentFactory.create(company=company)  # sent in, not yet accepted

    invite(contact, "collega@example.nl")

    subject = Mail.objects.get().subject
    assert subject == "[Leercultuur MKB] Uitnodiging voor het portaal"
