"""`make bench`: the portal's benchmark, from an empty database to bench/RESULTS.md.

1. Creates its own PostgreSQL database (leercultuur_bench), collects the static files and
   migrates, with production settings (DEBUG off, a fresh SECRET_KEY, WhiteNoise).
2. For each data size (10%, 100% and 1000% of `bench_data`: 200, 2,000 and 20,000
   enrolments), counts the SQL queries of every key page in-process (Django's test
   client, the page opened once before).
3. At the timed sizes (100% and 1000%), starts gunicorn (2 workers, 127.0.0.1, a free
   port; always stopped at the end) and times the key pages against a minimal view on the
   same stack, one client at a time (signed in, but for the public pages), rounds in
   shuffled order. At 100% it then
   runs 50 concurrent users for 60 seconds with locust.
4. Times the company progress report (builder + template + reports/pdf.py) against
   WeasyPrint alone on the same HTML, at the largest size.
5. Writes bench/RESULTS.md: the machine, the figures, the targets and pass or fail.

A timed result is never a test: the exit status is 0 whatever the timings, and 1 only
when something broke (a page not answering 200, a failed request under load).
"""

import argparse
import contextlib
import csv
import datetime
import http.client
import importlib.metadata
import json
import os
import platform
import random
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
RESULTS = ROOT / "bench" / "RESULTS.md"

# Targets (benchmarks, not tests); the time ratios of each page are in bench/pages.py.
MAX_QUERIES = 15
# The company file shows a whole trajectory, a dozen sections, each one query.
QUERY_CAPS = {"company file": 22}
REPORT_RATIO = 1.5
LOAD_ERRORS = 0


def main() -> int:
    args = _arguments()
    OUT.mkdir(parents=True, exist_ok=True)
    env = _production_env(args)
    os.environ.update(env)
    # `kill` or Ctrl-C: unwind, so the finally blocks stop gunicorn.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    results = Results(started=datetime.datetime.now().astimezone(), args=vars(args))
    scales = sorted(float(s) for s in args.scales.split(","))
    timed_scales = sorted(float(s) for s in args.timed_scales.split(","))
    samples = _per_scale(args.samples, timed_scales)
    warmups = _per_scale(args.warmup, timed_scales)
    load_scale = min(timed_scales, key=lambda s: abs(s - 1))  # today's size, if timed

    _say(f"database {_db_name(args.database_url)}: created afresh")
    _recreate_database(args.database_url)
    _manage("collectstatic", "--noinput", "-v0")
    _manage("migrate", "--noinput", "-v0")

    import django

    django.setup()
    from django.db import connections

    from bench import pages

    results.machine = _machine()
    failed = False
    subjects = None
    for scale in scales:
        connections.close_all()
        _say(f"bench_data --scale {scale:g}")
        started = time.perf_counter()
        _manage("bench_data", "--scale", str(scale), "--reset", "--allow-production")
        results.data_seconds[scale] = time.perf_counter() - started
        results.rows[scale] = _row_counts()
        subjects = pages.pick_subjects()
        assert subjects.minimal is not None
        _say("counting queries per page")
        results.profiles[scale] = pages.profile_pages([subjects.minimal, *subjects.pages])
        results.queries[scale] = {n: p.queries for n, p in results.profiles[scale].items()}
        results.pages = [
            (p.name, p.role, p.key, p.median_target, p.p95_target) for p in subjects.pages
        ]
        if scale in timed_scales:
            users = args.users if scale == load_scale else 0
            failed |= _time_pages(
                results, scale, subjects, samples[scale], warmups[scale], users, args
            )
    assert subjects is not None
    _say("timing the company progress report")
    results.report = pages.time_report()
    results.finished = datetime.datetime.now().astimezone()
    RESULTS.write_text(_markdown(results))
    _say(f"wrote {RESULTS.relative_to(ROOT)}")
    print(_summary(results))
    return 1 if failed else 0


