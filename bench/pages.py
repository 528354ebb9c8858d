"""The benchmark's in-process half: which pages, as whom; sessions; query counts; the report.

Imported by bench/run.py after ``django.setup()``, against the bench database.
"""

import datetime
import io
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection
from django.db.models import Count, Q
from django.db.models.functions import TruncWeek
from django.template.loader import render_to_string
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from accounts.models import User
from coaching.models import CoachingSession
from companies.models import Contact, Enrolment
from networks.models import LearningNetwork
from reports.builders import report_context, template_name
from reports.models import Report
from reports.pdf import PDF_VARIANT, render_pdf

# A session that passed the password and (for staff and coaches) the TOTP step, as
# allauth records it; the MFA middleware itself checks that an authenticator exists.
AUTH_METHODS = "account_authentication_methods"
AUTH_METHODS_USER = "account_authentication_methods_user"


# Targets of a key page: its median and p95 as a multiple of the minimal view's.
MEDIAN_TARGET = 2.0
P95_TARGET = 3.0
# The work surface and the admin's enrolment list show many rows of many kinds: five times
# the minimal view (their p95 keeps the 3:2 of the others).
BUSY_MEDIAN_TARGET = 5.0
BUSY_P95_TARGET = 7.5
# The public home and results pages, opened by a visitor without a session: 1.5 times
# (p95 keeping 3:2).
PUBLIC_MEDIAN_TARGET = 1.5
PUBLIC_P95_TARGET = 2.25


@dataclass(frozen=True)
class Page:
    name: str
    role: str
    user: User | None  # None: a visitor without a session
    path: str
    key: bool = True  # one of the key pages with targets; else shown for information
    median_target: float = MEDIAN_TARGET
    p95_target: float = P95_TARGET


@dataclass
class Subjects:
    """The people and objects the pages are opened for, chosen alike at every data size."""

    contact: User
    coach: User
    staff: User
    enrolment: Enrolment
    network: LearningNetwork
    week: str
    pages: list[Page] = field(default_factory=list)
    minimal: Page | None = None


def pick_subjects() -> Subjects:
    """The busiest of each kind: the active enrolment with the most sessions (that is its
    company's newest), its contact and network, the coach with the most running
    trajectories and their busiest week, and a staff member."""
    active = (
        Enrolment.objects.filter(status=Enrolment.Status.ACTIVE)
        .annotate(n=Count("sessions"))
        .order_by("-n", "pk")
    )
    enrolment = next(
        e
        for e in active[:200]
        if not Enrolment.objects.filter(company=e.company_id, created_at__gt=e.created_at).exists()
        and LearningNetwork.objects.filter(members=e).exists()
    )
    contact = Contact.objects.filter(company=enrolment.company_id).order_by("pk").first()
    assert contact is not None
    network = LearningNetwork.objects.filter(members=enrolment).order_by("pk").first()
    assert network is not None
    running = Q(led_enrolments__status=Enrolment.Status.ACTIVE)
    coach = (
        User.objects.filter(coach__isnull=False)
        .annotate(n=Count("led_enrolments", filter=running))
        .order_by("-n", "pk")
        .first()
    )
    assert coach is not None
    busiest = (
        CoachingSession.objects.filter(coach=coach)
        .annotate(week=TruncWeek("date"))
        .values("week")
        .annotate(n=Count("pk"))
        .order_by("-n", "-week")
        .first()
    )
    monday: datetime.date = busiest["week"] if busiest else datetime.date.today()  # noqa: DTZ011
    year, number, _day = monday.isocalendar()
    staff = User.objects.filter(is_staff=True, is_superuser=True).order_by("pk").first()
    assert staff is not None
    subjects = Subjects(
        contact=contact.user,
        coach=coach,
        staff=staff,
        enrolment=enrolment,
        network=network,
        week=f"{year}-W{number:02d}",
    )
    subjects.pages = _pages(subjects)
    subjects.minimal = Page("minimal view", "contact", contact.user, "/bench/minimal/", key=False)
    return subjects


def _pages(s: Subjects) -> list[Page]:
    e, n = s.enrolment.public_id, s.network.public_id
    return [
        Page("company dashboard", "contact", s.contact, reverse("company_dashboard")),
        Page("coach session page", "coach", s.coach, reverse("session_create")),
        Page("coach week overview", "coach", s.coach, f"{reverse('coach_week')}?week={s.week}"),
        Page("enrolment detail", "contact", s.contact, reverse("enrolment_detail", args=[e])),
        Page("network page", "contact", s.contact, reverse("network_detail", args=[n])),
        Page(
            "work surface",
            "staff",
            s.staff,
            reverse("staff_dashboard"),
            median_target=BUSY_MEDIAN_TARGET,
            p95_target=BUSY_P95_TARGET,
        ),
        Page(
            "company file",
            "staff",
            s.staff,
            reverse("company_file", args=[s.enrolment.public_id]),
        ),
        Page(
            "admin enrolment list",
            "staff",
            s.staff,
            reverse("admin:companies_enrolment_changelist"),
            median_target=BUSY_MEDIAN_TARGET,
            p95_target=BUSY_P95_TARGET,
        ),
        Page("admin dashboard", "staff", s.staff, reverse("admin:index")),
        Page(
            "public home page",
            "visitor",
            None,
            reverse("home"),
            median_target=PUBLIC_MEDIAN_TARGET,
            p95_target=PUBLIC_P95_TARGET,
        ),
        Page(
            "public results page",
            "visitor",
            None,
            reverse("public_results"),
            median_target=PUBLIC_MEDIAN_TARGET,
            p95_target=PUBLIC_P95_TARGET,
        ),
        # Shown for information: the other lists that grow with the data.
        Page("coach dashboard", "coach", s.coach, reverse("coach_dashboard"), key=False),
        Page(
            "enrolment hours", "contact", s.contact, reverse("enrolment_sessions", args=[e]), False
        ),
        Page("invoice list", "contact", s.contact, reverse("invoice_list"), key=False),
        _facilitating(s.network),
    ]


