"""Say in one line which service `make test` cannot reach, and how to start it.

Run as ``python -m leercultuur.check_services``; creates the PostgreSQL database named
in DATABASE_URL when the server is up but the database is not there yet.
"""

import os
import sys
from urllib.parse import urlsplit

import psycopg
import redis

POSTGRES_START = "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start"
REDIS_START = 'redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no'


def check_postgres(url: str) -> str | None:
    parts = urlsplit(url)
    name = parts.path.lstrip("/") or "postgres"
    server = parts._replace(path="/postgres").geturl()
    try:
        with psycopg.connect(server, connect_timeout=3, autocommit=True) as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
            if not exists:
                conn.execute(
                    psycopg.sql.SQL("CREATE DATABASE {}").format(psycopg.sql.Identifier(name))
                )
    except psycopg.Error as exc:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        where = f"{parts.hostname}:{parts.port or 5432}"
        return f"PostgreSQL is not reachable at {where} ({reason}); start it with: {POSTGRES_START}"
    return None


def check_redis(url: str) -> str | None:
    try:
        redis.Redis.from_url(url, socket_connect_timeout=3).ping()
    except redis.RedisError as exc:
        return f"Redis is not reachable at {url} ({exc}); start it with: {REDIS_START}"
    return None


def main() -> int:
    problems = [
        problem
        for problem in (
            check_postgres(os.environ["DATABASE_URL"]),
            check_redis(os.environ["REDIS_URL"]),
        )
        if problem
    ]
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
