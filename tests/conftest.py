"""Named users for every role, and the switches shared by the whole suite."""

from collections.abc import Iterator
from typing import Any

import pytest
from celery import Celery
from celery.signals import task_postrun
from django.core.cache import cache
from django.db import connections
from django.test import Client
from django.utils import translation
from pytest_django import Settings

from accounts.models import User
from leercultuur.celery import app as project_celery
from programme.selectors import forget_now
from tests.factories import (
    CoachFactory,
    ContactFactory,
    StaffFactory,
    UserFactory,
    with_totp,
)

pytest_plugins = ["celery.contrib.pytest", "tests.fixtures.browser", "tests.fixtures.smtp"]


@pytest.fixture(autouse=True)
def _eager_celery() -> Iterator[None]:
    """Tasks run in-process unless a test asks for the real worker."""
    previous = project_celery.conf.task_always_eager
    project_celery.conf.task_always_eager = True
    yield
    project_celery.conf.task_always_eager = previous


@pytest.fixture
def celery_app(transactional_db: None) -> Iterator[Celery]:
    """Our own Celery application for ``celery.contrib.pytest``'s real ``celery_worker``.

    Not eager: tasks travel through Redis to the worker thread. ``transactional_db``
    because the worker reads rows through its own connection, so writes must commit.
    """
    project_celery.conf.task_always_eager = False
    project_celery.loader.import_default_modules()  # as `celery worker` does: find every tasks.py
    project_celery.control.purge()  # no task left over from an earlier run reaches this worker
    # The worker thread's connection would outlive the test and block dropping the test
    # database; close it after every task.
    task_postrun.connect(_close_worker_connections, weak=False)
    yield project_celery
    task_postrun.disconnect(_close_worker_connections)
    project_celery.conf.task_always_eager = True


def _close_worker_connections(**_kwargs: object) -> None:
    connections.close_all()


@pytest.fixture
def celery_worker_parameters() -> dict[str, Any]:
    # No result backend is configured (the database is the source of truth), so the
    # start-up ping, which waits for a result, is off.
    return {"perform_ping_check": False, "loglevel": "WARNING", "shutdown_timeout": 30}


@pytest.fixture(autouse=True)
def _dutch_by_default() -> Iterator[None]:
    """A request to /en/ switches the thread to English; no later test inherits that."""
    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture
def english() -> Iterator[None]:
    """For tests that read the English source messages; the interface itself is Dutch."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    """Rate-limit counters and the programme's settings live in the (Redis) cache, the
    settings also in the process a few seconds; no test inherits another's."""
    cache.clear()
    forget_now()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Settings) -> None:
    """Production's PBKDF2 costs half a second a user; the suite makes thousands."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _media_root(settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> None:
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")


@pytest.fixture
def contact(db: None) -> User:
    """A company contact (contactpersoon) of 'their' company."""
    return ContactFactory.create(user__email="contact@bakkerij-jansen.nl").user


@pytest.fixture
def other_contact(db: None) -> User:
    """A contact of another company: must never see the first company's data."""
    return ContactFactory.create(user__email="contact@metaal-oost.nl").user


@pytest.fixture
def coach(db: None) -> User:
    return with_totp(CoachFactory.create(user__email="coach@geldersvakmanschap.nl").user)


@pytest.fixture
def other_coach(db: None) -> User:
    return with_totp(CoachFactory.create(user__email="coach2@geldersvakmanschap.nl").user)


@pytest.fixture
def staff(db: None) -> User:
    """Programme staff with MFA set up."""
    return with_totp(StaffFactory.create(email="staf@vnoncwmidden.nl"))


@pytest.fixture
def staff_without_mfa(db: None) -> User:
    return StaffFactory.create(email="nieuw@vnoncwmidden.nl")


@pytest.fixture
def plain_user(db: None) -> User:
    """Signed up and verified, but not yet a contact, coach or staff."""
    return UserFactory.create(email="nieuw@example.nl")


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client
