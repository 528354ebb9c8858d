"""The deployment files agree with each other and with the settings.

No Docker engine runs here, so the compose file is parsed and checked, the Dockerfile is
compared with the Makefile, and the production configuration is exercised in real
subprocesses: `check --deploy`, a missing variable, and gunicorn answering the health check.
"""

import ast
import contextlib
import os
import re
import secrets
import shlex
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
SETTINGS = ROOT / "leercultuur" / "settings.py"
# The typed readers of leercultuur/env.py, and the plain ways to read a variable.
ENV_READERS = {"env_str", "env_bool", "env_int", "env_list", "os.environ.get", "os.getenv"}
# Read by settings.py today; the AST scan below must find at least these.
KNOWN_SETTINGS_VARIABLES = {
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "CSRF_TRUSTED_ORIGINS",
    "SITE_URL",
    "DATABASE_URL",
    "REDIS_URL",
    "EMAIL_URL",
    "DEFAULT_FROM_EMAIL",
    "MEDIA_ROOT",
    "CELERY_TASK_SOFT_TIME_LIMIT",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "BEHIND_TLS_PROXY",
    "LOG_LEVEL",
}
APP_SERVICES = ("web", "worker", "beat", "migrate")


# --- helpers ------------------------------------------------------------------------------


def settings_variables() -> set[str]:
    """Every environment variable settings.py reads, found in its syntax tree."""
    names: set[str] = set()
    tree = ast.parse(SETTINGS.read_text())
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Subscript)
            and ast.unparse(node.value) == "os.environ"
            and isinstance(node.slice, ast.Constant)
        ):
            names.add(str(node.slice.value))
        if not isinstance(node, ast.Call) or not node.args:
            continue
        first = node.args[0]
        if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
            continue
        if ast.unparse(node.func) in ENV_READERS:
            names.add(first.value)
    return names


def env_example_lines() -> list[str]:
    return (ROOT / ".env.example").read_text().splitlines()


def env_example() -> dict[str, str]:
    """The assignments in .env.example, quotes removed as docker compose does."""
    values = {}
    for line in env_example_lines():
        match = re.match(r"^([A-Z][A-Z0-9_]*)=(.*)$", line)
        if match:
            values[match[1]] = match[2].strip().strip('"')
    return values


def readme_table_variables() -> set[str]:
    """Variables named in the first column of the README's configuration table."""
    text = (ROOT / "README.md").read_text()
    return set(re.findall(r"^\|\s*`([A-Z][A-Z0-9_]*)`\s*\|", text, flags=re.MULTILINE))


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    data = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    assert isinstance(data, dict)
    return data


def dockerfile_text() -> str:
    """The Dockerfile with continuation lines joined."""
    return re.sub(r"\\\n\s*", " ", (ROOT / "Dockerfile").read_text())


def makefile_text() -> str:
    return re.sub(r"\\\n\s*", " ", (ROOT / "Makefile").read_text())


def manage_py_command(text: str, command: str) -> str:
    """`manage.py COMMAND ARGS...` as written in TEXT, up to the end of that command."""
    match = re.search(rf"manage\.py {command}\b[^\n&;|]*", text)
    assert match, f"no `manage.py {command}` found"
    return " ".join(match[0].split())


def as_command(value: str | list[str]) -> str:
    return value if isinstance(value, str) else shlex.join(value)


def unescape_compose(value: str) -> str:
    """Compose turns `$$` into a literal `$` after interpolation."""
    return value.replace("$$", "$")


def local_postgres_url() -> str:
    """The local PostgreSQL server (the one the suite uses), its always-present database."""
    url = os.environ.get("DATABASE_URL") or "postgres://postgres@127.0.0.1:5432/leercultuur"
    return urlsplit(url)._replace(path="/postgres").geturl()


