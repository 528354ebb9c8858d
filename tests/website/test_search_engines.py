"""What search engines read: a sitemap of the public pages only (in both languages), a
robots.txt that keeps them out of the portal's own pages, and a 404 page that helps."""

import xml.etree.ElementTree as ET

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django import Settings

from accounts.models import User
from tests.conftest import client_for
from tests.leercultuur.urlwalk import all_routes
from website.pages import PAGES
from website.sitemaps import SHOWCASE_NAMES

pytestmark = pytest.mark.django_db

SITE = "https://portaal.example.nl"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


@pytest.fixture(autouse=True)
def _site(settings: Settings) -> None:
    settings.SITE_URL = SITE


def test_the_sitemap_lists_the_public_pages_in_both_languages(client: Client) -> None:
    response = client.get("/sitemap.xml")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)  # noqa: S314 - our own sitemap
    locations = {loc.text for loc in root.findall("s:url/s:loc", NS)}
    public = {reverse(name) for name in (*PAGES, *SHOWCASE_NAMES)}
    assert locations == {SITE + p for p in public} | {f"{SITE}/en{p}" for p in public}
    first = root.find("s:url", NS)
    assert first is not None
    alternates = {a.get("hreflang"): a.get("href") for a in first.findall("x:link", NS)}
    assert alternates == {"nl": f"{SITE}/", "en": f"{SITE}/en/", "x-default": f"{SITE}/"}


def test_the_sitemap_has_no_page_of_the_portal(client: Client) -> None:
    sitemap = client.get("/sitemap.xml").content.decode()

    for path in ("/accounts/", "/bedrijf/", "/staf/", "/beheer/", "/coach/", "/welkom/"):
        assert f"{SITE}{path}" not in sitemap


def test_robots_keep_search_engines_out_of_the_portal(client: Client) -> None:
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert f"Sitemap: {SITE}/sitemap.xml" in lines
    disallowed = {line.removeprefix("Disallow: ") for line in lines if line.startswith("Disallow")}
    portal = {"/accounts/", "/beheer/", "/staf/", "/coach/", "/bedrijf/", "/inschrijvingen/"}
    assert portal <= disallowed
    assert {f"/en{path}" for path in portal} <= disallowed
    assert {"/healthz", "/i18n/"} <= disallowed
    assert "/" not in disallowed
    assert "/en/healthz" not in disallowed  # not a path per language


def test_robots_allow_every_public_page_and_disallow_every_other(client: Client) -> None:
    lines = client.get("/robots.txt").content.decode().splitlines()
    disallowed = [line.removeprefix("Disallow: ") for line in lines if line.startswith("Disallow")]
    public = {*PAGES, *SHOWCASE_NAMES, "robots_txt", "sitemap", "programme_css", "story_detail"}

    for route in all_routes():
        blocked = any(route.path.startswith(prefix) for prefix in disallowed)
        if route.name in public:
            assert not blocked, f"{route.path} ({route.name}) is public, yet disallowed"
        elif route.name != "story_consent":  # under /verhalen/, behind its login
            assert blocked, f"{route.path} ({route.name}) is not disallowed"


@pytest.fixture
def production(settings: Settings) -> None:
    settings.DEBUG = False


@pytest.mark.usefixtures("production")
def test_the_404_page_helps_a_visitor_on(client: Client) -> None:
    response = client.get("/bestaat-niet/")

    assert response.status_code == 404
    page = response.content.decode()
    assert "<h1>Pagina niet gevonden</h1>" in page
    for name in ("home", "public_questions", "public_contact", "account_login"):
        assert f'href="{reverse(name)}"' in page, name
    assert "Naar de homepage van Leercultuur MKB" in page


@pytest.mark.usefixtures("production")
def test_the_404_page_sends_a_signed_in_user_to_their_dashboard(contact: User) -> None:
    response = client_for(contact).get("/en/bestaat-niet/")

    assert response.status_code == 404
    page = response.content.decode()
    assert "Page not found" in page
    assert 'href="/en/"' in page
    assert "To your dashboard" in page
    assert 'href="/en/accounts/login/"' not in page
