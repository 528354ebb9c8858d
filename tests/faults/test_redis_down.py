"""Redis down: pages keep being served, and a requested report is not lost.

The test runs its own redis-server as cache and broker and stops it. Sessions are in
PostgreSQL and the cache misses rather than fails, so signed-in pages answer as usual;
a report asked for meanwhile is saved and waits in the database. Once Redis is back, the
sweep sends it and a real worker renders it.
"""

import base64
import datetime
import json
from collections.abc import Iterator

import pytest
import redis
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django import Settings

from accounts.models import User
from companies.models import Enrolment
from leercultuur.celery import app as project_celery
from reports.models import Report
from reports.services import STALE_AFTER, reports_requeue_stale
from tests.conftest import client_for
from tests.factories import PASSWORD, EnrolmentFactory
from tests.faults.conftest import RedisServer, Workers, reset_broker_pool, wait_for

pytestmark = pytest.mark.timeout(240)


@pytest.fixture
def redis_only_here(redis_server: RedisServer, settings: Settings) -> Iterator[RedisServer]:
    """Cache and broker on the test's own Redis server, the portal's production backend."""
    settings.REDIS_URL = redis_server.url
    settings.CACHES = {
        "default": {
            "BACKEND": "leercultuur.cache.FailSoftRedisCache",
            "LOCATION": redis_server.url,
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
    conf = project_celery.conf
    broker, eager = conf.broker_url, conf.task_always_eager
    conf.broker_url, conf.task_always_eager = redis_server.url, False  # type: ignore[misc]
    reset_broker_pool(project_celery)
    try:
        yield redis_server
    finally:
        conf.broker_url, conf.task_always_eager = broker, eager  # type: ignore[misc]
        reset_broker_pool(project_celery)


def test_pages_serve_and_a_report_waits_for_redis(
    redis_only_here: RedisServer,
    workers: Workers,
    contact: User,
    coach: User,
    staff: User,
) -> None:
    today = timezone.localdate()
    enrolment = EnrolmentFactory.create(
        company=contact.contact.company,
        status=Enrolment.Status.ACTIVE,
        lead_coach=coach,
        start_date=today - datetime.timedelta(days=30),
        end_date=today + datetime.timedelta(days=270),
    )
    company, own = client_for(contact), client_for(coach)
    pages = [
        (company, reverse("company_dashboard")),
        (company, reverse("enrolment_detail", args=[enrolment.public_id])),
        (company, reverse("invoice_list")),
        (own, reverse("coach_dashboard")),
        (own, reverse("session_create")),
        (client_for(staff), reverse("admin:index")),
        (Client(), reverse("account_login")),
    ]

    redis_only_here.stop()

    for client, url in pages:
        assert client.get(url).status_code == 200, url
    health = Client().get(reverse("healthz"))
    assert health.status_code == 503
    assert json.loads(health.content)["redis"] == "unavailable"
    # Sign-in rate limits cannot be counted: sign-ins are refused, politely, not let through.
    login = Client().post(reverse("account_login"), {"login": contact.email, "password": PASSWORD})
    assert login.status_code == 429

    asked = company.post(reverse("enrolment_reports", args=[enrolment.public_id]))
    report = Report.objects.get(enrolment=enrolment)
    assert asked.status_code == 302
    assert asked["Location"] == reverse("report_detail", args=[report.public_id])
    assert company.get(asked["Location"]).status_code == 200
    assert report.status == Report.Status.PENDING

    redis_only_here.start()  # an empty Redis: the message was never sent
    assert reports_requeue_stale() == 0, "a job only just asked for is left to its message"
    later = timezone.now() + STALE_AFTER + datetime.timedelta(seconds=1)
    assert reports_requeue_stale(now=later) == 1

    queued = redis.Redis.from_url(redis_only_here.url).lrange(workers.queue, 0, -1)
    assert len(queued) == 1
    message = json.loads(queued[0])
    assert message["headers"]["task"] == "reports.tasks.render_report"
    assert json.loads(base64.b64decode(message["body"]))[0] == [report.pk]

    workers.redis_url = redis_only_here.url
    workers.start()
    wait_for(lambda: _status(report) == Report.Status.DONE, seconds=90, what="the report")
    report.refresh_from_db()
    assert report.sha256


def _status(report: Report) -> str:
    report.refresh_from_db()
    return report.status
