"""No company sees another's data, no coach a company not assigned to them (DESIGN §5).

Every URL of the URLconf has a row in tests/leercultuur/matrix.py saying what each role
gets, for its own company's object and for the other company's. Each role then asks for
every URL over the world of tests/leercultuur/world.py, with a GET and an empty POST, in
a savepoint rolled back after each request; a request that is refused must not have
written anything, and a GET never writes. Django's admin and allauth's pages are checked
separately below.
"""

import datetime
import html
import importlib
from collections.abc import Iterator

import pytest
from django.conf import settings as project_settings
from django.test import Client
from django.urls import clear_url_caches, reverse
from django.utils import timezone
from pytest_django import Settings

import leercultuur.urls
from coaching.models import Coach, CoachingSession
from companies.services import enrolment_assign_coach
from networks.models import Experience, Meeting, Registration
from tests.conftest import client_for
from tests.factories import CoachFactory
from tests.leercultuur.matrix import (
    ENDED_ROLES,
    MATRIX,
    NOT_OF_AN_ENROLMENT,
    OBJECTS,
    OF_AN_ENROLMENT,
    REFUSED,
    ROUTED_WHEN,
    Answer,
    acting_as,
    all_patterns,
    ask,
    cases,
    is_admin,
    project_patterns,
    routed_rows,
)
from tests.leercultuur.urlwalk import all_routes
from tests.leercultuur.world import ROLES, World

pytestmark = pytest.mark.django_db
# Anonymous redirects that are not the way to the login page.
NOT_A_LOGIN_REDIRECT = {"set_language"}


def test_every_url_is_in_the_matrix() -> None:
    patterns = project_patterns()
    unnamed = sorted(p.route for p in patterns if p.name is None)
    assert not unnamed, f"name these URL patterns, then add them to the matrix: {unnamed}"
    names = {p.name for p in patterns if p.name}
    missing = sorted(names - set(MATRIX))
    assert not missing, "\n".join(
        f"add {name} to the matrix in tests/leercultuur/matrix.py" for name in missing
    )
    switched_off = {
        name for name, setting in ROUTED_WHEN.items() if not getattr(project_settings, setting)
    }
    gone = sorted(set(MATRIX) - names - switched_off)
    assert not gone, "\n".join(
        f"{name} is in the matrix but no longer in the URLconf: remove it" for name in gone
    )


def test_matrix_rows_are_well_formed() -> None:
    for name, row in MATRIX.items():
        assert row.on is None or row.on in OBJECTS, f"{name}: unknown object {row.on!r}"
        cells = [*row.get, *(row.post or ())]
        statuses = {c for cell in cells for c in (cell if isinstance(cell, tuple) else (cell,))}
        assert statuses <= {200, 302, 404, 405}, f"{name}: {statuses}"


def test_no_role_is_expected_to_reach_another_companys_object() -> None:
    """Guards the table itself: only pages public by their secret token may say so."""
    for name, row in MATRIX.items():
        if row.on is None or row.get[ROLES.index("anonymous")] == 200:
            continue
        for role in ("contact", "other_contact", "coach", "other_coach"):
            index = ROLES.index(role)
            for cell in (row.get[index], (row.post or row.get)[index]):
                other = cell if isinstance(cell, int) else cell[1]
                assert other in {404, 405}, f"{name}: {role} reaches the other company's object"


@pytest.mark.parametrize("role", ROLES)
def test_role_gets_what_the_matrix_says(world: World, role: str) -> None:
    wrong = walk(world, role, routed_rows())
    assert not wrong, "\n".join(wrong)


def test_every_object_is_known_to_be_of_an_enrolment_or_not() -> None:
    """The ended roles' cells depend on it: a new kind of object must be placed."""
    assert set(OBJECTS) == OF_AN_ENROLMENT | NOT_OF_AN_ENROLMENT
    assert not OF_AN_ENROLMENT & NOT_OF_AN_ENROLMENT


@pytest.mark.parametrize("role", ENDED_ROLES)
def test_access_ends_with_the_coachs_role(world: World, role: str) -> None:
    """A's coach made inactive, or taken off A's enrolment: from the next request on."""
    coach = world.users["coach"]
    assert coach is not None
    if role == "inactive_coach":
        Coach.objects.filter(user=coach).update(is_active=False)
    else:
        successor = CoachFactory.create().user
        staff = world.users["staff"]
        assert staff is not None
        enrolment_assign_coach(enrolment=world.a.enrolment, coach=successor, by=staff)
    wrong = walk(world, role, routed_rows())
    assert not wrong, "\n".join(wrong)


