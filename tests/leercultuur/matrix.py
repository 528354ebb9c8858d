"""The authorization matrix: for every URL of the portal, what each role gets.

One row per named URL (Django's admin and allauth's own pages aside: they have their own
checks in test_authorization_matrix.py). The columns are the roles of world.py:

    anonymous  plain  contact  other_contact  coach  other_coach  staff

A cell is the status of a GET; ``post=`` gives those of an empty POST where they differ
(the GET's otherwise). For a URL that names an object (``on``, one of ``OBJECTS``), a cell
``(own, other)`` gives the status for the role's own company's object and for the other
company's; a single number means the same for both. "Own" is company A's object for
contact and coach, B's for other_contact and other_coach, and A's for everyone else
(staff, plain, anonymous, who belong to neither). ``OWN`` is the usual cell: the page for
one's own, a 404 for anyone else's; ``DONE`` the same for a POST that does its work.

The test fails for a URL missing here, and for a row whose URL no longer exists (rows in
``ROUTED_WHEN`` are checked with their setting switched on).

Two more roles have no column: A's coach after the role ended (``ENDED_ROLES``). What they
get follows from the columns, so every URL, including one added later, is covered.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.http.response import HttpResponseBase
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from companies.questionnaire import get_questionnaire
from tests.leercultuur.world import ROLES, Side, World

type Cell = int | tuple[int, int]

OWN = (200, 404)
# An empty POST that does its work (delete, cancel, renew, request) and redirects.
DONE = (302, 404)
# A POST-only URL of an object, asked with a GET: not allowed for one's own, not found else.
NOT_GET = (405, 404)
# Refusals: not found (another's object, or not for this role) and wrong method. Neither may
# change anything; nor may the anonymous visitor's redirect to the login page.
REFUSED = frozenset({404, 405})


@dataclass(frozen=True)
class Row:
    on: str | None
    get: tuple[Cell, ...]
    post: tuple[Cell, ...] | None


def R(on: str | None, *get: Cell, post: tuple[Cell, ...] | None = None) -> Row:
    assert len(get) == len(ROLES), f"{len(get)} cells for {len(ROLES)} roles"
    assert post is None or len(post) == len(ROLES), "post= needs a cell per role"
    return Row(on, get, post)


# How a row's ``on`` fills the URL's arguments from one company's objects.
FIRST_SECTION = get_questionnaire().section_keys()[0]
OBJECTS: dict[str, Callable[[Side], dict[str, Any]]] = {
    "enrolment": lambda s: {"public_id": s.enrolment.public_id},
    "extra_hours": lambda s: {"public_id": s.extra_hours.public_id},
    "draft": lambda s: {"public_id": s.draft.public_id},
    "draft_analysis_start": lambda s: {"public_id": s.draft.public_id, "kind": "baseline"},
    "analysis": lambda s: {"public_id": s.analysis.public_id},
    "draft_analysis": lambda s: {"public_id": s.draft_analysis.public_id},
    "draft_analysis_section": lambda s: {
        "public_id": s.draft_analysis.public_id,
        "section_key": FIRST_SECTION,
    },
    "action": lambda s: {"public_id": s.action.public_id},
    "session": lambda s: {"public_id": s.session.public_id},
    "network": lambda s: {"public_id": s.network.public_id},
    "meeting": lambda s: {"public_id": s.meeting.public_id},
    "checkin": lambda s: {"token": s.meeting.checkin_token},
    "registration": lambda s: {"public_id": s.registration.public_id},
    "document": lambda s: {"public_id": s.document.public_id},
    "experience": lambda s: {"public_id": s.experience.public_id},
    "story": lambda s: {"public_id": s.story.public_id},
    "invoice": lambda s: {"public_id": s.invoice.public_id},
    "report": lambda s: {"public_id": s.report.public_id},
    "province_report": lambda s: {"public_id": s.province_report.public_id},
    "invitation": lambda s: {"token": s.invitation.token},
    "invitation_by_id": lambda s: {"public_id": s.invitation.public_id},
    "feed": lambda s: {"token": s.feed.token},
    "participant": lambda s: {"public_id": s.participant.public_id},
    "participation": lambda s: {
        "public_id": s.action.public_id,
        "participant_id": s.participant.public_id,
    },
    "survey": lambda s: {"public_id": s.survey.public_id},
    "survey_open_kind": lambda s: {"public_id": s.enrolment.public_id, "kind": "baseline"},
    "survey_link": lambda s: {"token": s.survey.company_token},
    "survey_personal_link": lambda s: {"token": s.survey_token},
    "failed_mail": lambda s: {"public_id": s.failed_mail.public_id},
    "note": lambda s: {"public_id": s.note.public_id},
}

# A page for everyone, signed in or not: read only.
PUBLIC = Row(None, (200,) * len(ROLES), (405,) * len(ROLES))

# fmt: off
MATRIX: dict[str, Row] = {
    # name, on, then a cell per role: anonymous plain contact other_contact coach other_coach staff
    # The public home for a visitor; a signed-in user goes on to the dashboard of their role.
    "home":                   R(None,                     200, 302, 302, 302, 302, 302, 302,
                                post=(405, 302, 302, 302, 302, 302, 302)),
    "bench_minimal":          R(None,                     302, 200, 200, 200, 200, 200, 200),
    "welcome":                R(None,                     302, 200, 200, 200, 200, 200, 200),
    "set_language":           R(None,                     302, 302, 302, 302, 302, 302, 302),
    "healthz":                R(None,                     200, 200, 200, 200, 200, 200, 200,
                                post=(405, 405, 405, 405, 405, 405, 405)),
    # website: the public results, stories and library; a story's consent page
    "public_results":         R(None,                     200, 200, 200, 200, 200, 200, 200,
                                post=(405, 405, 405, 405, 405, 405, 405)),
    "story_list":             R(None,                     200, 200, 200, 200, 200, 200, 200,
                                post=(405, 405, 405, 405, 405, 405, 405)),
    "story_detail":           R("story",                  200, 200, 200, 200, 200, 200, 200,
                                post=(405, 405, 405, 405, 405, 405, 405)),
    "library":                R(None,                     200, 200, 200, 200, 200, 200, 200,
                                post=(405, 405, 405, 405, 405, 405, 405)),
    "story_consent":          R("story",                  302, 404, OWN, OWN, OWN, OWN, 200,
                                post=(302, 404, DONE, DONE, 404, 404, 404)),
    "programme_css":          R(None,                     200, 200, 200, 200, 200, 200, 200,
                                post=(405, 405, 405, 405, 405, 405, 405)),
    # The world has no logo: the address answers 404 for everyone, as it does then.
    "programme_logo":         R(None,                     404, 404, 404, 404, 404, 404, 404,
                                post=(405, 405, 405, 405, 405, 405, 405)),
    "privacy":                R(None,                     302, 200, 200, 200, 200, 200, 200,
                                post=(302, 405, 405, 405, 405, 405, 405)),
    "privacy_download":       R(None,                     302, 200, 200, 200, 200, 200, 200,
                                post=(302, 405, 405, 405, 405, 405, 405)),
    # companies: the company's own pages, the enrolment form, the analysis and the plan
    "company_dashboard":      R(None,                     302, 404, 200, 200, 404, 404, 404),
    "invitation_send":        R(None,                     302, 404, 200, 200, 404, 404, 404),
    "company_access":         R(None,                     302, 404, 200, 200, 404, 404, 404),
    # POST only; another company's invitation is a 404 whatever the method.
    "invitation_resend":      R("invitation_by_id",       302, 404, NOT_GET, NOT_GET, 404, 404, 404,
                                post=(302, 404, DONE, DONE, 404, 404, 404)),
    "invitation_revoke":      R("invitation_by_id",       302, 404, NOT_GET, NOT_GET, 404, 404, 404,
                                post=(302, 404, DONE, DONE, 404, 404, 404)),
    "company_change":         R(None,                     302, 404, 200, 200, 404, 404, 404),
    # people: a company's participants, kept by its contacts and coaches
    "participant_list":       R("enrolment",              302, 404, OWN, OWN, OWN, OWN, 200),
    "participant_edit":       R("participant",            302, 404, OWN, OWN, OWN, OWN, 200),
    "participant_erase":      R("participant",            302, 404, OWN, OWN, OWN, OWN, 200,
                                post=(302, 404, DONE, DONE, DONE, DONE, 302)),
    "ambassador_activities":  R("participant",            302, 404, OWN, OWN, OWN, OWN, 200),
    "action_participants":    R("action",                 302, 404, OWN, OWN, OWN, OWN, 404),
    "action_participant_edit": R("participation",         302, 404, OWN, OWN, OWN, OWN, 404),
    "action_participant_remove": R("participation",       302, 404, OWN, OWN, OWN, OWN, 404,
                                post=(302, 404, DONE, DONE, DONE, DONE, 404)),
    # surveys: the contact keeps the team survey's links; results also for coaches and staff
    "survey_open":            R("survey_open_kind",       302, 404, OWN, OWN, 404, 404, 404,
                                post=(302, 404, DONE, DONE, 404, 404, 404)),
    "survey_detail":          R("survey",                 302, 404, OWN, OWN, 404, 404, 404),
    "survey_poster":          R("survey",                 302, 404, OWN, OWN, 404, 404, 404),
    "survey_invite":          R("survey",                 302, 404, 405, 405, 404, 404, 404,
                                post=(302, 404, DONE, DONE, 404, 404, 404)),
    "survey_close":           R("survey",                 302, 404, 405, 405, 404, 404, 404,
                                post=(302, 404, DONE, DONE, 404, 404, 404)),
    "survey_results":         R("survey",                 302, 404, OWN, OWN, OWN, OWN, 200),
    # Public by design: the respondent has no account; the token in the URL is the key.
    "survey_thanks":          R(None,                     200, 200, 200, 200, 200, 200, 200),
    "survey_company":         R("survey_link",            200, 200, 200, 200, 200, 200, 200),
    "survey_personal":        R("survey_personal_link",   200, 200, 200, 200, 200, 200, 200),
    # An empty POST is refused with the form again: accepting asks the colleague's name.
    "invitation_accept":      R("invitation",             302, OWN, 404, 404, 404, 404, 404),
    "enrolment_start":        R(None,                     302, 200, 200, 200, 404, 404, 404),
    "enrolment_detail":       R("enrolment",              302, 404, OWN, OWN, OWN, OWN, 200),
    # The world's companies were sent in: their details are shown, not changed, so an
    # empty POST passes them on unchanged to the next step.
    "enrolment_company":      R("draft",                  302, 404, OWN, OWN, 404, 404, 404,
                                post=(302, 404, DONE, DONE, 404, 404, 404)),
    "enrolment_billing":      R("draft",                  302, 404, OWN, OWN, 404, 404, 404,
                                post=(302, 404, DONE, DONE, 404, 404, 404)),
    "enrolment_submit":       R("draft",                  302, 404, OWN, OWN, 404, 404, 404),
    "analysis_start":         R("draft_analysis_start",   302, 404, OWN, OWN, 404, 404, 404),
    "analysis_section":       R("draft_analysis_section", 302, 404, OWN, OWN, 404, 404, 404),
    "analysis_submit":        R("draft_analysis",         302, 404, OWN, OWN, 404, 404, 404),
    "analysis_detail":        R("analysis",               302, 404, OWN, OWN, OWN, OWN, 200),
    "analysis_review":        R("analysis",               302, 404, 404, 404, OWN, OWN, 200),
    "plan_detail":            R("enrolment",              302, 404, OWN, OWN, OWN, OWN, 404),
    "plan_action_edit":       R("action",                 302, 404, OWN, OWN, OWN, OWN, 404),
    "plan_action_delete":     R("action",                 302, 404, OWN, OWN, OWN, OWN, 404,
                                post=(302, 404, DONE, DONE, DONE, DONE, 404)),
    # coaching: the coach's pages and the hours of an enrolment
    "coach_dashboard":        R(None,                     302, 404, 404, 404, 200, 200, 404),
    "coach_week":             R(None,                     302, 404, 404, 404, 200, 200, 404),
    "coach_hours_csv":        R(None,                     302, 404, 404, 404, 200, 200, 404),
    "session_create":         R(None,                     302, 404, 404, 404, 200, 200, 404),
    "session_edit":           R("session",                302, 404, 404, 404, OWN, OWN, 200),
    "session_delete":         R("session",                302, 404, 404, 404, OWN, OWN, 200,
                                post=(302, 404, 404, 404, DONE, DONE, 302)),
    "enrolment_sessions":     R("enrolment",              302, 404, OWN, OWN, OWN, OWN, 200),
    "extra_hours_ask":        R("enrolment",              302, 404, 404, 404, OWN, OWN, 404),
    "extra_hours_decide":     R("extra_hours",            302, 404, 404, 404, 404, 404, 200),
    "enrolment_decide":       R("enrolment",              302, 404, 404, 404, 404, 404, 200),
    "coach_assign":           R("enrolment",              302, 404, 404, 404, 404, 404, 200),
    "enrolment_sessions_csv": R("enrolment",              302, 404, OWN, OWN, OWN, OWN, 200),
    # networks: members, facilitators (the coach of A facilitates A's network) and staff
    "network_list":           R(None,                     302, 404, 200, 200, 200, 200, 200),
    "network_detail":         R("network",                302, 404, OWN, OWN, OWN, OWN, 200),
    "experience_delete":      R("experience",             302, 404, 405, 405, 405, 405, 405,
                                post=(302, 404, DONE, DONE, DONE, DONE, 302)),
    "experience_share":       R("experience",             302, 404, 405, 405, 405, 405, 405,
                                post=(302, 404, DONE, DONE, 404, 404, 404)),
    "experience_moderate":    R("experience",             302, 404, 404, 404, 404, 404, 405,
                                post=(302, 404, 404, 404, 404, 404, 302)),
    "meeting_detail":         R("meeting",                302, 404, OWN, OWN, OWN, OWN, 200),
    "meeting_ics":            R("meeting",                302, 404, OWN, OWN, OWN, OWN, 200),
    "registration_cancel":    R("registration",           302, 404, 405, 405, 405, 405, 405,
                                post=(302, 404, DONE, DONE, DONE, DONE, 302)),
    "document_download":      R("document",               302, 404, OWN, OWN, OWN, OWN, 200),
    "attendance_update":      R("meeting",                302, 404, 404, 404, 405, 405, 405,
                                post=(302, 404, 404, 404, DONE, DONE, 302)),
    "meeting_report":         R("meeting",                302, 404, 404, 404, 405, 405, 405,
                                post=(302, 404, 404, 404, OWN, OWN, 200)),
    "document_upload":        R("meeting",                302, 404, 404, 404, 405, 405, 405,
                                post=(302, 404, 404, 404, OWN, OWN, 200)),
    "meeting_qr":             R("meeting",                302, 404, 404, 404, OWN, OWN, 200),
    "calendar_feed_page":     R(None,                     302, 404, 200, 200, 200, 200, 200,
                                post=(302, 404, 302, 302, 302, 302, 302)),
    # Public by design: the secret token in the URL is the credential.
    "checkin":                R("checkin",                200, 200, 200, 200, 200, 200, 200),
    "calendar_feed":          R("feed",                   200, 200, 200, 200, 200, 200, 200),
    # invoicing: the company's issued invoices; staff also download them
    "invoice_list":           R(None,                     302, 404, 200, 200, 404, 404, 404),
    "invoice_pdf":            R("invoice",                302, 404, OWN, OWN, 404, 404, 200),
    "invoice_ubl":            R("invoice",                302, 404, OWN, OWN, 404, 404, 200),
    # the work surface's invoice actions: staff only (an issued invoice that is not overdue
    # is refused with a message, back to the work surface)
    "invoice_issue_confirm":  R("invoice",                302, 404, 404, 404, 404, 404, 302,
                                post=(302, 404, 404, 404, 404, 404, 302)),
    "invoice_preview_pdf":    R("invoice",                302, 404, 404, 404, 404, 404, 302),
    "invoice_remind":         R("invoice",                302, 404, 404, 404, 404, 404, 302,
                                post=(302, 404, 404, 404, 404, 404, 302)),
    "payment_add":            R("invoice",                302, 404, 404, 404, 404, 404, 200),
    # reports: progress reports for whoever sees the enrolment; edition reports for staff
    "staff_dashboard":        R(None,                     302, 404, 404, 404, 404, 404, 200),
    "staff_reach":            R(None,                     302, 404, 404, 404, 404, 404, 200),
    "mail_resend":            R("failed_mail",            302, 404, 404, 404, 404, 404, 405,
                                post=(302, 404, 404, 404, 404, 404, 302)),
    # only a failed report is asked for again; the world's report is done
    "report_retry":           R("report",                 302, 404, 404, 404, 404, 404, 405,
                                post=(302, 404, 404, 404, 404, 404, 404)),
    "enrolment_reports":      R("enrolment",              302, 404, OWN, OWN, OWN, OWN, 200,
                                post=(302, 404, DONE, DONE, DONE, DONE, 302)),
    "report_detail":          R("report",                 302, 404, OWN, OWN, OWN, OWN, 200),
    "report_download":        R("report",                 302, 404, OWN, OWN, OWN, OWN, 200),
    "report_data_csv":        R("province_report",        302, 404, 404, 404, 404, 404, 200),
    "report_data_xlsx":       R("province_report",        302, 404, 404, 404, 404, 404, 200),
    # The company file: staff and the enrolment's coaches, never the company itself. An
    # empty POST is the note form again, with what is missing; a coach deletes their own
    # note (the world's notes are written by each side's coach), staff any note.
    "company_file":           R("enrolment",              302, 404, 404, 404, OWN, OWN, 200),
    "note_delete":            R("note",                   302, 404, 404, 404, OWN, OWN, 200,
                                post=(302, 404, 404, 404, DONE, DONE, 302)),
    # public: the information pages and what search engines read, the same for everyone
    "public_about":           PUBLIC,
    "public_approach":        PUBLIC,
    "public_costs":           PUBLIC,
    "public_editions":        PUBLIC,
    "eligibility_check":      PUBLIC,
    "public_questions":       PUBLIC,
    "public_contact":         PUBLIC,
    "public_terms":           PUBLIC,
    "privacy_statement":      PUBLIC,
    "accessibility_statement": PUBLIC,
    "robots_txt":             PUBLIC,
    "sitemap":                PUBLIC,
}
# fmt: on

# Rows for URLs that are routed only when a setting is on (the benchmark's yardstick).
ROUTED_WHEN = {"bench_minimal": "BENCH"}


# --- Coaches whose role ended --------------------------------------------------------------
#
# inactive_coach: A's coach, made inactive. Gets what a user without a role ("plain") gets
#     of a company not theirs, for A's objects as for B's.
# removed_coach: A's coach, taken off A's enrolment: still a coach, still facilitating A's
#     network. Gets what "coach" gets, except that A's enrolment and everything reached
#     through it answer as another company's do.
ENDED_ROLES = ("inactive_coach", "removed_coach")
# The objects a URL names that a coach reaches through the enrolment; the others through a
# network they facilitate, or through a token (or not at all).
OF_AN_ENROLMENT = frozenset(
    {
        "enrolment",
        "participant",
        "participation",
        "survey",
        "survey_open_kind",
        "draft",
        "draft_analysis_start",
        "analysis",
        "draft_analysis",
        "draft_analysis_section",
        "action",
        "session",
        "extra_hours",
        "invoice",
        "report",
        "note",
        "story",
    }
)
NOT_OF_AN_ENROLMENT = frozenset(
    {
        "network",
        "failed_mail",
        "meeting",
        "checkin",
        "registration",
        "document",
        "experience",
        "province_report",
        "invitation",
        "invitation_by_id",
        "feed",
        "survey_link",
        "survey_personal_link",
    }
)


def acting_as(role: str) -> str:
    """The column whose user makes the requests: A's coach for the ended roles."""
    return "coach" if role in ENDED_ROLES else role


