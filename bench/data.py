"""A realistic data set for the benchmark, written with ``bulk_create`` and ``COPY``.

At full scale: five editions with 2,000 enrolments in every status, 60 coaches, about
100,000 coaching sessions within each enrolment's budget, 100 learning networks with
1,500 meetings and their registrations, about 3,000 invoices and credit notes with
gapless yearly numbers and their payments, and baseline and final measurements with
answers to the real questionnaire. ``scale`` multiplies every count (0.1 is a tenth; 10,
the programme in every region, is 20,000 enrolments and a million sessions).

Rows are written directly, not through the services, so a full set takes half a minute
rather than hours (ten times as much, a few minutes). The largest tables (sessions,
registrations, plan actions, status changes) are streamed with ``COPY`` as plain rows,
never a million model objects at once. What the services would guarantee is kept by
construction: sessions are whole quarter hours and stay within the budget (and the
enrolments' hour totals, where the model keeps them, are their sums), issued invoices
carry a number of their year's series in date order with no gaps, the counter rows say
the last number, and every CheckConstraint holds (the database checks them on insert).
Issued invoices are inserted as issued, so the trigger that guards them against changes
(it fires on update and delete only) is never asked. Their PDFs are not rendered (that
would take an hour): they are marked as made and mailed but hold no file, so no worker
ever picks them up. The same seed makes the same choices (dated from the day it runs).
"""

import datetime
import math
import random
import time
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import generate_totp_secret
from allauth.mfa.utils import encrypt
from django.apps import apps
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import connection, models, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.text import slugify

from accounts.models import User
from coaching.models import BudgetAdjustment, BudgetAlert, Coach, CoachingSession
from companies import questionnaire as q
from companies.models import (
    Company,
    Contact,
    DevelopmentPlan,
    Edition,
    Enrolment,
    EnrolmentTransition,
    NeedsAnalysis,
    PlanAction,
    Region,
    Sector,
)
from companies.services import add_months
from invoicing.models import Invoice, InvoiceCounter, IssuerDetails, Payment, Reminder
from invoicing.selectors import with_balances
from invoicing.services import payment_terms_text, vat_wording
from invoicing.ubl import build_ubl
from networks.models import Experience, LearningNetwork, Meeting, Registration
from networks.services import attendance_open_refresh
from website.results import results_refresh

BENCH_PASSWORD = "bench-leercultuur-2026"  # noqa: S105 - the bench database only
BATCH = 2000
EDITIONS = 5
Status = Enrolment.Status

# Apps whose rows --reset removes; regions and sectors (reference data from a migration)
# and Django's own content types and permissions stay.
RESET_APPS = (
    "accounts",
    "companies",
    "coaching",
    "networks",
    "invoicing",
    "reports",
    "account",
    "mfa",
    "sessions",
    "auditlog",
    "admin",
)
KEEP = (Region, Sector)


@dataclass(frozen=True)
class Size:
    enrolments: int
    coaches: int
    sessions: int
    networks: int
    meetings: int
    invoices: int
    staff: int = 5


def size_for(scale: float) -> Size:
    def n(full: int, minimum: int) -> int:
        return max(minimum, round(full * scale))

    return Size(
        enrolments=n(2000, 25),
        coaches=n(60, 3),
        sessions=n(100_000, 100),
        networks=n(100, EDITIONS),
        meetings=n(1500, 15),
        invoices=n(3000, 20),
    )


def is_empty() -> bool:
    return not (User.objects.exists() or Enrolment.objects.exists())


def reset() -> None:
    """Empty every table the generator fills (TRUNCATE: fast, and no row trigger fires)."""
    keep = {model._meta.db_table for model in KEEP}
    installed = {config.label for config in apps.get_app_configs()}
    tables = sorted(
        {
            model._meta.db_table
            for label in RESET_APPS
            if label in installed
            for model in apps.get_app_config(label).get_models(include_auto_created=True)
        }
        - keep
    )
    quoted = ", ".join(connection.ops.quote_name(table) for table in tables)
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {quoted} RESTART IDENTITY CASCADE")


def build(
    *, scale: float = 1.0, seed: int = 2026, log: Callable[[str], None] = print
) -> dict[str, int]:
    """Fill an empty database; returns the number of rows per model."""
    if connection.vendor != "postgresql":
        raise RuntimeError("The bench data set needs PostgreSQL.")
    started = time.perf_counter()

    def timed(text: str) -> None:
        log(f"{time.perf_counter() - started:6.1f} s  {text}")

    with transaction.atomic(), _own_timestamps():
        rngs = random.Random(seed), random.Random(seed + 1)
        counts = _Generator(size_for(scale), *rngs, timed).run()
        _fill_hour_totals()
    with connection.cursor() as cursor:
        # As autovacuum would, soon: statistics for the planner and the visibility map, so
        # plans match a live database and no vacuum runs later in the middle of a timing.
        cursor.execute("VACUUM ANALYZE")
    timed("vacuum and analyze")
    results_refresh()  # as the website's periodic task does, for its results page
    timed("the public results worked out")
    return counts


# The running totals an enrolment keeps of its hours (kept by the coaching services): the
# minutes of its sessions and of its approved budget adjustments.
HOUR_TOTALS = {
    "minutes_used": "SELECT enrolment_id, SUM(minutes) FROM {sessions} GROUP BY enrolment_id",
    "minutes_extra": (
        "SELECT enrolment_id, SUM(minutes) FROM {adjustments} "
        "WHERE approved_at IS NOT NULL GROUP BY enrolment_id"
    ),
}


def _fill_hour_totals() -> None:
    """Set the enrolments' hour totals from the rows written directly, as the services
    would have kept them: one UPDATE per total (only the totals the model has)."""
    columns = {f.name: f.column for f in Enrolment._meta.concrete_fields}
    tables = {
        "sessions": CoachingSession._meta.db_table,
        "adjustments": BudgetAdjustment._meta.db_table,
    }
    with connection.cursor() as cursor:
        for name, totals in HOUR_TOTALS.items():
            if name not in columns:
                continue
            cursor.execute(
                f"UPDATE {Enrolment._meta.db_table} AS e SET {columns[name]} = t.total "  # noqa: S608
                f"FROM ({totals.format(**tables)}) AS t (enrolment_id, total) "
                "WHERE e.id = t.enrolment_id"
            )


# --- Timestamps ---------------------------------------------------------------------------

# Fields whose automatic "now" the generator replaces by a date in the data set's past.
OWN_TIMESTAMPS: tuple[tuple[type[models.Model], str], ...] = (
    (Company, "created_at"),
    (Contact, "created_at"),
    (Enrolment, "created_at"),
    (EnrolmentTransition, "at"),
    (CoachingSession, "created_at"),
    (BudgetAdjustment, "created_at"),
    (BudgetAlert, "reached_at"),
    (Registration, "created_at"),
    (Experience, "created_at"),
    (Invoice, "created_at"),
    (Payment, "recorded_at"),
    (Reminder, "created_at"),
)


