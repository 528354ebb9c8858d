"""The public information pages: every visitor reads them without an account, in Dutch and
English, each with its own title, description and addresses for search engines and link
previews; a shared cache may keep them, so they set no cookie."""

import html
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from accounts.models import User
from programme.models import Programme, Question
from programme.selectors import forget
from tests.browser.test_pages import assert_clean_page
from tests.conftest import client_for
from tests.programme.test_settings import today
from website.pages import PAGES

pytestmark = pytest.mark.django_db

LANGUAGES = {"nl": "", "en": "/en"}
SITE = "http://127.0.0.1:8000"


def path_of(name: str, language: str) -> str:
    with translation.override(language):
        return reverse(name)


def meta(page: str, attribute: str, key: str) -> list[str]:
    """The content of every <meta attribute="key">, unescaped."""
    pattern = rf'<meta {attribute}="{re.escape(key)}" content="([^"]*)">'
    return [html.unescape(value) for value in re.findall(pattern, page)]


@pytest.fixture(autouse=True)
def _programme_as_today(settings: object) -> None:
    settings.SITE_URL = SITE  # type: ignore[attr-defined]
    today()


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", PAGES)
def test_every_public_page_serves_a_visitor_with_its_title_and_description(
    client: Client, name: str, language: str
) -> None:
    path = path_of(name, language)
    response = client.get(path)

    assert response.status_code == 200
    page = response.content.decode()
    assert f'<html lang="{language}">' in page
    title = html.unescape(re.search(r"<title>(.*?)</title>", page, re.S)[1])  # type: ignore[index]
    heading = response.context["title"]
    description = response.context["description"]
    assert heading in title
    assert "{" not in title + description, "a placeholder was left unfilled"
    assert meta(page, "name", "description") == [description]
    assert meta(page, "property", "og:title") == [heading]
    assert meta(page, "property", "og:description") == [description]
    assert meta(page, "property", "og:url") == [SITE + path]
    assert meta(page, "property", "og:site_name") == ["Leercultuur MKB"]
    assert meta(page, "property", "og:type") == ["website"]
    assert meta(page, "property", "og:locale") == [{"nl": "nl_NL", "en": "en_GB"}[language]]
    assert meta(page, "property", "og:image") == []  # no logo set
    for code in LANGUAGES:
        alternate = f'<link rel="alternate" hreflang="{code}" href="{SITE}{path_of(name, code)}">'
        assert alternate in page
    assert f'<link rel="canonical" href="{SITE}{path}">' in page
    assert_clean_page(page, path)  # no inline code, landmarks, one h1, labelled fields


def test_titles_and_descriptions_are_dutch_and_name_the_programme(client: Client) -> None:
    Programme.objects.update(name="Leren Werkt Achterhoek", contribution=1500, coach_hours=80)
    forget()

    costs = client.get(reverse("public_costs")).content.decode()
    english = client.get(path_of("public_costs", "en")).content.decode()

    assert "<title>Kosten en wat u krijgt – Leren Werkt Achterhoek</title>" in costs
    assert meta(costs, "name", "description") == [
        "Meedoen aan Leren Werkt Achterhoek kost een eigen bijdrage van €\u00a01.500 exclusief "
        "btw. Uw bedrijf krijgt 80 uur begeleiding en een plek in een lerend netwerk."
    ]
    assert "<title>Costs and what you get – Leren Werkt Achterhoek</title>" in english
    assert "80 uur" in costs
    assert "Leercultuur MKB" not in costs


@pytest.mark.parametrize("name", [*PAGES, "robots_txt", "sitemap"])
def test_a_visitor_gets_no_cookie_and_a_page_a_shared_cache_may_keep(
    client: Client, name: str
) -> None:
    response = client.get(reverse(name))

    assert response.status_code == 200
    assert not response.cookies, f"{name} sets {list(response.cookies)}"
    assert "Set-Cookie" not in response
    directives = {d.strip() for d in response["Cache-Control"].split(",")}
    assert "public" in directives
    assert any(d.startswith("max-age=") for d in directives)


def test_a_visitor_gets_the_public_home(client: Client) -> None:
    response = client.get("/")

    assert response.status_code == 200
    page = response.content.decode()
    assert "<h1>Leercultuur MKB</h1>" in page
    assert "Samen werken aan leren in uw bedrijf" in page  # the tagline from the settings
    assert f'href="{reverse("eligibility_check")}"' in page
    assert 'href="/accounts/signup/?next=%2Finschrijven%2F"' in page
    assert 'href="/accounts/login/"' in page
    assert "csrfmiddlewaretoken" not in page
    assert "hx-headers" not in page
    assert "<script" not in page


