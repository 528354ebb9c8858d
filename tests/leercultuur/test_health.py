"""/healthz tells a load balancer whether the database and Redis answer."""

import subprocess
import sys

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django import Settings


@pytest.mark.django_db
def test_healthy(client: Client) -> None:
    response = client.get(reverse("healthz"))

    assert response.status_code == 200
    assert response.json() == {"database": "ok", "redis": "ok"}


@pytest.mark.django_db
def test_redis_down_is_unhealthy(client: Client, settings: Settings) -> None:
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }

    response = client.get(reverse("healthz"))

    assert response.status_code == 503
    assert response.json() == {"database": "ok", "redis": "unavailable"}


def test_service_check_names_the_missing_server_in_one_line() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "leercultuur.check_services"],
        env={
            "DATABASE_URL": "postgres://postgres@127.0.0.1:1/leercultuur",
            "REDIS_URL": "redis://127.0.0.1:6379/0",
        },
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert result.returncode == 1
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith("PostgreSQL is not reachable at 127.0.0.1:1")
    assert "pg_ctlcluster" in line
    assert "Traceback" not in result.stderr