def production_env(**overrides: str | None) -> dict[str, str]:
    """A clean production environment: no DEBUG=1, no Redis unless asked for."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key in {"PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "PYENV_VERSION", "VIRTUAL_ENV"}
    }
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env |= {
        "DJANGO_SETTINGS_MODULE": "leercultuur.settings",
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(60)[:60],
        "ALLOWED_HOSTS": "portal.example.nl",
        "DATABASE_URL": local_postgres_url(),
    }
    for key, value in overrides.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


def run_python(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# --- docker-compose.yml -------------------------------------------------------------------


def test_compose_has_the_five_services_and_a_one_off_migration(compose: dict[str, Any]) -> None:
    services = compose["services"]
    assert {"db", "redis", "web", "worker", "beat"} <= set(services)
    assert services["db"]["image"].startswith("postgres:16")
    assert services["redis"]["image"].startswith("redis:7")
    assert as_command(services["migrate"]["command"]) == "python manage.py migrate --noinput"
    assert services["migrate"]["restart"] == "no"


def test_compose_db_and_redis_have_health_checks_and_db_keeps_its_data(
    compose: dict[str, Any],
) -> None:
    db, redis = compose["services"]["db"], compose["services"]["redis"]
    assert "pg_isready" in as_command(db["healthcheck"]["test"])
    assert as_command(redis["healthcheck"]["test"]) == "CMD redis-cli ping"
    data_volume = next(v for v in db["volumes"] if v.endswith(":/var/lib/postgresql/data"))
    assert data_volume.split(":")[0] in compose["volumes"]


def test_compose_app_services_start_after_healthy_services_and_migration(
    compose: dict[str, Any],
) -> None:
    services = compose["services"]
    for name in ("web", "worker", "beat"):
        depends_on = services[name]["depends_on"]
        assert depends_on["db"]["condition"] == "service_healthy", name
        assert depends_on["redis"]["condition"] == "service_healthy", name
        assert depends_on["migrate"]["condition"] == "service_completed_successfully", name
    assert services["migrate"]["depends_on"]["db"]["condition"] == "service_healthy"


def test_compose_app_services_share_image_configuration_and_media(
    compose: dict[str, Any],
) -> None:
    for name in APP_SERVICES:
        service = compose["services"][name]
        assert service["build"] == ".", name
        env_files = [e["path"] if isinstance(e, dict) else e for e in service["env_file"]]
        assert env_files == [".env"], name
        environment = service["environment"]
        assert "@db:5432/" in environment["DATABASE_URL"], name
        assert environment["REDIS_URL"].startswith("redis://redis:6379/"), name
        assert any(v.endswith(":/app/media") for v in service["volumes"]), name


def test_compose_commands(compose: dict[str, Any]) -> None:
    services = compose["services"]
    web = unescape_compose(as_command(services["web"]["command"]))
    assert "gunicorn leercultuur.wsgi" in web
    assert "--bind 0.0.0.0:8000" in web
    assert "--workers ${WEB_CONCURRENCY" in web
    assert any(str(p).endswith(":8000") for p in services["web"]["ports"])
    worker = as_command(services["worker"]["command"])
    assert worker.startswith("celery -A leercultuur worker -l info")
    beat = as_command(services["beat"]["command"])
    assert beat.startswith("celery -A leercultuur beat -l info")


def test_compose_web_health_check_asks_healthz(compose: dict[str, Any]) -> None:
    healthcheck = compose["services"]["web"]["healthcheck"]
    assert healthcheck["test"][0] == "CMD"
    assert "http://127.0.0.1:8000/healthz" in as_command(healthcheck["test"])
    # The image's own HEALTHCHECK probes port 8000: processes without a web server turn it off
    # or replace it.
    assert compose["services"]["beat"]["healthcheck"] == {"disable": True}
    assert compose["services"]["migrate"]["healthcheck"] == {"disable": True}
    assert "inspect ping" in as_command(compose["services"]["worker"]["healthcheck"]["test"])


def test_web_command_is_the_image_default(compose: dict[str, Any]) -> None:
    """docker run IMAGE and the compose web service start the same gunicorn."""
    match = re.search(r"^CMD (\[.*\])$", (ROOT / "Dockerfile").read_text(), flags=re.MULTILINE)
    assert match
    image_cmd = yaml.safe_load(match[1])
    web = [unescape_compose(part) for part in compose["services"]["web"]["command"]]
    assert web == image_cmd


# --- Dockerfile ---------------------------------------------------------------------------


def test_dockerfile_uses_the_project_python_and_the_same_commands_as_the_makefile(
    compose: dict[str, Any],
) -> None:
    dockerfile, makefile = dockerfile_text(), makefile_text()
    python_version = (ROOT / ".python-version").read_text().strip()
    assert re.search(rf"^FROM python:{re.escape(python_version)}-slim\b", dockerfile, re.M)

    # The same frozen lock...
    assert "$(UV) sync --frozen" in makefile
    assert re.search(r"\buv sync --frozen\b", dockerfile)
    # ...the same translation step...
    compilemessages = manage_py_command(makefile, "compilemessages")
    assert manage_py_command(dockerfile, "compilemessages") == compilemessages
    # ...and the same migration, run once by compose before web and workers start.
    migrate = manage_py_command(makefile, "migrate")
    assert as_command(compose["services"]["migrate"]["command"]) == f"python {migrate}"


def test_dockerfile_builds_static_files_and_runs_unprivileged() -> None:
    dockerfile = dockerfile_text()
    assert "manage.py collectstatic --noinput" in dockerfile
    assert re.search(r"pip install \"?uv\b", dockerfile)
    for library in ("libpango-1.0-0", "libpangoft2-1.0-0", "libharfbuzz-subset0", "gettext"):
        assert library in dockerfile
    user = re.findall(r"^USER (\S+)", dockerfile, flags=re.MULTILINE)
    assert user, "no USER line"
    assert user[-1] not in {"root", "0"}
    assert re.search(r"^HEALTHCHECK .*127\.0\.0\.1:8000/healthz", dockerfile, re.M)
    assert re.search(r"^EXPOSE 8000$", dockerfile, re.M)


def test_dockerignore_keeps_local_state_out() -> None:
    ignored = {
        line.strip()
        for line in (ROOT / ".dockerignore").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    }
    assert {".venv", "node_modules", "media", "db.sqlite3", ".git", ".env"} <= ignored


# --- .env.example and README ---------------------------------------------------------------


def test_settings_scan_finds_the_known_variables() -> None:
    """Guards the scan itself: if it found nothing, the coverage tests would prove nothing."""
    assert settings_variables() >= KNOWN_SETTINGS_VARIABLES


def test_env_example_documents_every_setting_with_a_comment() -> None:
    lines = env_example_lines()
    assigned = {
        match[1]: index
        for index, line in enumerate(lines)
        if (match := re.match(r"^([A-Z][A-Z0-9_]*)=", line))
    }
    missing = settings_variables() - set(assigned)
    assert not missing, f".env.example lacks {sorted(missing)}"
    uncommented = [
        name
        for name in sorted(settings_variables())
        if not lines[assigned[name] - 1].startswith("#")
    ]
    assert not uncommented, f"no comment above {uncommented} in .env.example"


def test_readme_table_documents_every_setting() -> None:
    missing = settings_variables() - readme_table_variables()
    assert not missing, f"README's configuration table lacks {sorted(missing)}"


def test_readme_table_and_env_example_name_only_real_variables() -> None:
    """Nothing documented that nobody reads (compose's own variables aside)."""
    compose_text = (ROOT / "docker-compose.yml").read_text()
    dockerfile = (ROOT / "Dockerfile").read_text()
    for name in readme_table_variables() | set(env_example()):
        assert (
            name in settings_variables()
            or f"${{{name}" in compose_text
            or f"$${{{name}" in compose_text
            or f"${{{name}" in dockerfile
        ), f"{name} is documented but read nowhere"


# --- production settings, in real subprocesses -----------------------------------------------


def test_check_deploy_passes_with_production_variables() -> None:
    result = run_python(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        production_env(REDIS_URL=None),
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_deploy_passes_with_the_env_example_values() -> None:
    """The documented production values are themselves free of deployment warnings."""
    example = env_example()
    example |= {
        "SECRET_KEY": secrets.token_urlsafe(60)[:60],
        "DATABASE_URL": local_postgres_url(),
        "REDIS_URL": os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0",
        "MEDIA_ROOT": str(ROOT / "media"),
    }
    result = run_python(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        production_env(**example),
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("name", ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"])
def test_missing_production_variable_is_named(name: str) -> None:
    result = run_python(["-c", "import leercultuur.settings"], production_env(**{name: None}))
    assert result.returncode != 0
    last_line = result.stderr.strip().splitlines()[-1]
    assert last_line.startswith("django.core.exceptions.ImproperlyConfigured")
    assert name in last_line


@pytest.fixture
def gunicorn_in_production(compose: dict[str, Any], tmp_path: Path) -> Iterator[int]:
    """The compose web command, on a free local port, with production settings."""
    port = free_port()
    command = unescape_compose(compose["services"]["web"]["command"][-1])
    command = command.replace("0.0.0.0:8000", f"127.0.0.1:{port}")
    env = production_env(
        REDIS_URL=os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0",
        WEB_CONCURRENCY="1",
    )
    log = tmp_path / "gunicorn.log"
    with log.open("wb") as log_file:
        process = subprocess.Popen(
            ["sh", "-c", command],
            cwd=ROOT,
            env=env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"gunicorn did not start: {log.read_text()[-2000:]}")
                time.sleep(0.2)
        yield port
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


def test_gunicorn_answers_the_compose_health_check(
    compose: dict[str, Any], gunicorn_in_production: int
) -> None:
    port = gunicorn_in_production
    probe = compose["services"]["web"]["healthcheck"]["test"]
    assert probe[:3] == ["CMD", "python", "-c"]
    code = probe[3].replace("127.0.0.1:8000", f"127.0.0.1:{port}")
    env = production_env(ALLOWED_HOSTS="portal.example.nl,www.portal.example.nl")

    result = run_python(["-c", code], env)
    assert result.returncode == 0, result.stderr

    # Plain HTTP to any other page is sent to HTTPS; the health check is exempt from that.
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/accounts/login/", headers={"Host": "portal.example.nl"}
    )
    opener = urllib.request.build_opener(NoRedirect)
    with pytest.raises(urllib.error.HTTPError) as redirect:
        opener.open(request, timeout=10)
    assert redirect.value.code == 301
    assert redirect.value.headers["Location"].startswith("https://portal.example.nl/")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None