@pytest.mark.parametrize(
    ("user_fixture", "dashboard"),
    [
        ("contact", "company_dashboard"),
        ("coach", "coach_dashboard"),
        ("staff", "staff_dashboard"),
        ("plain_user", "welcome"),
    ],
)
def test_a_signed_in_user_is_sent_on_from_the_home_page_as_before(
    request: pytest.FixtureRequest, user_fixture: str, dashboard: str
) -> None:
    user: User = request.getfixturevalue(user_fixture)
    client = client_for(user)

    for path in ("/", "/en/"):
        response = client.get(path)
        assert response.status_code == 302
        with translation.override("en" if path == "/en/" else "nl"):
            assert response["Location"] == reverse(dashboard)


def test_a_signed_in_user_reads_the_public_pages_with_the_way_into_the_portal(
    contact: User,
) -> None:
    response = client_for(contact).get(reverse("public_costs"))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Naar het portaal" in page
    assert "Inloggen" not in page
    assert response["Cache-Control"] == "private, no-store"


def test_the_language_switch_is_a_link_to_the_same_page(client: Client) -> None:
    dutch = client.get(reverse("eligibility_check"), {"medewerkers": "12"}).content.decode()
    english = client.get("/en/kan-ik-meedoen/").content.decode()

    assert '<a class="language-switch__button" href="/en/kan-ik-meedoen/?medewerkers=12"' in dutch
    assert '<a class="language-switch__button" href="/kan-ik-meedoen/"' in english
    assert "<form" not in dutch.split("<main")[0], "no form before the main content"


def test_the_menu_marks_the_current_page(client: Client) -> None:
    page = client.get(reverse("public_editions")).content.decode()

    current = re.findall(r'<a href="([^"]+)" aria-current="page">', page)
    assert current == [reverse("public_editions")] * 2  # the wide menu and the folded one
    assert "<details" in page


def test_the_questions_page_shows_the_programmes_questions(client: Client) -> None:
    Question.objects.create(
        order=9,
        question_nl="Krijgen we een certificaat?",
        answer_nl="Ja, na {maanden} maanden.",
        question_en="Do we get a certificate?",
    )

    dutch = client.get(reverse("public_questions")).content.decode()
    english = client.get(path_of("public_questions", "en")).content.decode()

    assert "Wat kost meedoen?" in dutch
    assert "De eigen bijdrage is €\u00a02.000 (exclusief btw)." in dutch
    assert "Krijgen we een certificaat?" in dutch
    assert "Ja, na 10 maanden." in dutch
    assert "Do we get a certificate?" in english
    assert "Ja, na 10 maanden." in english  # no English answer: the Dutch one


def test_the_contact_page_shows_the_programme_office(client: Client) -> None:
    Programme.objects.update(
        contact_email="programma@leercultuur.test",
        contact_phone="026 123 45 67",
        contact_address="Postbus 1\n6800 AA Arnhem",
        partners="Gelders Vakmanschap\nROC Rijn IJssel",
    )
    forget()

    page = client.get(reverse("public_contact")).content.decode()

    assert 'href="mailto:programma@leercultuur.test"' in page
    assert 'href="tel:0261234567"' in page
    assert "Postbus 1<br>6800 AA Arnhem" in page
    assert "VNO-NCW Midden organiseert Leercultuur MKB, met een subsidie van Provincie" in page
    assert "Gelders Vakmanschap, ROC Rijn IJssel" in page


def test_the_about_page_names_who_runs_and_pays_for_it(client: Client) -> None:
    page = client.get(reverse("public_about")).content.decode()

    assert "Het programma is voor bedrijven in Gelderland met minder dan 250" in page
    assert "VNO-NCW Midden organiseert Leercultuur MKB." in page
    assert "Provincie Gelderland betaalt het grootste deel met een subsidie." in page
    assert "<li>Gelders Vakmanschap</li>" in page


@pytest.mark.parametrize(
    ("name", "heading", "dutch"),
    [
        ("public_terms", "Voorwaarden", "Door u aan te melden gaat u akkoord met deze"),
        ("privacy_statement", "Privacyverklaring", "Wij gebruiken uw gegevens alleen voor"),
        ("accessibility_statement", "Toegankelijkheidsverklaring", "Wij testen elke pagina"),
    ],
)
def test_the_statements_show_the_programmes_texts(
    client: Client, name: str, heading: str, dutch: str
) -> None:
    Programme.objects.update(accessibility_en="", privacy_en="Our own privacy text.")
    forget()

    page = client.get(reverse(name)).content.decode()
    english = client.get(path_of(name, "en")).content.decode()

    assert f"<h1>{heading}</h1>" in page
    assert dutch in page
    if name == "privacy_statement":
        assert "Our own privacy text." in english
    if name == "accessibility_statement":
        assert dutch in english  # no English text: the Dutch one


def test_a_logo_becomes_the_link_previews_image(client: Client, settings: object) -> None:
    Programme.objects.update(logo="programme/logo.png")
    forget()

    page = client.get("/").content.decode()

    assert meta(page, "property", "og:image") == [f"{SITE}/media/programme/logo.png"]
