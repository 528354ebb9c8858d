"""Nothing private in caches: every signed-in page, every download and every page behind a
secret token is ``Cache-Control: private, no-store`` (leercultuur/middleware.py).

The URLs are the authorization matrix's (tests/leercultuur/matrix.py), asked by every role
over the world of tests/leercultuur/world.py; static files, which WhiteNoise serves before
the middleware, keep their own caching.
"""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import AnonymousUser
from django.http import FileResponse, HttpRequest, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase
from django.test import Client, RequestFactory
from django.urls import reverse

from accounts.models import User
from leercultuur.middleware import PrivateCacheMiddleware
from tests.conftest import client_for
from tests.leercultuur.matrix import ask, cases, routed_rows
from tests.leercultuur.world import ROLES, World
from website.pages import PAGES

# Downloads the walk must meet, or it proves nothing about them.
DOWNLOADS = {
    "privacy_download",
    "coach_hours_csv",
    "enrolment_sessions_csv",
    "meeting_ics",
    "document_download",
    "invoice_pdf",
    "invoice_ubl",
    "report_download",
    "report_data_csv",
    "report_data_xlsx",
}
STAFF_ONLY = {"invoice_pdf", "invoice_ubl", "report_data_csv", "report_data_xlsx"}
# Public by their secret token, and private all the same.
TOKEN_PAGES = {"calendar_feed", "checkin"}
# The same for everyone, signed in or not, and made from nothing private: cached anywhere.
SHARED_BY_ALL = {"programme_css", "robots_txt", "sitemap"}
# The public website's pages: public for an anonymous visitor, private once signed in (the
# page shows a signed-in user their own way into the portal).
PUBLIC_PAGES = {*PAGES, "public_results", "story_list", "story_detail", "library"}


def directives(response: HttpResponseBase) -> set[str]:
    return {d.strip() for d in response.get("Cache-Control", "").split(",") if d.strip()}


def is_private(response: HttpResponseBase) -> bool:
    found = directives(response)
    return {"private", "no-store"} <= found and "public" not in found


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_every_answer_of_the_matrix_is_private(world: World, role: str) -> None:
    client = world.client(role)
    wrong, met = [], set()
    for name in routed_rows():
        if name in SHARED_BY_ALL or (role == "anonymous" and name in PUBLIC_PAGES):
            continue
        for case in cases(world, role, name):
            for method in ("GET", "POST"):
                answer = ask(client, method, case.path)
                assert answer.response is not None, f"{name}: {answer.status}"
                if answer.status == 200:
                    met.add(name)
                if not is_private(answer.response):
                    cache_control = answer.response.get("Cache-Control")
                    wrong.append(f"{method} {case.label} {case.path}: {cache_control!r}")
    assert not wrong, f"{role}:\n" + "\n".join(wrong)
    if role in {"staff", "coach"}:
        expected = DOWNLOADS - ({"coach_hours_csv"} if role == "staff" else STAFF_ONLY)
        assert met >= expected, f"never downloaded: {sorted(expected - met)}"
    if role == "anonymous":
        assert met >= TOKEN_PAGES


@pytest.mark.django_db
def test_the_admin_and_its_exports_are_private(world: World) -> None:
    staff = world.client("staff")
    changelist = reverse("admin:coaching_coachingsession_changelist")
    export = {"action": "export_csv", ACTION_CHECKBOX_NAME: [world.a.session.pk]}
    for response in (staff.get(changelist), staff.post(changelist, export)):
        assert response.status_code == 200
        assert is_private(response), response.get("Cache-Control")
    assert response["Content-Disposition"].startswith("attachment")


@pytest.mark.django_db
def test_the_account_pages_of_a_signed_in_user_are_private(contact: User) -> None:
    for name in ("account_email", "mfa_index"):
        response = client_for(contact).get(reverse(name))
        assert response.status_code == 200
        assert is_private(response), name


@pytest.mark.django_db
@pytest.mark.parametrize("signed_in", [False, True])
def test_static_files_keep_their_own_caching(contact: User, signed_in: bool) -> None:
    client = client_for(contact) if signed_in else Client()
    response = client.get("/static/css/site.css")
    assert response.status_code == 200
    assert "no-store" not in directives(response)
    assert "private" not in directives(response)


# --- The middleware's rules on their own ----------------------------------------------------


def answer(response: HttpResponseBase, *, signed_in: bool = False) -> HttpResponseBase:
    request = RequestFactory().get("/")
    request.user = User(email="iemand@example.nl") if signed_in else AnonymousUser()

    def view(_request: HttpRequest) -> HttpResponseBase:
        return response

    return PrivateCacheMiddleware(view)(request)


def test_a_signed_in_users_page_loses_any_public_caching() -> None:
    page = HttpResponse(headers={"Cache-Control": "public, max-age=3600"})
    assert answer(page, signed_in=True)["Cache-Control"] == "private, no-store"


def test_a_download_is_private_even_for_an_anonymous_visitor() -> None:
    attachment = HttpResponse(
        content_type="text/csv",
        headers={"Content-Disposition": 'attachment; filename="x.csv"', "Cache-Control": "public"},
    )
    assert answer(attachment)["Cache-Control"] == "private, no-store"
    assert answer(FileResponse(iter([b"x"])))["Cache-Control"] == "private, no-store"


def test_an_anonymous_html_page_is_private_unless_it_chooses_otherwise() -> None:
    assert answer(HttpResponse("<p>Hallo</p>"))["Cache-Control"] == "private, no-store"
    public = HttpResponse("<p>Hallo</p>", headers={"Cache-Control": "public, max-age=600"})
    assert answer(public)["Cache-Control"] == "public, max-age=600"
    assert not answer(JsonResponse({"status": "ok"})).has_header("Cache-Control")


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["anonymous", "contact", "staff"])
def test_what_is_the_same_for_everyone_may_be_cached_anywhere(world: World, role: str) -> None:
    client = world.client(role)
    for name in SHARED_BY_ALL:
        response = client.get(reverse(name))
        assert response.status_code == 200
        assert "public" in directives(response), name
        assert "Set-Cookie" not in response, name


@pytest.mark.django_db
def test_the_public_pages_may_be_cached_for_visitors(world: World) -> None:
    client = world.client("anonymous")
    story = {"story_detail": [world.a.story.public_id]}
    for name in PUBLIC_PAGES:
        response = client.get(reverse(name, args=story.get(name, [])))
        assert response.status_code == 200, name
        assert {"public", "max-age=300"} <= directives(response), name
        assert not response.cookies, name