def _facilitating(network: LearningNetwork) -> Page:
    """The same network page, seen by its facilitator (every member's attendance)."""
    facilitator = network.facilitators.order_by("pk").first()
    assert facilitator is not None
    path = reverse("network_detail", args=[network.public_id])
    return Page("network page (facilitator)", "coach", facilitator, path, key=False)


# --- Sessions ---------------------------------------------------------------------------


def session_for(user: User) -> str:
    """A signed-in session in the database, as after the login form (and TOTP for staff
    and coaches); returns the cookie value."""
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    methods: list[dict[str, object]] = [
        {"method": "password", "at": time.time(), "email": user.email}
    ]
    authenticator = Authenticator.objects.filter(user=user).first()
    if authenticator is not None:
        methods.append({"method": "mfa", "at": time.time(), "id": authenticator.pk, "type": "totp"})
    session[AUTH_METHODS] = methods
    session[AUTH_METHODS_USER] = str(user.pk)
    session.create()
    assert session.session_key is not None
    return session.session_key


# --- Query counts -----------------------------------------------------------------------


@dataclass(frozen=True)
class PageProfile:
    """One page in-process: its queries, and where its time goes (medians of a few runs)."""

    queries: int
    total_ms: float
    sql_ms: float

    @property
    def python_ms(self) -> float:
        """Time outside the database: the view's Python, templates, middleware."""
        return self.total_ms - self.sql_ms


def profile_pages(pages: list[Page], repeats: int = 7) -> dict[str, PageProfile]:
    """Each page opened once (warm caches), then ``repeats`` times with its queries
    captured: the count of the first and the median times."""
    profiles = {}
    for page in pages:
        client = Client()
        if page.user is not None:
            client.cookies[settings.SESSION_COOKIE_NAME] = session_for(page.user)
        response = client.get(page.path, secure=True)
        assert response.status_code == 200, (page.name, response.status_code)
        counts, totals, sql = [], [], []
        for _ in range(repeats):
            with CaptureQueriesContext(connection) as captured:
                start = time.perf_counter()
                response = client.get(page.path, secure=True)
                totals.append(time.perf_counter() - start)
            assert response.status_code == 200, (page.name, response.status_code)
            counts.append(len(captured))
            sql.append(sum(float(query["time"]) for query in captured.captured_queries))
        profiles[page.name] = PageProfile(
            queries=counts[0],
            total_ms=statistics.median(totals) * 1000,
            sql_ms=statistics.median(sql) * 1000,
        )
    return profiles


# --- The company progress report ----------------------------------------------------------


@dataclass(frozen=True)
class ReportTiming:
    company: str
    sessions: int
    pages: int
    build: list[float]
    weasyprint: list[float]

    @property
    def ratio(self) -> float:
        return statistics.median(self.build) / statistics.median(self.weasyprint)


def time_report(repeats: int = 5) -> ReportTiming:
    """The progress report of the trajectory with the most sessions: the builder, the
    template and the renderer (reports/pdf.py), against WeasyPrint alone on the same HTML."""
    enrolment = (
        Enrolment.objects.filter(status__in=Enrolment.HOLDS_PLACE)
        .annotate(n=Count("sessions"))
        .order_by("-n", "pk")
        .select_related("company")
        .first()
    )
    assert enrolment is not None
    report = Report(kind=Report.Kind.PROGRESS, enrolment=enrolment, parameters={"language": "nl"})

    def build() -> bytes:
        context = report_context(report)
        return render_pdf(render_to_string(template_name(report), context))

    with translation.override("nl"):
        html = render_to_string(template_name(report), report_context(report))
    # WeasyPrint on its own: the same HTML and files, its own URL fetcher (with /static/
    # pointing at the collected files, as a web server would serve them).
    fetcher = _CollectedStatic()

    def weasyprint_alone() -> bytes:
        document = HTML(string=html, base_url="file:///", url_fetcher=fetcher)
        pdf = document.write_pdf(pdf_variant=PDF_VARIANT)
        assert pdf is not None
        return bytes(pdf)

    with translation.override("nl"):
        build_times, alone_times = [], []
        build(), weasyprint_alone()  # fonts and templates loaded once, as in a worker
        for _ in range(repeats):
            build_times.append(_seconds(build))
            alone_times.append(_seconds(weasyprint_alone))
        pages = len(PdfReader(io.BytesIO(build())).pages)
    return ReportTiming(
        company=str(enrolment.company),
        sessions=enrolment.n,
        pages=pages,
        build=build_times,
        weasyprint=alone_times,
    )


class _CollectedStatic(URLFetcher):
    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        prefix = "file:///static/"
        if url.startswith(prefix):
            root = Path(settings.STATIC_ROOT).resolve().as_uri()
            url = f"{root}/{url.removeprefix(prefix)}"
        return super().fetch(url, headers)


def _seconds(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start