def expected(role: str, row: Row) -> tuple[Cell, Cell]:
    """The (GET, POST) cells of a role for a row, derived for the ended roles."""
    if role not in ENDED_ROLES:
        index = ROLES.index(role)
        return row.get[index], (row.post or row.get)[index]
    get, post = expected("plain" if role == "inactive_coach" else "coach", row)
    if role == "inactive_coach" or row.on in OF_AN_ENROLMENT:
        return _status(get, 1), _status(post, 1)  # own as if another company's
    return get, post


# --- Walking the URLconf ----------------------------------------------------------------------


@dataclass(frozen=True)
class Pattern:
    name: str | None
    namespace: str
    module: str
    route: str


def _walk(patterns: list[Any], namespace: str = "", prefix: str = "") -> Iterator[Pattern]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _walk(pattern.url_patterns, inner, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}{pattern.name}" if pattern.name else None
            module = getattr(pattern.callback, "__module__", "")
            yield Pattern(name, namespace, module, prefix + str(pattern.pattern))


def all_patterns() -> list[Pattern]:
    return list(_walk(get_resolver().url_patterns))


def is_admin(pattern: Pattern) -> bool:
    return pattern.namespace.startswith("admin:")


def is_allauth(pattern: Pattern) -> bool:
    return pattern.module.startswith("allauth.")


