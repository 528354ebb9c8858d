"""Named users for every role, and the switches shared by the whole suite."""

from collections.abc import Iterator

import pytest
from django.test import Client

from accounts.models import User
from leercultuur.celery import app as celery_app
from tests.factories import (
    CoachFactory,
    ContactFactory,
    StaffFactory,
    UserFactory,
    with_totp,
)

pytest_plugins = ["tests.fixtures.celery_worker", "tests.fixtures.browser"]


@pytest.fixture(autouse=True)
def _eager_celery() -> Iterator[None]:
    """Tasks run in-process unless a test asks for the real worker."""
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous


@pytest.fixture(autouse=True)
def _media_root(settings: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> None:
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")  # type: ignore[attr-defined]


@pytest.fixture
def contact(db: None) -> User:
    """A company contact (contactpersoon) of 'their' company."""
    return ContactFactory(user__email="contact@bakkerij-jansen.nl").user


@pytest.fixture
def other_contact(db: None) -> User:
    """A contact of another company: must never see the first company's data."""
    return ContactFactory(user__email="contact@metaal-oost.nl").user


@pytest.fixture
def coach(db: None) -> User:
    return with_totp(CoachFactory(user__email="coach@geldersvakmanschap.nl").user)


@pytest.fixture
def other_coach(db: None) -> User:
    return with_totp(CoachFactory(user__email="coach2@geldersvakmanschap.nl").user)


@pytest.fixture
def staff(db: None) -> User:
    """Programme staff with MFA set up."""
    return with_totp(StaffFactory(email="staf@vnoncwmidden.nl"))


@pytest.fixture
def staff_without_mfa(db: None) -> User:
    return StaffFactory(email="nieuw@vnoncwmidden.nl")


@pytest.fixture
def plain_user(db: None) -> User:
    """Signed up and verified, but not yet a contact, coach or staff."""
    return UserFactory(email="nieuw@example.nl")


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client