def _time_pages(
    results: "Results",
    scale: float,
    subjects: Any,
    samples: int,
    warmup: int,
    users: int,
    args: argparse.Namespace,
) -> bool:
    """The pages over HTTP at this size (and the load test when ``users``); True if a
    request failed under load."""
    from django.db import connections

    from bench import pages

    timed = [subjects.minimal, *subjects.pages]
    cookies = {p.user.pk: pages.session_for(p.user) for p in timed if p.user is not None}
    connections.close_all()
    failed = False
    with _gunicorn(args.workers) as port:
        _say(f"gunicorn on 127.0.0.1:{port}: timing pages at scale {scale:g}")
        _latency(port, timed, cookies, samples=0, warmup=warmup)
        before = os.getloadavg()
        meter = _CpuMeter()
        results.latency[scale] = _latency(
            port, timed, cookies, samples=samples, warmup=0, after_round=meter.tick
        )
        results.contention[scale] = Contention(before, os.getloadavg(), meter.others_share)
        results.samples[scale], results.warmups[scale] = samples, warmup
        if users:
            _say(f"load test at scale {scale:g}: {users} users for {args.duration} s")
            _load_users(subjects)
            connections.close_all()
            results.load = _locust(port, users, args.duration)
            results.load_scale = scale
            failed = results.load.failures > 0 or results.load.requests == 0
    return failed


def _per_scale(values: str, scales: list[float]) -> dict[float, int]:
    """ "100,40" for the timed sizes in order; one number for all of them."""
    numbers = [int(v) for v in values.split(",")]
    if len(numbers) == 1:
        numbers *= len(scales)
    if len(numbers) != len(scales):
        raise SystemExit(f"{values!r}: one number, or one per timed scale ({len(scales)})")
    return dict(zip(scales, numbers, strict=True))


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--database-url",
        default=os.environ.get(
            "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/leercultuur_bench"
        ),
        help="The bench's own database: dropped and created afresh.",
    )
    parser.add_argument(
        "--redis-url", default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/12")
    )
    parser.add_argument("--scales", default="0.1,1,10", help="Data sizes for the query counts.")
    parser.add_argument(
        "--timed-scales", default="1,10", help="The sizes at which the pages are timed."
    )
    parser.add_argument(
        "--samples",
        default="100,40",
        help="Timed requests per page at each timed size (fewer at 10: its rounds are long).",
    )
    parser.add_argument(
        "--warmup", default="10,3", help="Untimed rounds first, at each timed size."
    )
    parser.add_argument("--workers", type=int, default=2, help="Gunicorn worker processes.")
    parser.add_argument("--users", type=int, default=50, help="Load test users (0: none).")
    parser.add_argument("--duration", type=int, default=60, help="Load test seconds.")
    return parser.parse_args()


def _say(text: str) -> None:
    print(f"==> bench: {text}", flush=True)


# --- Set-up ---------------------------------------------------------------------------------


def _production_env(args: argparse.Namespace) -> dict[str, str]:
    """Production settings, as .env.example describes them, behind a TLS proxy."""
    return {
        "DJANGO_SETTINGS_MODULE": "leercultuur.settings",
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "SITE_URL": "https://127.0.0.1",
        "DATABASE_URL": args.database_url,
        "REDIS_URL": args.redis_url,
        "EMAIL_URL": "locmem://",
        "MEDIA_ROOT": str(OUT / "media"),
        # gunicorn sits behind a proxy that ends TLS: requests carry X-Forwarded-Proto.
        "BEHIND_TLS_PROXY": "1",
        "BENCH": "1",
        "LOG_LEVEL": "WARNING",
    }


def _db_name(url: str) -> str:
    return urlsplit(url).path.lstrip("/")


def _recreate_database(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    name = _db_name(url)
    if not name.replace("_", "").isalnum():
        raise SystemExit(f"Refusing an odd database name: {name!r}")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def _manage(*command: str) -> None:
    subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, check=True)


def _row_counts() -> dict[str, int]:
    from accounts.models import User
    from coaching.models import CoachingSession
    from companies.models import Company, Edition, Enrolment, NeedsAnalysis
    from invoicing.models import Invoice, Payment
    from networks.models import LearningNetwork, Meeting, Registration

    models: list[Any] = [
        Edition,
        Company,
        Enrolment,
        User,
        CoachingSession,
        NeedsAnalysis,
        LearningNetwork,
        Meeting,
        Registration,
        Invoice,
        Payment,
    ]
    return {str(m._meta.verbose_name_plural): m.objects.count() for m in models}