@pytest.fixture
def switched_on(settings: Settings) -> Iterator[None]:
    """The URLconf as it is with every ROUTED_WHEN setting on."""
    before = {setting: getattr(settings, setting) for setting in ROUTED_WHEN.values()}
    for setting in before:
        setattr(settings, setting, True)
    importlib.reload(leercultuur.urls)
    clear_url_caches()
    yield
    for setting, value in before.items():
        setattr(settings, setting, value)
    importlib.reload(leercultuur.urls)
    clear_url_caches()


@pytest.mark.usefixtures("switched_on")
def test_urls_routed_by_a_setting_get_what_the_matrix_says(world: World) -> None:
    assert set(ROUTED_WHEN) <= set(routed_rows())
    wrong = [problem for role in ROLES for problem in walk(world, role, list(ROUTED_WHEN))]
    assert not wrong, "\n".join(wrong)


def walk(world: World, role: str, names: list[str]) -> list[str]:
    """Every way the role's answers differ from the matrix, for these URLs."""
    client = world.client(acting_as(role))
    login = reverse("account_login")
    wrong = []
    for name in names:
        for case in cases(world, role, name):
            for method, expected in (("GET", case.get), ("POST", case.post)):
                answer = ask(client, method, case.path)
                if problem := _problem(role, name, method, expected, answer, login):
                    wrong.append(f"{role} {method} {case.label} {case.path}: {problem}")
    return wrong


def _problem(
    role: str, name: str, method: str, expected: int, answer: Answer, login: str
) -> str | None:
    if answer.status != expected:
        return f"answered {answer.status}, the matrix says {expected}"
    if (
        role == "anonymous"
        and expected == 302
        and name not in NOT_A_LOGIN_REDIRECT
        and not answer.location.startswith(login)
    ):
        return f"redirected to {answer.location}, not to the login page"
    refused = role == "anonymous" or expected in REFUSED
    if answer.writes and (method == "GET" or refused):
        return f"{'a GET' if method == 'GET' else 'refused, yet it'} wrote: {answer.writes}"
    return None


# --- Forms that name another company's object ---------------------------------------------------


def test_forms_refuse_another_companys_objects(world: World) -> None:
    """The empty POSTs above name no objects: these name the other company's in the form,
    next to the same form naming one's own, which must work (or the test proves nothing)."""
    a, b = world.a, world.b
    coach, contact = world.client("coach"), world.client("contact")
    # Both meetings under way, so attendance and check-in are open.
    start = timezone.now() - datetime.timedelta(minutes=30)
    Meeting.objects.update(starts_at=start, ends_at=start + datetime.timedelta(hours=2))

    # A session for a company the coach is not assigned to.
    session = {
        "date": timezone.localdate().isoformat(),
        "minutes": 60,
        "activity": CoachingSession.Activity.CONVERSATION,
        "mode": CoachingSession.Mode.ON_SITE,
        "participants": 1,
        "mbo_participants": 0,
    }
    for side in (a, b):
        coach.post(reverse("session_create"), {**session, "enrolment": side.enrolment.public_id})
    assert CoachingSession.objects.filter(enrolment=a.enrolment).count() == 2
    assert CoachingSession.objects.filter(enrolment=b.enrolment).count() == 1

    # Attendance at one's own meeting, ticking another meeting's registration too.
    ticked = [str(a.registration.public_id), str(b.registration.public_id)]
    coach.post(reverse("attendance_update", args=[a.meeting.public_id]), {"present": ticked})
    assert Registration.objects.get(pk=a.registration.pk).attended is True
    assert Registration.objects.get(pk=b.registration.pk).attended is not True

    # An experience in one's own network about another network's meeting.
    for side in (a, b):
        contact.post(
            reverse("network_detail", args=[a.network.public_id]),
            {"body": "Wat wij leerden", "meeting": str(side.meeting.public_id)},
        )
    assert Experience.objects.filter(meeting=a.meeting).count() == 1
    assert not Experience.objects.filter(meeting=b.meeting).exists()

    # Checking in at A's door under company B's registration.
    Registration.objects.filter(pk=a.registration.pk).update(attended=None)
    for side in (b, a):
        Client().post(
            reverse("checkin", args=[a.meeting.checkin_token]),
            {"company": side.company.legal_name, "name": side.registration.name},
        )
    assert Registration.objects.get(pk=a.registration.pk).attended is True
    assert Registration.objects.get(pk=b.registration.pk).attended is not True
    assert not Registration.objects.filter(meeting=a.meeting, enrolment=b.enrolment).exists()