@contextmanager
def _own_timestamps() -> Iterator[None]:
    fields = [model._meta.get_field(name) for model, name in OWN_TIMESTAMPS]
    for field in fields:
        field.auto_now_add = False  # type: ignore[union-attr]
    try:
        yield
    finally:
        for field in fields:
            field.auto_now_add = True  # type: ignore[union-attr]


def _at(day: datetime.date, hour: int = 10, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


# --- Words ----------------------------------------------------------------------------------

FIRST_NAMES = [
    "Anouk",
    "Bas",
    "Daan",
    "Emma",
    "Eva",
    "Fleur",
    "Gijs",
    "Hanna",
    "Iris",
    "Jeroen",
    "Joost",
    "Julia",
    "Kees",
    "Lars",
    "Lisa",
    "Lotte",
    "Luuk",
    "Maaike",
    "Mark",
    "Marloes",
    "Milan",
    "Noor",
    "Pieter",
    "Rik",
    "Roos",
    "Ruben",
    "Sanne",
    "Sem",
    "Sophie",
    "Thijs",
    "Tim",
    "Wouter",
    "Yara",
    "Ahmed",
    "Fatima",
    "Mehmet",
    "Ayse",
    "Priya",
    "Wei",
    "Nadia",
    "Youssef",
]
LAST_NAMES = [
    "Jansen",
    "de Vries",
    "van den Berg",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "de Groot",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Leeuwen",
    "Dekker",
    "Brouwer",
    "de Wit",
    "Dijkstra",
    "Smits",
    "de Graaf",
    "van der Meer",
    "Kok",
    "Jacobs",
    "de Haan",
    "Vermeulen",
    "van den Heuvel",
    "van Dijk",
    "Willemsen",
    "Hoekstra",
    "Schouten",
    "Kuipers",
    "Wolters",
    "Gerritsen",
    "Hermsen",
    "Lammers",
    "Arslan",
    "Yilmaz",
    "El Idrissi",
    "Nguyen",
]
# (region, postcode range, cities)
PLACES = {
    "Achterhoek": (7000, 7299, ("Doetinchem", "Winterswijk", "Lochem", "Groenlo", "Zutphen")),
    "Arnhem-Nijmegen": (6500, 6999, ("Arnhem", "Nijmegen", "Wijchen", "Zevenaar", "Duiven")),
    "Cleantech Regio (Stedendriehoek)": (7300, 7399, ("Apeldoorn", "Epe", "Voorst", "Brummen")),
    "FoodValley": (6700, 6749, ("Ede", "Wageningen", "Barneveld", "Scherpenzeel")),
    "Noord-Veluwe": (3840, 3899, ("Harderwijk", "Ermelo", "Nunspeet", "Elburg", "Putten")),
    "Rivierenland": (4000, 4199, ("Tiel", "Culemborg", "Geldermalsen", "Zaltbommel")),
}
SECTOR_WEIGHTS = {"C": 30, "F": 18, "G": 14, "H": 8, "I": 6, "Q": 10, "A": 5, "M": 5, "N": 4}
TRADES = {
    "C": ("Metaalbewerking", "Kunststoftechniek", "Machinebouw", "Voedingsmiddelen", "Drukkerij"),
    "F": ("Bouwbedrijf", "Installatietechniek", "Schilders", "Dakdekkers", "Grondwerken"),
    "G": ("Groothandel", "Autobedrijf", "Tuincentrum", "Bouwmaterialen"),
    "H": ("Transport", "Logistiek", "Koeriersdienst"),
    "I": ("Hotel", "Restaurant", "Partycentrum"),
    "Q": ("Zorggroep", "Thuiszorg", "Kinderopvang"),
    "A": ("Kwekerij", "Loonbedrijf", "Melkveebedrijf"),
    "M": ("Ingenieursbureau", "Adviesbureau"),
    "N": ("Schoonmaakbedrijf", "Uitzendbureau", "Beveiliging"),
}
STREETS = (
    "Industrieweg",
    "Stationsstraat",
    "Kerkstraat",
    "Handelsweg",
    "Ambachtsweg",
    "Dorpsstraat",
)
COACH_ORGANISATIONS = (
    "Gelders Vakmanschap",
    "Werkgeversservicepunt Achterhoek",
    "Werkgeversservicepunt Midden-Gelderland",
    "ROC Rijn IJssel",
    "Graafschap College",
    "Aventus",
    "Zelfstandig loopbaancoach",
)
SUMMARIES = {
    "intake": "Kennismaking, uitleg van het traject en afspraken over de behoefteanalyse.",
    "needs_analysis": "Behoefteanalyse doorgenomen met directie, HR en twee leidinggevenden.",
    "conversation": "Voortgang van de acties uit het ontwikkelplan besproken.",
    "team_session": "Teamsessie over leren op de werkvloer met de ploegleiders.",
    "workshop": "Workshop coachend leidinggeven voor de teamleiders.",
    "network_meeting": "Bijeenkomst van het lerend netwerk voorbereid en nabesproken.",
    "preparation": "Verslag gemaakt en de volgende sessies voorbereid.",
}
ACTIVITY_WEIGHTS = {
    "conversation": 40,
    "team_session": 15,
    "workshop": 10,
    "preparation": 20,
    "network_meeting": 8,
    "needs_analysis": 7,
}
MINUTES_WEIGHTS = {15: 5, 30: 20, 45: 15, 60: 30, 90: 20, 120: 10}
ACTIONS = (
    ("Werkplekbegeleiders opleiden", "formal", "mbo_staff", "ROC Rijn IJssel"),
    ("Ontwikkelgesprekken invoeren", "informal", "everyone", ""),
    ("BBL-traject voor monteurs", "formal", "mbo_staff", "Graafschap College"),
    ("Leidinggevenden trainen in coachend leiderschap", "formal", "management", "Aventus"),
    ("Maandelijkse kennissessie op de werkvloer", "informal", "mbo_staff", ""),
    ("Inwerkprogramma met buddy's", "informal", "new_staff", ""),
    ("Digitale vaardigheden voor productiemedewerkers", "formal", "mbo_staff", "ROC Nijmegen"),
    ("Opleidingsbudget per medewerker vastleggen", "informal", "everyone", ""),
    ("Taakroulatie tussen afdelingen", "informal", "mbo_staff", ""),
    ("Vakcertificaat VCA en heftruck", "formal", "mbo_staff", "Opleidingscentrum Oost"),
)
THEMES = (
    "Leren op de werkvloer",
    "Werkplekbegeleiding die werkt",
    "Ontwikkelgesprekken voeren",
    "Behoud van vakmensen",
    "Digitalisering en nieuwe vaardigheden",
    "Samenwerken met het onderwijs",
    "Leiderschap en leerklimaat",
    "Resultaten van de eindmeting",
)
PRIVATE_NOTE = "Directie wil snel resultaat; draagvlak bij ploegleiders groeit."
FOLLOW_UP = "Acties in het plan bijwerken."
TEXT_ANSWERS = (
    "Wij willen dat medewerkers meer van elkaar leren en dat leidinggevenden daarin voorgaan.",
    "Het opleidingsbeleid is nu vooral verplichte certificaten; ontwikkeling staat niet op papier.",
    "Onze monteurs leren veel in de praktijk, maar dat maken we nog niet zichtbaar.",
    "We zoeken een manier om nieuwe mensen sneller en beter in te werken.",
    "Er is weinig tijd voor leren naast de productie; dat willen we anders organiseren.",
)


def _weighted[T](rng: random.Random, weights: dict[T, int]) -> T:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _batches[T](rows: Sequence[T]) -> Iterator[Sequence[T]]:
    for start in range(0, len(rows), BATCH):
        yield rows[start : start + BATCH]


# --- The generator ------------------------------------------------------------------------


@dataclass
class _Trajectory:
    """What the generator knows of one enrolment beyond its row."""

    enrolment: Enrolment
    contacts: list[User]
    accepted_on: datetime.date | None = None
    withdrawn_on: datetime.date | None = None
    started: bool = False

    @property
    def holds_place(self) -> bool:
        return self.enrolment.status in Enrolment.HOLDS_PLACE


class _Generator:
    def __init__(
        self, size: Size, rng: random.Random, ids: random.Random, log: Callable[[str], None]
    ) -> None:
        self.size = size
        self.rng = rng
        # The public ids of the rows written with COPY, from their own seeded source: the
        # other choices stay the same whatever the number of ids drawn.
        self.ids = ids
        self.log = log
        self.today = timezone.localdate()
        self.password = make_password(BENCH_PASSWORD)
        self.counts: dict[str, int] = defaultdict(int)
        self.regions = list(Region.objects.order_by("name"))
        self.sectors = {sector.code: sector for sector in Sector.objects.all()}
        self.questionnaire = q.get_questionnaire()

    def run(self) -> dict[str, int]:
        self.staff = self._staff()
        self.coaches = self._coaches()
        self.editions = self._editions()
        self.trajectories = self._enrolments()
        self._transitions()
        self._sessions()
        self._analyses_and_plans()
        self._networks()
        self._invoices()
        return dict(self.counts)

    # Saving ---------------------------------------------------------------------------

    def _save[M: models.Model](self, model: type[M], rows: Sequence[M]) -> list[M]:
        saved: list[M] = []
        for batch in _batches(rows):
            saved += model._default_manager.bulk_create(batch)
        self.counts[model._meta.label] += len(rows)
        return saved

    def _copy(
        self, model: type[models.Model], fields: Sequence[str], rows: Iterable[Sequence[Any]]
    ) -> int:
        """Stream ``rows`` (values of ``fields``, in that order) into the model's table with
        COPY: for the largest tables, where building a model object per row would take
        most of the time and memory. Every other column gets its default (a fresh public
        id, "now" for an automatic timestamp); the database still checks every constraint.
        """
        concrete = {f.name: f for f in model._meta.concrete_fields}
        given = [concrete[name] for name in fields]
        rest = [f for f in concrete.values() if f.name not in fields and not f.primary_key]
        now = timezone.now()
        fillers: list[Callable[[], Any]] = []
        for f in rest:
            if isinstance(f, models.UUIDField):
                fillers.append(lambda: uuid.UUID(int=self.ids.getrandbits(128), version=4))
            elif getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                fillers.append(lambda: now)
            elif f.has_default():
                fillers.append(f.get_default)
            elif f.null:
                fillers.append(lambda: None)
            else:
                raise ValueError(f"{model.__name__}.{f.name} needs a value in the rows.")
        columns = ", ".join(
            connection.ops.quote_name(f.column or f.attname) for f in [*given, *rest]
        )
        table = connection.ops.quote_name(model._meta.db_table)
        count = 0
        with (
            connection.cursor() as cursor,
            cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row([*row, *(fill() for fill in fillers)] if fillers else row)
                count += 1
        self.counts[model._meta.label] += count
        return count

    # People ------------------------------------------------------------------------------

    def _users(self, emails_and_names: Sequence[tuple[str, str]], **extra: Any) -> list[User]:
        joined = timezone.now() - datetime.timedelta(days=4 * 365 + 90)
        users = [
            User(
                email=email,
                full_name=name,
                password=self.password,
                date_joined=joined,
                last_login=None,
                **extra,
            )
            for email, name in emails_and_names
        ]
        users = self._save(User, users)
        addresses = [
            EmailAddress(user=user, email=user.email, primary=True, verified=True) for user in users
        ]
        self._save(EmailAddress, addresses)
        return users

    def _name(self) -> str:
        return f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}"

    def _with_totp(self, users: Sequence[User]) -> None:
        """Staff and coaches must have an authenticator (the MFA middleware checks it)."""
        authenticators = [
            Authenticator(
                user=user,
                type=Authenticator.Type.TOTP,
                data={"secret": encrypt(generate_totp_secret())},
            )
            for user in users
        ]
        self._save(Authenticator, authenticators)

    def _staff(self) -> list[User]:
        people = [(f"staf{i + 1}@vnoncwmidden.bench.test", self._name()) for i in range(5)]
        staff = self._users(people, is_staff=True, is_superuser=True)
        self._with_totp(staff)
        self.log(f"staff: {len(staff)}")
        return staff

    def _coaches(self) -> list[User]:
        people = [
            (f"coach{i + 1}@geldersvakmanschap.bench.test", self._name())
            for i in range(self.size.coaches)
        ]
        users = self._users(people)
        coaches = [
            Coach(
                user=user,
                organisation=self.rng.choice(COACH_ORGANISATIONS),
                phone=f"06-{self.rng.randrange(10_000_000, 99_999_999)}",
            )
            for user in users
        ]
        self._save(Coach, coaches)
        self._with_totp(users)
        self.log(f"coaches: {len(users)}")
        return users

    # Editions and enrolments ---------------------------------------------------------------

    # (days before today the edition opened, share of its enrolments per status)
    EDITION_PLAN: tuple[tuple[int, dict[str, int]], ...] = (
        (1460, {"completed": 80, "withdrawn": 7, "rejected": 8, "waitlisted": 5}),
        (1095, {"completed": 81, "withdrawn": 6, "rejected": 8, "waitlisted": 5}),
        (730, {"completed": 82, "withdrawn": 6, "rejected": 7, "waitlisted": 5}),
        (300, {"active": 82, "withdrawn": 6, "rejected": 7, "waitlisted": 5}),
        (
            60,
            {
                "draft": 12,
                "submitted": 25,
                "accepted": 25,
                "waitlisted": 10,
                "rejected": 5,
                "active": 23,
            },
        ),
    )

    def _editions(self) -> list[Edition]:
        editions = []
        for number, (days_ago, _mix) in enumerate(self.EDITION_PLAN, start=1):
            opens = self.today - datetime.timedelta(days=days_ago)
            closes = opens + datetime.timedelta(days=90)
            editions.append(
                Edition(
                    name=f"Editie {number} ({opens.year})",
                    enrolment_opens=opens,
                    enrolment_closes=closes,
                    places=1,  # set below, once the enrolments are known
                    terms=(
                        "Uw bedrijf volgt 10 maanden het traject Leercultuur MKB: een "
                        "behoefteanalyse, een ontwikkelplan op maat, tot 120 uur coaching en "
                        "een lerend netwerk. De eigen bijdrage is EUR 2.000 exclusief btw."
                    ),
                    is_open=closes >= self.today,
                )
            )
        return self._save(Edition, editions)

    def _company(self, index: int) -> Company:
        rng = self.rng
        region = self.regions[index % len(self.regions)]
        low, high, cities = PLACES.get(region.name, (6800, 6899, ("Arnhem",)))
        code = _weighted(rng, SECTOR_WEIGHTS)
        last = rng.choice(LAST_NAMES)
        trade = f"{rng.choice(TRADES[code])} {last.split()[-1]}"
        employees = min(249, max(3, int(rng.lognormvariate(3.3, 0.8))))
        return Company(
            legal_name=f"{trade} B.V.",
            trade_name=trade if rng.random() < 0.3 else "",
            kvk_number=f"{30_000_000 + index * 7:08d}",
            street_address=f"{rng.choice(STREETS)} {rng.randrange(1, 180)}",
            postcode=f"{rng.randrange(low, high + 1)} {rng.choice('ABDEG')}{rng.choice('RSTX')}",
            city=rng.choice(cities),
            region=region,
            sector=self.sectors.get(code) or next(iter(self.sectors.values())),
            employees=employees,
            mbo_employees=int(employees * rng.uniform(0.3, 0.85)),
            has_hr_department=employees > 50 and rng.random() < 0.6,
            vat_number=f"NL{30_000_000 + index * 7:09d}B01",
            billing_email=f"administratie@bedrijf{index}.bench.test",
            billing_contact="Financiële administratie",
            created_at=_at(self.today - datetime.timedelta(days=1500)),
        )

    def _enrolments(self) -> list[_Trajectory]:
        rng, size = self.rng, self.size
        per_edition = [size.enrolments // EDITIONS] * EDITIONS
        per_edition[-1] += size.enrolments - sum(per_edition)
        # Some companies come back for a later edition (at most once per edition).
        returning_share = 0.12
        new_companies = math.ceil(size.enrolments * (1 - returning_share))
        companies = self._save(Company, [self._company(i) for i in range(new_companies)])
        # Each company's contacts: one, sometimes two.
        people: list[tuple[str, str]] = []
        owners: list[Company] = []
        for index, company in enumerate(companies):
            for n in range(2 if rng.random() < 0.25 else 1):
                name = self._name()
                first = slugify(name.split()[0])
                people.append((f"{first}.{n + 1}@bedrijf{index}.bench.test", name))
                owners.append(company)
        users = self._users(people)
        contacts = [
            Contact(
                user=user,
                company=company,
                position=rng.choice(("Directeur", "HR-adviseur", "Bedrijfsleider", "Eigenaar")),
                created_at=company.created_at,
            )
            for user, company in zip(users, owners, strict=True)
        ]
        self._save(Contact, contacts)
        contacts_of: dict[int, list[User]] = defaultdict(list)
        for user, company in zip(users, owners, strict=True):
            contacts_of[company.pk].append(user)

        trajectories: list[_Trajectory] = []
        order = list(companies)
        rng.shuffle(order)
        cursor = 0
        for edition, count, (_days, mix) in zip(
            self.editions, per_edition, self.EDITION_PLAN, strict=True
        ):
            taken: set[int] = set()
            chosen: list[Company] = []
            while len(chosen) < count:
                if cursor < len(order):
                    company = order[cursor]
                    cursor += 1
                else:  # a returning company, from the ones enrolled before
                    company = rng.choice(companies[: max(cursor, 1)])
                if company.pk in taken:
                    continue
                taken.add(company.pk)
                chosen.append(company)
            for company in chosen:
                status = _weighted(rng, mix)
                enrolment = self._enrolment(edition, company, status, contacts_of[company.pk])
                trajectories.append(enrolment)
        self._save(Enrolment, [t.enrolment for t in trajectories])
        self._coaches_of(trajectories)
        for edition in self.editions:
            held = sum(
                1 for t in trajectories if t.enrolment.edition_id == edition.pk and t.holds_place
            )
            edition.places = held + (rng.randrange(0, 6) if edition.is_open else 0) or 1
        Edition.objects.bulk_update(self.editions, ["places"])
        self.log(f"companies: {len(companies)}, contacts: {len(users)}")
        self.log(f"enrolments: {len(trajectories)}")
        return trajectories

    def _enrolment(
        self, edition: Edition, company: Company, status: str, contacts: list[User]
    ) -> _Trajectory:
        rng, today = self.rng, self.today
        window = (min(edition.enrolment_closes, today) - edition.enrolment_opens).days
        created = edition.enrolment_opens + datetime.timedelta(days=rng.randrange(max(window, 1)))
        submitted = created + datetime.timedelta(days=rng.randrange(0, 5))
        submitted = min(submitted, today)
        enrolment = Enrolment(
            edition=edition,
            company=company,
            status=status,
            motivation=rng.choice(TEXT_ANSWERS),
            po_reference=f"PO-{rng.randrange(10_000, 99_999)}" if rng.random() < 0.2 else "",
            created_at=_at(created, 9, rng.randrange(60)),
        )
        trajectory = _Trajectory(enrolment, contacts)
        if status != Status.DRAFT:
            enrolment.submitted_by = contacts[0]
            enrolment.submitted_at = _at(submitted, 11, rng.randrange(60))
            enrolment.terms_accepted_at = enrolment.submitted_at
        if status in {Status.DRAFT, Status.SUBMITTED, Status.REJECTED, Status.WAITLISTED}:
            return trajectory
        # Accepted once the window closed (the open edition: soon after submitting).
        if edition.is_open:
            accepted = min(submitted + datetime.timedelta(days=rng.randrange(3, 20)), today)
        else:
            accepted = edition.enrolment_closes + datetime.timedelta(days=rng.randrange(1, 10))
        trajectory.accepted_on = accepted
        enrolment.lead_coach = self.coaches[rng.randrange(len(self.coaches))]
        if status == Status.ACCEPTED:
            return trajectory
        if status == Status.WITHDRAWN and rng.random() < 0.3:  # before the trajectory began
            trajectory.withdrawn_on = min(accepted + datetime.timedelta(days=10), today)
            return trajectory
        start = accepted + datetime.timedelta(days=rng.randrange(7, 35))
        if start > today:  # only in the open edition: an early starter
            start = today - datetime.timedelta(days=rng.randrange(1, 30))
            start = max(start, accepted)
        enrolment.start_date = start
        enrolment.end_date = add_months(start, edition.trajectory_months)
        trajectory.started = True
        if status == Status.WITHDRAWN:
            length = (min(enrolment.end_date, today) - start).days
            trajectory.withdrawn_on = start + datetime.timedelta(days=rng.randrange(max(length, 2)))
        if status == Status.ACTIVE and enrolment.end_date <= today:
            # The trajectory ran its course; staff have not marked it completed yet.
            enrolment.end_date = today + datetime.timedelta(days=rng.randrange(1, 30))
        return trajectory

    def _coaches_of(self, trajectories: list[_Trajectory]) -> None:
        """Some trajectories share the work with a second coach."""
        through = Enrolment.coaches.through
        rows = []
        for t in trajectories:
            if t.enrolment.lead_coach_id and self.rng.random() < 0.15:
                other = self.rng.choice(self.coaches)
                if other.pk != t.enrolment.lead_coach_id:
                    rows.append(through(enrolment_id=t.enrolment.pk, user_id=other.pk))
        self._save(through, rows)

    def _transitions(self) -> None:
        rows: list[tuple[Any, ...]] = []
        for t in self.trajectories:
            e = t.enrolment
            steps: list[tuple[str, str, datetime.datetime, User | None]] = []
            staff = self.rng.choice(self.staff)
            if e.submitted_at:
                steps.append((Status.DRAFT, Status.SUBMITTED, e.submitted_at, t.contacts[0]))
            if e.status in {Status.REJECTED, Status.WAITLISTED} and e.submitted_at:
                later = e.submitted_at + datetime.timedelta(days=self.rng.randrange(5, 30))
                steps.append((Status.SUBMITTED, e.status, min(later, timezone.now()), staff))
            if t.accepted_on:
                steps.append((Status.SUBMITTED, Status.ACCEPTED, _at(t.accepted_on, 14), staff))
            if t.started and e.start_date:
                steps.append((Status.ACCEPTED, Status.ACTIVE, _at(e.start_date, 9), staff))
            if e.status == Status.COMPLETED and e.end_date:
                steps.append((Status.ACTIVE, Status.COMPLETED, _at(e.end_date, 16), staff))
            if t.withdrawn_on:
                before = Status.ACTIVE if t.started else Status.ACCEPTED
                steps.append((before, Status.WITHDRAWN, _at(t.withdrawn_on, 15), staff))
            rows += [(e.pk, str(a), str(b), by.pk if by else None, at) for a, b, at, by in steps]
        self._copy(EnrolmentTransition, ("enrolment", "from_status", "to_status", "by", "at"), rows)

    # Coach time ---------------------------------------------------------------------------

    def _window(self, t: _Trajectory) -> tuple[datetime.date, datetime.date] | None:
        e = t.enrolment
        if not t.started or e.start_date is None or e.end_date is None:
            return None
        end = min(e.end_date, self.today, t.withdrawn_on or self.today)
        return (e.start_date, end) if end >= e.start_date else None

    def _sessions(self) -> None:
        rng = self.rng
        windows = {id(t): w for t in self.trajectories if (w := self._window(t))}
        weights = {
            id(t): max(self._elapsed(t), 0.02) * rng.uniform(0.7, 1.3)
            for t in self.trajectories
            if id(t) in windows
        }
        total_weight = sum(weights.values()) or 1.0
        extra = self._adjustments(weights)
        through = Enrolment.coaches.through
        others: dict[int, list[int]] = defaultdict(list)
        for enrolment_id, user_id in through.objects.values_list("enrolment_id", "user_id"):
            others[enrolment_id].append(user_id)
        alerts: list[BudgetAlert] = []
        fields = (
            "enrolment",
            "coach",
            "date",
            "minutes",
            "activity",
            "mode",
            "participants",
            "mbo_participants",
            "summary",
            "private_notes",
            "follow_up",
            "created_at",
        )

        def rows() -> Iterator[tuple[Any, ...]]:
            for t in self.trajectories:
                window = windows.get(id(t))
                if window is None:
                    continue
                e = t.enrolment
                budget = e.edition.coach_budget_minutes + extra.get(e.pk, 0)
                count = max(1, round(self.size.sessions * weights[id(t)] / total_weight))
                days = (window[1] - window[0]).days + 1
                dates = sorted(
                    self._weekday(
                        window[0] + datetime.timedelta(days=rng.randrange(days)), window[0]
                    )
                    for _ in range(count)
                )
                coach_ids = [c for c in (e.lead_coach_id, *others.get(e.pk, [])) if c]
                used = 0
                for number, day in enumerate(dates):
                    if number == 0:
                        activity, minutes = "intake", 90
                    elif number < 3:
                        activity, minutes = "needs_analysis", 120
                    else:
                        activity = _weighted(rng, ACTIVITY_WEIGHTS)
                        minutes = _weighted(rng, MINUTES_WEIGHTS)
                    if used + minutes > budget:
                        break
                    used += minutes
                    coach_id = coach_ids[0] if rng.random() < 0.8 else rng.choice(coach_ids)
                    participants = rng.randrange(1, 13)
                    yield (
                        e.pk,
                        coach_id,
                        day,
                        minutes,
                        activity,
                        rng.choice(("on_site", "on_site", "on_site", "online", "phone")),
                        participants,
                        rng.randrange(0, participants + 1),
                        SUMMARIES[activity],
                        PRIVATE_NOTE if rng.random() < 0.3 else "",
                        FOLLOW_UP if rng.random() < 0.4 else "",
                        _at(day, 17, rng.randrange(60)),
                    )
                for threshold in (80, 100):
                    if used * 100 >= budget * threshold:
                        alerts.append(
                            BudgetAlert(
                                enrolment=e,
                                threshold=threshold,
                                reached_at=_at(window[1], 17),
                            )
                        )

        sessions = self._copy(CoachingSession, fields, rows())
        self._save(BudgetAlert, alerts)
        self.log(f"coaching sessions: {sessions}")

    def _elapsed(self, t: _Trajectory) -> float:
        """The share of the trajectory behind it (1.0 for a finished one)."""
        window = self._window(t)
        end = t.enrolment.end_date
        if window is None or end is None:
            return 0.0
        return min((window[1] - window[0]).days / max((end - window[0]).days, 1), 1.0)

    @staticmethod
    def _weekday(day: datetime.date, earliest: datetime.date) -> datetime.date:
        """Coaches work on weekdays: a weekend day moves back to the Friday before."""
        if day.weekday() >= 5:
            day -= datetime.timedelta(days=day.weekday() - 4)
        return max(day, earliest)

    def _adjustments(self, started: dict[int, float]) -> dict[int, int]:
        """A few trajectories got extra hours, approved by staff."""
        rows, extra = [], {}
        for t in self.trajectories:
            if id(t) in started and self.rng.random() < 0.03:
                minutes = self.rng.choice((600, 900, 1200))
                day = t.enrolment.start_date or self.today
                approved = self.rng.random() < 0.8
                rows.append(
                    BudgetAdjustment(
                        enrolment=t.enrolment,
                        minutes=minutes,
                        reason="Extra teamsessies voor de tweede vestiging.",
                        requested_by_id=t.enrolment.lead_coach_id,
                        approved_by=self.staff[0] if approved else None,
                        approved_at=_at(day + datetime.timedelta(days=100)) if approved else None,
                        created_at=_at(day + datetime.timedelta(days=95)),
                    )
                )
                if approved:
                    extra[t.enrolment.pk] = minutes
        self._save(BudgetAdjustment, rows)
        return extra

    # The needs analysis and the plan ----------------------------------------------------------

    def _answers(self, level: float, *, sections: int | None = None) -> dict[str, Any]:
        rng = self.rng
        answers: dict[str, Any] = {}
        for section in self.questionnaire.sections[:sections]:
            for question in section.questions:
                if question.kind == "likert":
                    value = round(level + rng.gauss(0, 0.8))
                    value = min(max(value, q.LIKERT_MIN), q.LIKERT_MAX)
                    answers[question.key] = 6 - value if question.reverse else value
                elif question.kind == "choice":
                    answers[question.key] = rng.choice(question.choices).key
                elif question.kind == "multi":
                    limit = question.max_choices or len(question.choices)
                    picked = rng.sample(question.choices, rng.randrange(1, min(limit, 3) + 1))
                    answers[question.key] = sorted(choice.key for choice in picked)
                elif question.required or rng.random() < 0.6:
                    answers[question.key] = rng.choice(TEXT_ANSWERS)
        return answers

    def _analyses_and_plans(self) -> None:
        rng = self.rng
        analyses: list[NeedsAnalysis] = []
        plans: list[DevelopmentPlan] = []
        for t in self.trajectories:
            e = t.enrolment
            if t.accepted_on is None:
                continue
            level = rng.uniform(2.0, 3.6)
            coach = e.lead_coach
            contact = t.contacts[0]
            if not t.started:
                if rng.random() < 0.5:
                    analyses.append(self._analysis(e, "baseline", "draft", level, contact, coach))
                continue
            baseline_status = "reviewed" if rng.random() < 0.88 else "submitted"
            analyses.append(self._analysis(e, "baseline", baseline_status, level, contact, coach))
            plans.append(
                DevelopmentPlan(
                    enrolment=e,
                    goal="Leren wordt een vast onderdeel van het werk, vooral voor onze mbo'ers.",
                )
            )
            elapsed = self._elapsed(t)
            if e.status == Status.COMPLETED:
                analyses.append(
                    self._analysis(
                        e, "final", "reviewed", level + rng.uniform(0, 0.9), contact, coach
                    )
                )
            elif e.status == Status.ACTIVE and elapsed > 0.7 and rng.random() < 0.4:
                status = rng.choice(("draft", "submitted"))
                analyses.append(
                    self._analysis(e, "final", status, level + rng.uniform(0, 0.6), contact, coach)
                )
        self._save(NeedsAnalysis, analyses)
        plans = self._save(DevelopmentPlan, plans)
        actions: list[tuple[Any, ...]] = []
        for plan in plans:
            e = plan.enrolment
            finished = e.status != Status.ACTIVE
            for title, kind, group, institution in rng.sample(ACTIONS, rng.randrange(3, 9)):
                planned = (e.start_date or self.today) + datetime.timedelta(
                    days=rng.randrange(20, 290)
                )
                if finished or planned < self.today:
                    status = rng.choices(("done", "cancelled", "in_progress"), (80, 10, 10))[0]
                else:
                    status = rng.choices(("planned", "in_progress"), (70, 30))[0]
                actions.append(
                    (
                        plan.pk,
                        title,
                        "Afgesproken in de teamsessie met de leidinggevenden.",
                        kind,
                        group,
                        rng.choice(("HR", "Bedrijfsleider", "Ploegleider")),
                        institution,
                        planned,
                        min(planned, self.today) if status == "done" else None,
                        status,
                    )
                )
        fields = (
            "plan",
            "title",
            "description",
            "kind",
            "target_group",
            "owner",
            "training_institution",
            "planned_date",
            "done_date",
            "status",
        )
        self._copy(PlanAction, fields, actions)
        self.log(f"analyses: {len(analyses)}, plans: {len(plans)}, actions: {len(actions)}")

    def _analysis(
        self,
        enrolment: Enrolment,
        kind: str,
        status: str,
        level: float,
        contact: User,
        coach: User | None,
    ) -> NeedsAnalysis:
        sections = len(self.questionnaire.sections)
        complete = status != "draft"
        answers = self._answers(
            level, sections=None if complete else self.rng.randrange(1, sections)
        )
        start = enrolment.start_date or self.today
        day = start if kind == "baseline" else (enrolment.end_date or self.today)
        day = min(day + datetime.timedelta(days=self.rng.randrange(5, 25)), self.today)
        reviewed = status == "reviewed"
        return NeedsAnalysis(
            enrolment=enrolment,
            kind=kind,
            questionnaire_version=self.questionnaire.version,
            answers=answers,
            status=status,
            last_section=self.questionnaire.sections[-1].key if complete else "",
            submitted_by=contact if complete else None,
            submitted_at=_at(day, 12) if complete else None,
            reviewed_by=coach if reviewed else None,
            reviewed_at=_at(day, 16) if reviewed else None,
            learning_question=(
                "Hoe maken we leren op de werkvloer zichtbaar en vanzelfsprekend?"
                if reviewed
                else ""
            ),
            coach_summary=(
                "Sterke vakmensen, weinig structuur in ontwikkeling; leidinggevenden willen."
                if reviewed
                else ""
            ),
        )

    # Learning networks ------------------------------------------------------------------------

    def _networks(self) -> None:
        rng = self.rng
        per_edition = math.ceil(self.size.networks / EDITIONS)
        meetings_per_network = max(1, round(self.size.meetings / self.size.networks))
        networks: list[LearningNetwork] = []
        members_of: dict[int, list[_Trajectory]] = {}
        made = 0
        for edition in self.editions:
            if made >= self.size.networks:
                break
            count = min(per_edition, self.size.networks - made)
            made += count
            members = [
                t
                for t in self.trajectories
                if t.enrolment.edition_id == edition.pk and (t.holds_place or t.started)
            ]
            members.sort(key=lambda t: t.enrolment.company.region_id)
            chunk = max(1, math.ceil(len(members) / count))
            for number in range(count):
                group = members[number * chunk : (number + 1) * chunk]
                region = group[0].enrolment.company.region if group else None
                network = LearningNetwork(
                    edition=edition,
                    name=f"Netwerk {region.name if region else 'Gelderland'} {number + 1}",
                    region=region,
                )
                networks.append(network)
                members_of[id(network)] = group
        networks = self._save(LearningNetwork, networks)
        member_rows, facilitator_rows = [], []
        for network in networks:
            group = members_of[id(network)]
            member_rows += [
                LearningNetwork.members.through(
                    learningnetwork_id=network.pk, enrolment_id=t.enrolment.pk
                )
                for t in group
            ]
            leads = {t.enrolment.lead_coach_id for t in group if t.enrolment.lead_coach_id}
            chosen = sorted(leads)[:2] or [self.coaches[0].pk]
            facilitator_rows += [
                LearningNetwork.facilitators.through(learningnetwork_id=network.pk, user_id=user_id)
                for user_id in chosen
            ]
        self._save(LearningNetwork.members.through, member_rows)
        self._save(LearningNetwork.facilitators.through, facilitator_rows)
        meetings: list[Meeting] = []
        for network in networks:
            group = members_of[id(network)]
            starts = [t.enrolment.start_date for t in group if t.enrolment.start_date]
            first = (
                min(starts)
                if starts
                else network.edition.enrolment_closes + datetime.timedelta(days=30)
            )
            for number in range(meetings_per_network):
                day = first + datetime.timedelta(days=14 + number * 20)
                begins = _at(day, 15, 0)
                host = rng.choice(group).enrolment.company if group else None
                online = rng.random() < 0.2
                meetings.append(
                    Meeting(
                        network=network,
                        theme=THEMES[number % len(THEMES)],
                        starts_at=begins,
                        ends_at=begins + datetime.timedelta(hours=2, minutes=30),
                        location=""
                        if online or host is None
                        else f"{host.street_address}, {host.city}",
                        online_url="https://meet.example.nl/netwerk"
                        if online or host is None
                        else "",
                        agenda="Opening, ervaringen delen, thema, afspraken.",
                        capacity=rng.randrange(20, 36),
                        host_company=None if online else host,
                        report="Goede opkomst; afspraak om bij elkaar in de keuken te kijken."
                        if day < self.today
                        else "",
                        reminded_at=(
                            begins - datetime.timedelta(days=2) if day < self.today else None
                        ),
                    )
                )
        meetings = self._save(Meeting, meetings)
        self._registrations(meetings, members_of, networks)
        self.log(f"networks: {len(networks)}, meetings: {len(meetings)}")

    def _registrations(
        self,
        meetings: list[Meeting],
        members_of: dict[int, list[_Trajectory]],
        networks: list[LearningNetwork],
    ) -> None:
        rng = self.rng
        by_pk = {network.pk: members_of[id(network)] for network in networks}
        registrations: list[tuple[Any, ...]] = []
        experiences: list[Experience] = []
        for meeting in meetings:
            past = meeting.starts_at < timezone.now()
            taken = 0
            for t in by_pk[meeting.network_id]:
                if rng.random() > 0.7:
                    continue
                names: set[str] = set()
                for _person in range(rng.randrange(1, 4)):
                    cancelled = rng.random() < 0.05
                    full = taken >= meeting.capacity
                    status = "cancelled" if cancelled else ("waitlisted" if full else "registered")
                    name = self._name()
                    if name in names:  # one person is registered once for a meeting
                        continue
                    names.add(name)
                    taken += status == "registered"
                    registrations.append(
                        (
                            meeting.pk,
                            t.enrolment.pk,
                            name,
                            rng.choice(("Monteur", "Ploegleider", "Planner", "HR", "Operator")),
                            rng.random() < 0.65,
                            status,
                            (rng.random() < 0.88) if past and status == "registered" else None,
                            t.contacts[0].pk,
                            meeting.starts_at - datetime.timedelta(days=rng.randrange(3, 25)),
                        )
                    )
                if past and rng.random() < 0.08:
                    experiences.append(
                        Experience(
                            network_id=meeting.network_id,
                            meeting=meeting,
                            enrolment=t.enrolment,
                            author=t.contacts[0],
                            body="Wij zijn gestart met vaste leermomenten in de werkplaats.",
                            created_at=meeting.ends_at + datetime.timedelta(days=1),
                        )
                    )
        fields = (
            "meeting",
            "enrolment",
            "name",
            "role",
            "is_mbo",
            "status",
            "attended",
            "registered_by",
            "created_at",
        )
        self._copy(Registration, fields, registrations)
        # What the registration services keep, for every meeting at once.
        attendance_open_refresh(meeting_ids=Meeting.objects.values_list("pk", flat=True))
        self._save(Experience, experiences)
        self.log(f"registrations: {len(registrations)}, experiences: {len(experiences)}")

    # Invoices --------------------------------------------------------------------------------

    def _invoices(self) -> None:
        rng, today = self.rng, self.today
        issuer = IssuerDetails.objects.create(
            key=1,
            legal_name="Vereniging VNO-NCW Midden",
            street_address="Stationsplein 12",
            postcode="6811 KL",
            city="Arnhem",
            kvk_number="40117042",
            vat_number="NL001234560B01",
            iban="NL91ABNA0417164300",
            bic="ABNANL2A",
            email="facturen@vnoncwmidden.bench.test",
        )
        invoiced = [t for t in self.trajectories if t.accepted_on is not None]
        # (document, issue date or None for a draft); credit notes right after their invoice.
        documents: list[tuple[Invoice, datetime.date | None]] = []
        originals: list[tuple[Invoice, _Trajectory, datetime.date]] = []
        for t in invoiced:
            assert t.accepted_on is not None
            issued = t.accepted_on + datetime.timedelta(days=rng.randrange(1, 8))
            invoice = self._invoice(t.enrolment, Invoice.Kind.INVOICE)
            if issued > today or (t.enrolment.edition.is_open and rng.random() < 0.15):
                documents.append((invoice, None))  # still a draft
                continue
            documents.append((invoice, issued))
            originals.append((invoice, t, issued))
        credit_notes = sum(1 for _i, t, _d in originals if t.withdrawn_on)
        corrections = max(0, (self.size.invoices - len(documents) - credit_notes) // 2)
        correctable = [
            row
            for row in originals
            if not row[1].withdrawn_on and row[2] + datetime.timedelta(days=20) < today
        ]
        corrected = {
            id(row[0]) for row in rng.sample(correctable, min(corrections, len(correctable)))
        }
        payable: list[tuple[Invoice, datetime.date]] = []
        for invoice, t, issued in originals:
            if t.withdrawn_on:
                day = max(t.withdrawn_on, issued)
                documents.append((self._credit_note(invoice, "Het traject is ingetrokken."), day))
            elif id(invoice) in corrected:
                day = issued + datetime.timedelta(days=rng.randrange(3, 15))
                reason = "Het inkoopordernummer ontbrak; vervangen door een nieuwe factuur."
                documents.append((self._credit_note(invoice, reason), day))
                replacement = self._invoice(t.enrolment, Invoice.Kind.INVOICE)
                replacement.po_reference = f"PO-{rng.randrange(10_000, 99_999)}"
                documents.append((replacement, day))
                payable.append((replacement, day))
            else:
                payable.append((invoice, issued))
        with translation.override(settings.LANGUAGE_CODE):
            self._number(documents, issuer)
        # Credit notes point at their invoice, so invoices go in first.
        self._save(Invoice, [d for d, _day in documents if d.kind == Invoice.Kind.INVOICE])
        for document, _day in documents:
            if document.credited_invoice is not None:
                document.credited_invoice_id = document.credited_invoice.pk
        self._save(Invoice, [d for d, _day in documents if d.kind == Invoice.Kind.CREDIT_NOTE])
        self._payments(payable)
        self.log(f"invoices and credit notes: {len(documents)}")

    def _invoice(self, enrolment: Enrolment, kind: str) -> Invoice:
        edition = enrolment.edition
        net = edition.contribution
        vat = (net * edition.vat_rate / Decimal(100)).quantize(Decimal("0.01"))
        return Invoice(
            kind=kind,
            enrolment=enrolment,
            description=(
                f"Eigen bijdrage Leercultuur MKB, {edition.name}: een traject van "
                f"{edition.trajectory_months} maanden over een leven lang leren"
            ),
            net_amount=net,
            vat_category=edition.vat_category,
            vat_rate=edition.vat_rate,
            vat_amount=vat,
            total_amount=net + vat,
            po_reference=enrolment.po_reference,
        )

    def _credit_note(self, invoice: Invoice, reason: str) -> Invoice:
        credit = self._invoice(invoice.enrolment, Invoice.Kind.CREDIT_NOTE)
        credit.credited_invoice = invoice
        credit.description = f"Creditering: {invoice.description}"[:300]
        credit.reason = reason
        credit.po_reference = invoice.po_reference
        return credit

    def _number(
        self, documents: list[tuple[Invoice, datetime.date | None]], issuer: IssuerDetails
    ) -> None:
        """Number every issued document in its year's series, in date order, without gaps;
        the counter of each year ends at its last number, as the service leaves it."""
        issued = [(doc, day) for doc, day in documents if day is not None]
        # Stable: on the same day, a credit note comes right after the invoice before it.
        issued.sort(key=lambda row: row[1])
        last: dict[int, int] = defaultdict(int)
        for invoice, day in issued:
            last[day.year] += 1
            self._issue(invoice, day, last[day.year], issuer)
        for draft, when in documents:
            if when is None:
                draft.created_at = timezone.now()
        InvoiceCounter.objects.bulk_create(
            [InvoiceCounter(year=year, last_number=n) for year, n in sorted(last.items())]
        )
        self.counts[InvoiceCounter._meta.label] += len(last)

    def _issue(
        self, invoice: Invoice, day: datetime.date, sequence: int, issuer: IssuerDetails
    ) -> None:
        e = invoice.enrolment
        company = e.company
        invoice.year, invoice.sequence = day.year, sequence
        invoice.number = f"{day.year}-{sequence:04d}"
        invoice.issue_date = day
        invoice.due_date = day if invoice.is_credit_note else day + datetime.timedelta(days=30)
        invoice.issued_at = _at(day, 10, self.rng.randrange(60))
        invoice.created_at = invoice.issued_at - datetime.timedelta(hours=2)
        invoice.issued_by = self.staff[0]
        if e.start_date and e.end_date:
            invoice.period_start, invoice.period_end = e.start_date, e.end_date
        else:
            months = e.edition.trajectory_months
            invoice.period_start = day
            invoice.period_end = add_months(day, months) - datetime.timedelta(days=1)
        invoice.supply_date = invoice.period_start
        for field in ("legal_name", "street_address", "postcode", "city", "kvk_number"):
            setattr(invoice, f"seller_{field}", getattr(issuer, field))
            setattr(invoice, f"buyer_{field}", getattr(company, field))
        invoice.seller_vat_number = issuer.vat_number
        invoice.seller_iban, invoice.seller_bic = issuer.iban, issuer.bic
        invoice.seller_email = issuer.email
        invoice.buyer_vat_number = company.vat_number
        invoice.buyer_email = company.billing_email
        invoice.buyer_contact = company.billing_contact
        invoice.ubl_xml = build_ubl(
            invoice,
            exemption_text=vat_wording(invoice.vat_category),
            payment_terms="" if invoice.is_credit_note else payment_terms_text(invoice),
        ).decode()
        invoice.pdf_status = Invoice.DocumentStatus.DONE
        invoice.pdf_rendered_at = invoice.issued_at + datetime.timedelta(minutes=1)

    def _payments(self, payable: list[tuple[Invoice, datetime.date]]) -> None:
        rng, today = self.rng, self.today
        payments: list[Payment] = []
        reminders: list[Reminder] = []
        for invoice, issued in payable:
            due = issued + datetime.timedelta(days=30)
            roll = rng.random()
            if (due < today and roll < 0.90) or (due >= today and roll < 0.45):
                paid_on = min(issued + datetime.timedelta(days=rng.randrange(5, 40)), today)
                payments.append(self._payment(invoice, invoice.total_amount, paid_on))
                continue
            if roll < 0.94 and due < today:  # half now, the rest later (or not yet)
                paid_on = min(issued + datetime.timedelta(days=rng.randrange(5, 25)), today)
                payments.append(self._payment(invoice, Decimal("1000.00"), paid_on))
            for sequence, after in ((1, 1), (2, 15)):
                day = due + datetime.timedelta(days=after)
                if day <= today:
                    reminders.append(
                        Reminder(
                            invoice=invoice,
                            sequence=sequence,
                            created_at=_at(day, 6),
                        )
                    )
        self._save(Payment, payments)
        self._save(Reminder, reminders)
        self._mark_settled()
        self.log(f"payments: {len(payments)}, reminders: {len(reminders)}")

    def _mark_settled(self) -> None:
        """What payment_record and credit_note_issue do one by one: mark the invoices that
        payments and credit notes cover as settled."""
        issued = Invoice.objects.filter(kind=Invoice.Kind.INVOICE, issued_at__isnull=False)
        covered = with_balances(issued).filter(Q(outstanding__lte=0)).values("pk")
        Invoice.objects.filter(pk__in=covered).update(settled_at=timezone.now())

    def _payment(self, invoice: Invoice, amount: Decimal, paid_on: datetime.date) -> Payment:
        return Payment(
            invoice=invoice,
            amount=amount,
            paid_on=paid_on,
            reference=f"NL{self.rng.randrange(10**9, 10**10)}",
            recorded_by=self.staff[1 % len(self.staff)],
            recorded_at=_at(paid_on + datetime.timedelta(days=1), 9),
        )