def project_patterns() -> list[Pattern]:
    """The portal's own URLs: everything but the admin's and allauth's."""
    return [p for p in all_patterns() if not (is_admin(p) or is_allauth(p))]


def routed_rows() -> list[str]:
    """The matrix's rows whose URL the URLconf has now, in the matrix's order."""
    names = {p.name for p in project_patterns()}
    return [name for name in MATRIX if name in names]


# --- Requests that leave the world as it was ----------------------------------------------------


@dataclass
class Answer:
    status: int | str
    location: str
    writes: list[str]
    response: HttpResponseBase | None


def _is_write(sql: str) -> bool:
    statement = sql.lstrip().upper()
    # A session row is the visitor's own, not the portal's data.
    return (
        statement.startswith(("INSERT", "UPDATE", "DELETE"))
        and "DJANGO_SESSION" not in (statement.split("(")[0].split(" SET ")[0])
    )


def ask(client: Client, method: str, path: str) -> Answer:
    """GET or POST (an empty form) inside a savepoint that is rolled back afterwards, so
    every request meets the same world; the writes it attempted are returned."""
    response: HttpResponseBase | None = None
    status: int | str
    with transaction.atomic():
        with CaptureQueriesContext(connection) as queries:
            try:
                response = client.get(path) if method == "GET" else client.post(path)
                status = response.status_code
                if response.streaming:
                    # Read to the end: the test client's wrapper then closes the file the way
                    # a WSGI server would (closing it directly would close the connection).
                    b"".join(response.streaming_content)  # type: ignore[attr-defined]
            except Exception as exc:  # reported as the cell's answer
                status = f"raised {exc!r}"
        transaction.set_rollback(True)
    writes = [q["sql"] for q in queries.captured_queries if _is_write(q["sql"])]
    location = response.get("Location", "") if response is not None else ""
    return Answer(status, location, writes, response)


@dataclass(frozen=True)
class Case:
    label: str  # "name[own]", "name[other]" or "name"
    path: str
    get: int
    post: int


def cases(world: World, role: str, name: str) -> Iterator[Case]:
    """Every request the matrix makes of a role for one URL, with the statuses it expects."""
    row = MATRIX[name]
    get, post = expected(role, row)
    if row.on is None:
        yield Case(name, reverse(name), _status(get, 0), _status(post, 0))
        return
    for which, side in enumerate(world.sides(acting_as(role))):
        path = reverse(name, kwargs=OBJECTS[row.on](side))
        label = f"{name}[{('own', 'other')[which]}]"
        yield Case(label, path, _status(get, which), _status(post, which))


def _status(cell: Cell, which: int) -> int:
    return cell if isinstance(cell, int) else cell[which]
