"""Password guessing is slowed down: allauth's login rate limits, kept in the cache.

allauth's defaults apply (settings.py sets no ACCOUNT_RATE_LIMITS): five failed logins per
account in five minutes, ten failed logins per IP address a minute, thirty login attempts
per IP address a minute. The admin has no login form of its own (see
test_authorization_matrix.py), so these limits guard it too. The cache is emptied before
every test (tests/conftest.py); the limits' clock is moved on by hand.
"""

import time
from typing import Any

import pytest
from allauth.core.internal import ratelimit
from django.test import Client
from django.urls import reverse
from pytest_django import Settings

from accounts.models import User
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
WRONG = "Niet-het-goede-wachtwoord-1"


class Clock:
    """Stands in for the time module inside allauth's rate limiting."""

    def __init__(self) -> None:
        self.now = time.time()

    def time(self) -> float:
        return self.now

    def monotonic(self) -> float:
        return time.monotonic()

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    fake = Clock()
    monkeypatch.setattr(ratelimit, "time", fake)
    return fake


def log_in(email: str, password: str, **extra: Any) -> tuple[int, bool]:
    """(status, signed in?) for one attempt from a fresh browser."""
    client = Client()
    response = client.post(
        reverse("account_login"), {"login": email, "password": password}, **extra
    )
    return response.status_code, "_auth_user_id" in client.session


def test_the_right_password_signs_in(contact: User) -> None:
    assert log_in(contact.email, PASSWORD) == (302, True)


def test_five_failures_lock_the_account_for_five_minutes(contact: User, clock: Clock) -> None:
    for _attempt in range(5):
        assert log_in(contact.email, WRONG) == (200, False)

    # Now even the right password is refused, from anywhere...
    assert log_in(contact.email, PASSWORD) == (200, False)
    assert log_in(contact.email, PASSWORD, REMOTE_ADDR="198.51.100.7") == (200, False)
    # ...while other accounts sign in as usual.
    other = UserFactory.create()
    assert log_in(other.email, PASSWORD) == (302, True)

    clock.now += 4 * 60
    assert log_in(contact.email, PASSWORD) == (200, False)
    clock.now += 61
    assert log_in(contact.email, PASSWORD) == (302, True)


def test_the_lock_message_says_why(contact: User) -> None:
    for _attempt in range(5):
        log_in(contact.email, WRONG)
    client = Client()
    response = client.post(reverse("account_login"), {"login": contact.email, "password": PASSWORD})
    assert response.context["form"].errors
    assert "_auth_user_id" not in client.session


def test_ten_failures_from_one_address_lock_that_address_for_a_minute(clock: Clock) -> None:
    users = UserFactory.create_batch(11)
    for user in users[:10]:
        assert log_in(user.email, WRONG) == (200, False)

    last = users[10]
    assert log_in(last.email, PASSWORD) == (200, False)
    # Another address is not affected.
    assert log_in(last.email, PASSWORD, REMOTE_ADDR="198.51.100.7") == (302, True)

    clock.now += 61
    assert log_in(users[0].email, PASSWORD) == (302, True)


def test_thirty_attempts_a_minute_from_one_address_get_429(clock: Clock) -> None:
    client = Client()
    url = reverse("account_login")
    statuses = [
        client.post(url, {"login": f"wie{n}@example.nl", "password": WRONG}).status_code
        for n in range(31)
    ]
    assert set(statuses[:30]) == {200}
    assert statuses[30] == 429

    clock.now += 61
    assert client.post(url, {"login": "wie@example.nl", "password": WRONG}).status_code == 200


def test_behind_the_proxy_each_client_has_its_own_limit(settings: Settings) -> None:
    """With BEHIND_TLS_PROXY the proxy's X-Forwarded-For entry names the client."""
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    users = UserFactory.create_batch(11)
    for user in users[:10]:
        attempt = log_in(user.email, WRONG, HTTP_X_FORWARDED_FOR="203.0.113.9", **proxy)
        assert attempt == (200, False)

    last = users[10]
    # A spoofed first entry does not help: the proxy's own last entry counts.
    spoofed = "198.51.100.1, 203.0.113.9"
    assert log_in(last.email, PASSWORD, HTTP_X_FORWARDED_FOR=spoofed, **proxy) == (200, False)
    # Someone else behind the same proxy signs in as usual.
    assert log_in(last.email, PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.10", **proxy) == (
        302,
        True,
    )