def _machine() -> dict[str, str]:
    import django
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0]
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "unknown",
    )
    memory_kb = next(
        int(line.split()[1])
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal")
    )
    return {
        "CPU": cpu,
        "cores": str(os.cpu_count()),
        "memory": f"{memory_kb / 1024 / 1024:.1f} GiB",
        "OS": f"{platform.system()} {platform.release()}",
        "Python": platform.python_version(),
        "Django": django.get_version(),
        "PostgreSQL": postgres,
        "gunicorn": importlib.metadata.version("gunicorn"),
        "WeasyPrint": importlib.metadata.version("weasyprint"),
        "locust": importlib.metadata.version("locust"),
    }


# --- gunicorn ----------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def _gunicorn(workers: int) -> Iterator[int]:
    port = _free_port()
    log = (OUT / "gunicorn.log").open("w")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "leercultuur.wsgi",
            f"--bind=127.0.0.1:{port}",
            f"--workers={workers}",
            "--worker-tmp-dir=/dev/shm",
            f"--access-logfile={OUT / 'access.log'}",
            "--error-logfile=-",
        ],
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group: stopped with all its workers
    )
    _GROUPS.add(process.pid)
    try:
        _wait_until_healthy(port, process)
        yield port
    finally:
        _stop(process)
        log.close()


def _wait_until_healthy(port: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"gunicorn stopped; see {OUT / 'gunicorn.log'}")
        with contextlib.suppress(OSError):
            if _get(port, "/healthz", None)[0] == 200:
                return
        time.sleep(0.3)
    raise SystemExit("gunicorn did not answer /healthz within 60 seconds")


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()


# --- Contention -----------------------------------------------------------------------------


