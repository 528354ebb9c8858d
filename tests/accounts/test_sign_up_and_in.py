"""Sign-up with mandatory e-mail verification, password reset and login rate limits."""

import re
from typing import Any

import pytest
import redis
from allauth.account.models import EmailAddress
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.models import User
from tests.factories import PASSWORD


def sign_up(client: Client, email: str) -> None:
    client.post(
        reverse("account_signup"),
        {"email": email, "password1": PASSWORD, "password2": PASSWORD},
    )


@pytest.mark.django_db
def test_sign_up_requires_verifying_the_email_address(
    client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):  # the outbox sends after commit
        sign_up(client, "Info@Bakkerij-Jansen.nl")

    user = User.objects.get()
    assert user.email == "info@bakkerij-jansen.nl"
    assert not EmailAddress.objects.get(user=user).verified
    # Not signed in yet: the portal's pages still ask to log in.
    assert client.get(reverse("welcome"))["Location"].startswith(reverse("account_login"))
    (message,) = mail.outbox
    assert message.to == ["info@bakkerij-jansen.nl"]
    assert "Bevestig" in message.subject  # Dutch first


@pytest.mark.django_db
def test_following_the_verification_link_signs_the_user_in(
    client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client, "info@bakkerij-jansen.nl")
    link = re.search(r"https?://[^/\s]+(/\S+/)", str(mail.outbox[0].body))
    assert link is not None

    client.post(link.group(1))

    assert EmailAddress.objects.get().verified
    assert client.get(reverse("home"))["Location"] == reverse("welcome")


def test_unverified_user_cannot_sign_in(client: Client, db: None) -> None:
    sign_up(Client(), "info@bakkerij-jansen.nl")

    response = client.post(
        reverse("account_login"), {"login": "info@bakkerij-jansen.nl", "password": PASSWORD}
    )

    assert response["Location"] == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session


def test_password_reset_sends_a_link(
    client: Client, contact: User, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_reset_password"), {"email": contact.email})

    (message,) = mail.outbox
    assert message.to == [contact.email]
    assert "/accounts/password/reset/key/" in message.body


def test_repeated_wrong_passwords_are_rate_limited_in_redis(client: Client, contact: User) -> None:
    wrong = {"login": contact.email, "password": "niet-het-goede-wachtwoord"}
    statuses = [client.post(reverse("account_login"), wrong).status_code for _ in range(5)]
    assert statuses == [200] * 5

    response = client.post(reverse("account_login"), {**wrong, "password": PASSWORD})

    assert response.status_code == 200  # refused even with the right password
    assert "_auth_user_id" not in client.session
    assert "Te veel" in response.content.decode()
    counters = redis.Redis.from_url(settings.REDIS_URL).keys("*login_failed*")
    assert counters, "the counter should live in Redis, shared by every web worker"
