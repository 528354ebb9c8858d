"""Real processes for the fault tests: Celery workers and a Redis server of their own.

The workers are ``celery worker`` processes (tests/faults/worker.py) against the test
database, so the tests use ``transactional_db``: the rows they make must be committed for
another process to see them.
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import pytest
import redis
from celery import Celery
from django.conf import settings
from django.db import connection

from leercultuur.celery import app as project_celery

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(condition: Callable[[], bool], *, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {seconds} s for {what}")
        time.sleep(0.1)


def shared_database_url() -> str:
    """The test database, as a URL another process can use."""
    db = connection.settings_dict
    password = f":{quote(db['PASSWORD'], safe='')}" if db.get("PASSWORD") else ""
    user = f"{quote(db['USER'] or '', safe='')}{password}@" if db.get("USER") else ""
    return f"postgres://{user}{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def reset_broker_pool(app: Celery) -> None:
    """Let go of the broker connection pools, so the next task goes to the broker that is
    configured now. (Not closed: kombu keeps one pool per broker and hands it out again.)"""
    app._pool = None  # type: ignore[attr-defined]
    amqp = app.__dict__.get("amqp")
    if amqp is not None:
        amqp._producer_pool = None


@dataclass
class Workers:
    """Starts ``celery worker`` processes; stops whatever is left at the end of the test."""

    redis_url: str
    media_root: Path
    log_dir: Path
    queue: str = field(default_factory=lambda: f"faults-{uuid.uuid4().hex[:12]}")
    processes: list[subprocess.Popen[bytes]] = field(default_factory=list)

    def start(
        self,
        *,
        render_delay: float = 0,
        started_marker: Path | None = None,
        email_url: str = "locmem://",
        extra_env: dict[str, str] | None = None,
    ) -> subprocess.Popen[bytes]:
        env = {
            **os.environ,
            "DEBUG": "1",
            "DATABASE_URL": shared_database_url(),
            "REDIS_URL": self.redis_url,
            "MEDIA_ROOT": str(self.media_root),
            "EMAIL_URL": email_url,
            "FAULTS_RENDER_DELAY": str(render_delay),
            "FAULTS_RENDER_STARTED": str(started_marker or ""),
            **(extra_env or {}),
        }
        log = (self.log_dir / f"worker-{len(self.processes) + 1}.log").open("wb")
        process = subprocess.Popen(
            [sys.executable, "-m", "tests.faults.worker", self.queue],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        self.processes.append(process)
        return process

    def stop_all(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    def forget_queue(self) -> None:
        """Drop this test's queue and the unacknowledged message a killed worker left."""
        client = redis.Redis.from_url(self.redis_url)
        client.delete(self.queue, f"_kombu.binding.{self.queue}")
        client.delete(f"_kombu.binding_permanent.{self.queue}")
        for tag, payload in client.hgetall("unacked").items():
            if self.queue.encode() in payload:
                client.hdel("unacked", tag)
                client.zrem("unacked_index", tag)


@pytest.fixture
def workers(transactional_db: None, tmp_path: Path) -> Iterator[Workers]:
    """Workers on a queue of this test's own, on the test run's Redis; tasks sent from the
    test go through Redis to them (not eagerly)."""
    pool = Workers(settings.REDIS_URL, Path(settings.MEDIA_ROOT), tmp_path)
    conf = project_celery.conf
    eager, queue = conf.task_always_eager, conf.task_default_queue
    conf.task_always_eager, conf.task_default_queue = False, pool.queue
    forget_queue_declarations(project_celery)
    try:
        yield pool
    finally:
        conf.task_always_eager, conf.task_default_queue = eager, queue
        forget_queue_declarations(project_celery)
        pool.stop_all()
        pool.forget_queue()


def forget_queue_declarations(app: Celery) -> None:
    """Celery keeps the queues it knows (with the default queue of that moment) and the
    router over them; drop both, so they follow the configuration from now on."""
    amqp = app.amqp
    for cached in ("queues", "default_queue", "router"):
        amqp.__dict__.pop(cached, None)


@dataclass
class RedisServer:
    """A ``redis-server`` of the test's own, to stop and start again."""

    port: int
    directory: Path
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.directory),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for(self.answers, seconds=15, what="redis-server to start")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=15)
        self.process = None

    def answers(self) -> bool:
        try:
            return bool(redis.Redis(port=self.port, socket_connect_timeout=1).ping())
        except redis.ConnectionError:
            return False


@pytest.fixture
def redis_server(tmp_path: Path) -> Iterator[RedisServer]:
    if shutil.which("redis-server") is None:
        # Like PostgreSQL and Redis themselves, the suite requires it (.ci/run has it).
        pytest.fail("redis-server is not installed (Debian: apt-get install redis-server)")
    server = RedisServer(free_port(), tmp_path)
    server.start()
    try:
        yield server
    finally:
        server.stop()
