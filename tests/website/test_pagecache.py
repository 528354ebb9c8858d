"""Pages kept for visitors: made once, the same for every visitor, never for a signed-in
user, never when they set a cookie, and dropped when their content changes."""

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory
from django.utils import translation

from accounts.models import User
from website.pagecache import forget_pages, kept_for_visitors

pytestmark = pytest.mark.django_db
made: list[str] = []


@kept_for_visitors("test", seconds=60)
def page(request: HttpRequest, *, cookie: bool = False) -> HttpResponse:
    made.append(translation.get_language())
    response = HttpResponse(f"page {len(made)}", headers={"Cache-Control": "public"})
    if cookie:
        response.set_cookie("token", "secret")
    return response


def ask(user: Any = None, **kwargs: Any) -> HttpResponse:
    request = RequestFactory().get("/")
    request.user = user or AnonymousUser()
    return page(request, **kwargs)


@pytest.fixture(autouse=True)
def _fresh() -> None:
    made.clear()


def test_a_visitor_gets_the_kept_page_until_it_is_forgotten() -> None:
    assert ask().content == b"page 1"
    assert ask().content == b"page 1"
    assert ask()["Cache-Control"] == "public"
    with translation.override("en"):
        assert ask().content == b"page 2"  # each language its own
    forget_pages("test")
    assert ask().content == b"page 3"


def test_a_signed_in_user_and_a_page_with_a_cookie_are_never_kept(contact: User) -> None:
    assert ask(contact).content == b"page 1"
    assert ask(contact).content == b"page 2"
    assert ask(cookie=True).content == b"page 3"
    assert ask().content == b"page 4"
    assert ask().content == b"page 4"