def _database_backends() -> set[int]:
    """The PostgreSQL processes serving the bench database: their work is the bench's too."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pid FROM pg_stat_activity WHERE datname = current_database()")
        return {int(row[0]) for row in cursor.fetchall()}


def _cpu_snapshot() -> tuple[int, int, dict[int, int]]:
    """Busy and total jiffies of the whole machine, and the jiffies of each of this
    benchmark's own processes: this one, gunicorn's (in their own process groups, started
    from here) and the database processes serving the bench database."""
    fields = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    # Busy: user, nice and system time, which processes are charged with. Interrupt time
    # (the loopback traffic of the benchmark itself, mostly) is charged to none.
    busy = fields[0] + fields[1] + fields[2]
    total = sum(fields[:8])
    backends = _database_backends()
    ours = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, IndexError, ValueError):
            parts = stat.read_text().rsplit(")", 1)[1].split()
            pid, parent, group = int(stat.parent.name), int(parts[1]), int(parts[2])
            if pid == os.getpid() or parent == os.getpid() or group in _GROUPS or pid in backends:
                ours[pid] = int(parts[11]) + int(parts[12])  # utime, stime
    return busy, total, ours


class _CpuMeter:
    """The share of the machine's CPU that other processes used, measured round by round
    (database connections come and go with CONN_MAX_AGE; each is counted while it lives)."""

    def __init__(self) -> None:
        self.others = 0
        self.total = 0
        self.last = _cpu_snapshot()

    def tick(self) -> None:
        now = _cpu_snapshot()
        ours = sum(jiffies - self.last[2].get(pid, 0) for pid, jiffies in now[2].items())
        self.others += max(now[0] - self.last[0] - ours, 0)
        self.total += now[1] - self.last[1]
        self.last = now

    @property
    def others_share(self) -> float:
        return self.others / self.total if self.total else 0.0


_GROUPS: set[int] = set()  # process groups of the servers this benchmark started


# --- Latency -------------------------------------------------------------------------------


def _get(port: int, path: str, cookie: str | None) -> tuple[int, float]:
    """One request on a new connection (gunicorn's sync workers close each one)."""
    headers = {"Host": "127.0.0.1", "X-Forwarded-Proto": "https", "Accept-Language": "nl"}
    if cookie:
        headers["Cookie"] = f"sessionid={cookie}"
    start = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        response.read()
    finally:
        connection.close()
    return response.status, time.perf_counter() - start


@dataclass
class Timing:
    samples: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def p95(self) -> float:
        return statistics.quantiles(self.samples, n=100, method="inclusive")[94]


def _latency(
    port: int,
    page_list: list[Any],
    cookies: dict[int, str],
    *,
    samples: int,
    warmup: int,
    after_round: Callable[[], None] = lambda: None,
) -> dict[str, Timing]:
    """Every page once per round, in a shuffled order, so noise hits all pages alike."""
    timings = {page.name: Timing() for page in page_list}
    order = list(page_list)
    shuffle = random.Random(8)
    for round_number in range(warmup + samples):
        shuffle.shuffle(order)
        for page in order:
            cookie = cookies[page.user.pk] if page.user is not None else None
            status, seconds = _get(port, page.path, cookie)
            if status != 200:
                raise SystemExit(f"{page.name} ({page.path}) answered {status}, not 200")
            if round_number >= warmup:
                timings[page.name].samples.append(seconds)
        after_round()
    return timings


# --- Load ---------------------------------------------------------------------------------


def _load_users(subjects: Any) -> None:
    """Signed-in people of every role with their own pages, for bench/locustfile.py."""
    from django.db.models import Count, Q
    from django.urls import reverse

    from accounts.models import User
    from bench.pages import session_for
    from companies.models import Contact, Enrolment
    from networks.models import LearningNetwork

    people = []
    active = Enrolment.objects.filter(status=Enrolment.Status.ACTIVE).order_by("pk")
    for enrolment in active[:40]:
        contact = Contact.objects.filter(company=enrolment.company_id).order_by("pk").first()
        if contact is None:
            continue
        paths = [
            ("company dashboard", reverse("company_dashboard")),
            ("enrolment detail", reverse("enrolment_detail", args=[enrolment.public_id])),
            ("enrolment hours", reverse("enrolment_sessions", args=[enrolment.public_id])),
            ("invoice list", reverse("invoice_list")),
        ]
        network = LearningNetwork.objects.filter(members=enrolment).first()
        if network is not None:
            paths.append(("network page", reverse("network_detail", args=[network.public_id])))
        people.append({"role": "contact", "cookie": session_for(contact.user), "paths": paths})
    running = Q(led_enrolments__status=Enrolment.Status.ACTIVE)
    coaches = (
        User.objects.filter(coach__isnull=False)
        .annotate(n=Count("led_enrolments", filter=running))
        .order_by("-n", "pk")[:15]
    )
    for coach in coaches:
        paths = [
            ("coach dashboard", reverse("coach_dashboard")),
            ("coach session page", reverse("session_create")),
            ("coach week overview", reverse("coach_week")),
            ("coach week overview", f"{reverse('coach_week')}?week={subjects.week}"),
        ]
        people.append({"role": "coach", "cookie": session_for(coach), "paths": paths})
    for staff in User.objects.filter(is_staff=True).order_by("pk")[:3]:
        changelist = reverse("admin:companies_enrolment_changelist")
        paths = [
            ("admin dashboard", reverse("admin:index")),
            ("admin enrolment list", changelist),
            ("admin enrolment list", f"{changelist}?status__exact=active&p=2"),
            ("work surface", reverse("staff_dashboard")),
        ]
        people.append({"role": "staff", "cookie": session_for(staff), "paths": paths})
    (OUT / "load_users.json").write_text(json.dumps(people))


@dataclass
class Load:
    users: int
    seconds: int
    requests: int = 0
    failures: int = 0
    rps: float = 0.0
    median_ms: float = 0.0
    p95_ms: float = 0.0
    max_ms: float = 0.0
    rows: list[dict[str, str]] = field(default_factory=list)


def _locust(port: int, users: int, seconds: int) -> Load:
    prefix = OUT / "locust"
    command = [
        sys.executable,
        "-m",
        "locust",
        "--locustfile",
        str(ROOT / "bench" / "locustfile.py"),
        "--headless",
        f"--users={users}",
        f"--spawn-rate={max(users // 5, 1)}",
        f"--run-time={seconds}s",
        f"--host=http://127.0.0.1:{port}",
        f"--csv={prefix}",
        "--only-summary",
        "--stop-timeout=10",
        "--loglevel=WARNING",
    ]
    env = {**os.environ, "BENCH_LOAD_USERS": str(OUT / "load_users.json")}
    with (OUT / "locust.log").open("w") as log:
        subprocess.run(
            command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, timeout=seconds + 120
        )
    load = Load(users=users, seconds=seconds)
    with (OUT / "locust_stats.csv").open() as stats:
        for row in csv.DictReader(stats):
            if row["Name"] == "Aggregated":
                load.requests = int(row["Request Count"])
                load.failures = int(row["Failure Count"])
                load.rps = float(row["Requests/s"])
                load.median_ms = float(row["50%"])
                load.p95_ms = float(row["95%"])
                load.max_ms = float(row["Max Response Time"])
            else:
                load.rows.append(row)
    return load


# --- Results ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Contention:
    load_before: tuple[float, float, float]
    load_after: tuple[float, float, float]
    others_cpu: float  # the share of the machine's CPU other processes used while timing


@dataclass
class Results:
    started: datetime.datetime
    args: dict[str, Any]
    finished: datetime.datetime | None = None
    machine: dict[str, str] = field(default_factory=dict)
    data_seconds: dict[float, float] = field(default_factory=dict)
    rows: dict[float, dict[str, int]] = field(default_factory=dict)
    # (name, role, key page, median target, p95 target)
    pages: list[tuple[str, str, bool, float, float]] = field(default_factory=list)
    queries: dict[float, dict[str, int]] = field(default_factory=dict)
    profiles: dict[float, dict[str, Any]] = field(default_factory=dict)
    latency: dict[float, dict[str, Timing]] = field(default_factory=dict)
    samples: dict[float, int] = field(default_factory=dict)
    warmups: dict[float, int] = field(default_factory=dict)
    contention: dict[float, Contention] = field(default_factory=dict)
    load: Load | None = None
    load_scale: float | None = None
    report: Any = None


def _verdict(ok: bool) -> str:
    return "pass" if ok else "**FAIL**"


def _queries_ok(r: Results, name: str) -> bool:
    counts = [r.queries[scale][name] for scale in sorted(r.queries) if name in r.queries[scale]]
    return max(counts) <= QUERY_CAPS.get(name, MAX_QUERIES) and len(set(counts)) == 1


def _time_checks(
    r: Results, scale: float, page: tuple[str, str, bool, float, float]
) -> dict[str, bool]:
    name, _role, _key, median_target, p95_target = page
    minimal, timing = r.latency[scale]["minimal view"], r.latency[scale][name]
    return {
        "median": timing.median <= median_target * minimal.median,
        "p95": timing.p95 <= p95_target * minimal.p95,
    }


def _enrolments(r: Results, scale: float) -> str:
    from companies.models import Enrolment

    return f"{r.rows[scale][str(Enrolment._meta.verbose_name_plural)]:,}"


def _markdown(r: Results) -> str:
    scales = sorted(r.queries)
    timed = sorted(r.latency)
    largest = scales[-1]
    minutes = ((r.finished or r.started) - r.started).total_seconds() / 60
    lines = [
        "# Benchmark results",
        "",
        f"Made by `make bench` (bench/run.py) on {r.started:%Y-%m-%d %H:%M %Z}, "
        f"in {minutes:.0f} minutes. "
        "Benchmarks, not tests: timings vary with the machine and what else runs on it.",
        "",
        "## Machine",
        "",
        "| | |",
        "|---|---|",
        *[f"| {k} | {v} |" for k, v in r.machine.items()],
        *[
            line
            for scale in timed
            for line in (
                f"| load average (1, 5, 15 min) before timing at scale {scale:g} | "
                f"{_load(r.contention[scale].load_before)} |",
                f"| load average after timing at scale {scale:g} | "
                f"{_load(r.contention[scale].load_after)} |",
                f"| CPU used by other processes while timing at scale {scale:g} | "
                f"{r.contention[scale].others_cpu:.0%} of the machine |",
            )
        ],
        "",
        _contention(r),
        "",
        "## Data",
        "",
        "`python manage.py bench_data --scale S` (bench/data.py), built with `bulk_create` "
        "and, for the largest tables, `COPY`; the time to build each size in brackets:",
        "",
        "| rows | " + " | ".join(f"{s:g} ({r.data_seconds[s]:.0f} s)" for s in scales) + " |",
        "|---|" + "---:|" * len(scales),
        *[
            f"| {name} | " + " | ".join(f"{r.rows[s][name]:,}" for s in scales) + " |"
            for name in r.rows[largest]
        ],
        "",
        "## Pages",
        "",
        f"Gunicorn with {r.args['workers']} sync workers on 127.0.0.1, DEBUG off, "
        "production settings (WhiteNoise, manifest static files, database sessions, Redis "
        f"cache), timed at scale {' and '.join(f'{s:g}' for s in timed)}. One client (signed "
        "in, but for the public home and results pages, which a visitor opens without a "
        "session), every "
        "round in a shuffled order; each time is the whole request on a new connection. "
        + " ".join(
            f"At scale {s:g}: {r.samples[s]} timed requests per page after "
            f"{r.warmups[s]} untimed rounds."
            for s in timed
        )
        + (
            " Fewer at the largest size, where one round takes seconds (the slowest "
            "pages): its medians are still steady, its p95 less so."
            if len(set(r.samples.values())) > 1
            else ""
        )
        + " The minimal view "
        "(`/bench/minimal/`, only with BENCH=1) runs the same middleware and session and "
        "one query.",
        "",
        "Targets: each key page's median and p95 at most the given multiple of the "
        "minimal view's, at every timed size (2× and 3×; 5× and 7.5× for the work surface "
        "and the admin's enrolment list, which show many rows of many kinds; 1.5× and 2.25× "
        "for the public home and results pages).",
        "",
    ]
    key_results: list[bool] = []
    for scale in timed:
        minimal = r.latency[scale]["minimal view"]
        lines += [
            f"### Scale {scale:g} ({_enrolments(r, scale)} enrolments)",
            "",
            "| page | as | target median × / p95 × | median ms | p95 ms | median × | p95 × "
            "| median | p95 |",
            "|---|---|---|---:|---:|---:|---:|---|---|",
            f"| minimal view | contact | | {minimal.median * 1000:.1f} | "
            f"{minimal.p95 * 1000:.1f} | 1.00 | 1.00 | | |",
        ]
        for page in r.pages:
            name, role, key, median_target, p95_target = page
            t = r.latency[scale][name]
            checks = _time_checks(r, scale, page)
            if key:
                key_results += [checks["median"], checks["p95"]]
            label = name if key else f"*{name}*"
            target = f"{median_target:g} / {p95_target:g}" if key else ""
            verdicts = " | ".join(_verdict(ok) for ok in checks.values()) if key else "|"
            lines.append(
                f"| {label} | {role} | {target} | {t.median * 1000:.1f} | {t.p95 * 1000:.1f} | "
                f"{t.median / minimal.median:.2f} | {t.p95 / minimal.p95:.2f} | {verdicts} |"
            )
        lines.append("")
    key_pages = [page for page in r.pages if page[2]]
    lines += [
        "Pages in *italics* are shown for information (other lists that grow with the "
        f"data); the targets apply to the {len(key_pages)} key pages.",
        "",
        "### Queries",
        "",
        "One request in-process with Django's test client at each size. Target: at most "
        f"{MAX_QUERIES} (the company file {QUERY_CAPS['company file']}: a whole trajectory on "
        "one page), the same at every size.",
        "",
        "| page | " + " | ".join(f"scale {s:g}" for s in scales) + " | target |",
        "|---|" + "---:|" * len(scales) + "---|",
        *[
            f"| {name if key else f'*{name}*'} | "
            + " | ".join(str(r.queries[s].get(name, "–")) for s in scales)
            + f" | {_verdict(_queries_ok(r, name)) if key else ''} |"
            for name, _role, key, _m, _p in r.pages
        ],
        "",
        "### Where the time goes",
        "",
        "The same pages in-process (Django's test client, no HTTP server), median of 7 "
        "requests: the database's share and the rest (the view's Python, forms and "
        "templates, the middleware).",
        "",
        "| page | "
        + " | ".join(f"in-process ms {s:g} | SQL ms {s:g} | other ms {s:g}" for s in timed)
        + " |",
        "|---|" + "---:|---:|---:|" * len(timed),
        *[
            f"| {name} | "
            + " | ".join(
                f"{p.total_ms:.1f} | {p.sql_ms:.1f} | {p.python_ms:.1f}"
                for s in timed
                for p in [r.profiles[s][name]]
            )
            + " |"
            for name in r.profiles[largest]
        ],
        "",
    ]
    report = r.report
    report_ok = report.ratio <= REPORT_RATIO
    lines += [
        "## Company progress report",
        "",
        f"At scale {largest:g}: the progress report of {report.company} ({report.sessions} "
        f"sessions, {report.pages} pages), rendered {len(report.build)} times each after one "
        "untimed run. *Build*: the builder's queries, the template and reports/pdf.py "
        "(WeasyPrint with the static-only URL fetcher and PDF/A-3b). *WeasyPrint alone*: "
        "the same HTML and files, WeasyPrint's own fetcher, PDF/A-3b.",
        "",
        "| | median s | min s | max s |",
        "|---|---:|---:|---:|",
        f"| build | {statistics.median(report.build):.3f} | {min(report.build):.3f} | "
        f"{max(report.build):.3f} |",
        f"| WeasyPrint alone | {statistics.median(report.weasyprint):.3f} | "
        f"{min(report.weasyprint):.3f} | {max(report.weasyprint):.3f} |",
        "",
        f"Ratio {report.ratio:.2f} (target ≤ {REPORT_RATIO:g}): {_verdict(report_ok)}.",
        "",
    ]
    load = r.load
    load_ok = load is not None and load.failures <= LOAD_ERRORS and load.requests > 0
    if load is not None:
        lines += [
            "## Load",
            "",
            f"At scale {r.load_scale:g}: {load.users} concurrent users for {load.seconds} s "
            "(locust, headless, bench/locustfile.py), each signed in as a contact (70%), "
            "coach (25%) or staff member (5%) and opening their own pages with 1 to 3 "
            f"seconds between requests, against the same gunicorn ({r.args['workers']} "
            "workers).",
            "",
            f"{load.requests:,} requests, {load.failures} failed, {load.rps:.1f} requests/s; "
            f"median {load.median_ms:.0f} ms, p95 {load.p95_ms:.0f} ms, max "
            f"{load.max_ms:.0f} ms. Target: zero errors: {_verdict(load_ok)}.",
            "",
            "| page | requests | failures | median ms | p95 ms | max ms |",
            "|---|---:|---:|---:|---:|---:|",
            *[
                f"| {row['Name']} | {row['Request Count']} | {row['Failure Count']} | "
                f"{row['50%']} | {row['95%']} | {float(row['Max Response Time']):.0f} |"
                for row in sorted(load.rows, key=lambda row: row["Name"])
            ],
            "",
        ]
    passed: dict[str, bool] = {}
    for scale in timed:
        for target in ("median", "p95"):
            passed[f"key pages, {target} within their target, scale {scale:g}"] = all(
                _time_checks(r, scale, page)[target] for page in key_pages
            )
    sizes = ", ".join(f"{s:g}" for s in scales)
    passed[f"key pages within their query cap, the same at {sizes}"] = all(
        _queries_ok(r, page[0]) for page in key_pages
    )
    passed["progress report ≤ 1.5× WeasyPrint alone"] = report_ok
    if load is not None:
        passed["load: zero errors"] = load_ok
    lines += [
        "## Targets",
        "",
        "| target | result |",
        "|---|---|",
        *[f"| {name} | {_verdict(ok)} |" for name, ok in passed.items()],
        "",
        *_gaps(r),
        NOTES.strip(),
        "",
    ]
    return "\n".join(lines)


# What each key page does beyond the minimal view, for the gaps below.
WORK = {
    "company dashboard": "five panels (enrolment, analyses, plan, hours with their pace, "
    "network) in the site's layout",
    "coach session page": "the session form: ten fields rendered one by one through "
    "allauth's element templates, the duration list alone 40 options",
    "coach week overview": "the week's sessions as a table in the site's layout",
    "enrolment detail": "the trajectory's panels and its status history",
    "network page": "meetings, members, attendance per company, shared experiences and "
    "the form to share one (with its list of meetings)",
    "work surface": "ten queues of staff work counted in one query, 25 rows of one queue "
    "with their actions, and the filters with every edition, region and coach",
    "company file": "every section of one enrolment (trajectory, analyses, plan, hours, "
    "network, invoices, notes) on one page",
    "admin enrolment list": "Django's admin change list: 25 rows of 7 cells with their "
    "checkboxes, the action list, the search box and four filters",
    "admin dashboard": "Django's admin index (every app and model) and the edition panels, "
    "whose aggregates read the hours of every running trajectory and the balance of "
    "every invoice",
    "public home page": "the programme's texts and the coming editions with their places "
    "left, in the public side's layout, for a visitor without a session",
    "public results page": "the figures of every edition and of all together, as the "
    "periodic task last worked them out, for a visitor without a session",
}


def _gaps(r: Results) -> list[str]:
    """Each missed timing with where its time goes (from the in-process profile)."""
    lines = []
    for scale in sorted(r.latency):
        minimal = r.latency[scale]["minimal view"]
        for page in r.pages:
            name, _role, key, median_target, _p95_target = page
            checks = _time_checks(r, scale, page)
            if not key or (checks["median"] and checks["p95"]):
                continue
            timing, profile = r.latency[scale][name], r.profiles[scale][name]
            lines.append(
                f"- **{name}**, scale {scale:g}: median {timing.median * 1000:.1f} ms, "
                f"{timing.median / minimal.median:.1f}× the minimal view's "
                f"{minimal.median * 1000:.1f} ms (target {median_target:g}×). In-process "
                f"{profile.total_ms:.0f} ms, of which {profile.sql_ms:.0f} ms SQL "
                f"({profile.queries} queries) and {profile.python_ms:.0f} ms Python and "
                f"templates: {WORK.get(name, 'its template')}."
            )
    if not lines:
        return []
    return [
        "## Gaps",
        "",
        "The key pages that missed a time target, with where their time goes (the "
        "in-process profile at the same size).",
        "",
        *lines,
        "",
    ]


def _load(values: tuple[float, float, float]) -> str:
    return ", ".join(f"{v:.2f}" for v in values)


def _contention(r: Results) -> str:
    cores = os.cpu_count() or 1
    shares = {scale: c.others_cpu for scale, c in r.contention.items()}
    worst = max(shares.values(), default=0.0)
    each = ", ".join(f"{share:.0%} at scale {scale:g}" for scale, share in sorted(shares.items()))
    if worst > 0.1:
        return (
            f"**Contention:** other processes used {each} of the machine's {cores} cores "
            "while the pages were timed (other work on a shared machine), so the timings "
            "are noisier and slower than on an idle one."
        )
    return (
        f"Other processes used {each} of the machine's CPU while the pages were timed: "
        "next to no contention."
    )


# Known causes, kept with the figures so that a miss is explained where it is reported.
NOTES = """
## Notes on the targets

- **The time ratios** compare a full page (its queries, a template with the site's
  navigation, forms and tables) with a view that renders no template and runs one query;
  both pay the same fixed cost (a new connection, gunicorn, the middleware, the session
  and user queries, the MFA check).
- **Query counts** are per request, including the session, the user and the role checks.
  They come from one request after a warm-up, so caches of the process (content types,
  templates) are filled, as in a running server.
- The tests in tests/bench/test_query_counts.py guard the query counts deterministically
  (`make test`); this file records timings only.
"""


def _summary(r: Results) -> str:
    rows = []
    for scale in sorted(r.latency):
        minimal = r.latency[scale]["minimal view"]
        rows += [
            f"  {scale:>4g} {name:28} median {r.latency[scale][name].median / minimal.median:5.2f}×"
            f"  p95 {r.latency[scale][name].p95 / minimal.p95:5.2f}×  queries "
            + "/".join(str(r.queries[s].get(name, "–")) for s in sorted(r.queries))
            for name, _role, _key, _m, _p in r.pages
        ]
    load = r.load
    tail = f"  load: {load.requests} requests, {load.failures} failed" if load else ""
    return "\n".join([*rows, f"  progress report: {r.report.ratio:.2f}× WeasyPrint alone", tail])


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