def test_companies_sharing_a_network_keep_their_own_things(world: World) -> None:
    """Members of one network see its pages, never each other's registrations."""
    a, b = world.a, world.b
    a.network.members.add(b.enrolment)
    other_contact = world.client("other_contact")

    assert (
        other_contact.get(reverse("network_detail", args=[a.network.public_id])).status_code == 200
    )
    meeting = reverse("meeting_detail", args=[a.meeting.public_id])
    registered = html.escape(a.registration.name)
    assert registered in world.client("contact").get(meeting).content.decode()
    page = other_contact.get(meeting)
    assert page.status_code == 200
    assert registered not in page.content.decode()
    for name, public_id in (
        ("registration_cancel", a.registration.public_id),
        ("experience_delete", a.experience.public_id),
        ("attendance_update", a.meeting.public_id),
    ):
        answer = ask(other_contact, "POST", reverse(name, args=[public_id]))
        assert (answer.status, answer.writes) == (404, []), name
    # The coach of B does not facilitate A's network, whoever its members are.
    other_coach = world.client("other_coach")
    assert other_coach.get(reverse("network_detail", args=[a.network.public_id])).status_code == 404


def test_coaches_private_notes_never_reach_the_company(world: World) -> None:
    a = world.a
    note = a.session.private_notes
    sessions = reverse("enrolment_sessions", args=[a.enrolment.public_id])
    assert note in world.client("coach").get(sessions).content.decode()
    contact = world.client("contact")
    for path in (
        sessions,
        reverse("enrolment_sessions_csv", args=[a.enrolment.public_id]),
        reverse("enrolment_detail", args=[a.enrolment.public_id]),
        reverse("company_dashboard"),
        reverse("privacy_download"),
    ):
        response = contact.get(path)
        assert response.status_code == 200, path
        assert note not in response.content.decode(), path


# --- Django's admin: staff only -----------------------------------------------------------------


def test_staff_open_the_admin(world: World) -> None:
    staff = world.client("staff")
    for name in ("admin:index", *CHANGELISTS):
        assert staff.get(reverse(name)).status_code == 200, name


CHANGELISTS = (
    "admin:accounts_user_changelist",
    "admin:companies_enrolment_changelist",
    "admin:coaching_coachingsession_changelist",
    "admin:invoicing_invoice_changelist",
    "admin:reports_report_changelist",
)


@pytest.mark.parametrize("role", ["anonymous", "plain", "contact", "coach"])
def test_every_admin_url_sends_everyone_but_staff_to_sign_in(world: World, role: str) -> None:
    """All of them, custom admin views included: one not wrapped in admin_view would show."""
    client = world.client(role)
    admin_login = reverse("admin:login")
    admin_names = {p.name for p in all_patterns() if is_admin(p)}
    routes = [r for r in all_routes() if r.name in admin_names]
    assert {"admin:index", *CHANGELISTS} <= {r.name for r in routes}
    wrong = []
    for route in routes:
        if route.name in {"admin:login", "admin:logout"}:
            continue
        answer = ask(client, "GET", route.path)
        if answer.status != 302 or not answer.location.startswith(admin_login):
            wrong.append(f"{route.name} {route.path}: {answer.status} {answer.location}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("role", ["plain", "contact", "coach"])
def test_admin_login_refuses_signed_in_non_staff(world: World, role: str) -> None:
    assert world.client(role).get(reverse("admin:login")).status_code == 403


def test_admin_login_is_allauths_login() -> None:
    """The admin has no login form of its own: allauth's rate limits and MFA apply."""
    response = Client().get(reverse("admin:login"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))

    # Posting credentials to the admin's address signs no one in.
    response = Client().post(
        reverse("admin:login"), {"username": "staf@vnoncwmidden.nl", "password": "x"}
    )
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


# --- allauth's pages: a handful ----------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["account_login", "account_signup", "account_reset_password", "account_inactive"]
)
def test_allauth_public_pages_serve_anonymous_visitors(name: str) -> None:
    assert Client().get(reverse(name)).status_code == 200


@pytest.mark.parametrize(
    "name", ["account_email", "account_change_password", "mfa_index", "mfa_activate_totp"]
)
def test_allauth_account_pages_need_a_login(name: str) -> None:
    response = Client().get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("role", ["plain", "contact", "coach", "staff"])
def test_allauth_account_pages_serve_every_signed_in_user(world: World, role: str) -> None:
    client = world.client(role)
    for name in ("account_email", "account_change_password", "mfa_index"):
        assert client.get(reverse(name)).status_code == 200, name


def test_a_signed_in_user_is_sent_on_from_the_login_page(contact: object) -> None:
    response = client_for(contact).get(reverse("account_login"))  # type: ignore[arg-type]
    assert response.status_code == 302
