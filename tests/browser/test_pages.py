"""The interface base, checked without a browser: language, landmarks, labels, no inline code.

Every page this module renders is scanned for what the Content-Security-Policy would
refuse: a <script> without src (JSON data blocks excepted: they are never executed) and
a style attribute.
"""

import re
from html.parser import HTMLParser

import pytest
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils.html import escape

from accounts.models import User
from programme.views import server_error
from tests.conftest import client_for
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


class PageStructure(HTMLParser):
    """Collects what the checks below need from a page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.inline_scripts: list[dict[str, str | None]] = []
        self.style_attributes: list[str] = []
        self.event_handlers: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        is_code = attributes.get("type") != "application/json"
        if tag == "script" and not attributes.get("src") and is_code:
            self.inline_scripts.append(attributes)
        if "style" in attributes:
            self.style_attributes.append(tag)
        self.event_handlers += [name for name in attributes if name.startswith("on")]

    def all(self, tag: str) -> list[dict[str, str | None]]:
        return [attributes for name, attributes in self.tags if name == tag]


def parse(html: str) -> PageStructure:
    structure = PageStructure()
    structure.feed(html)
    return structure


LANDMARKS = ("header", "nav", "main", "footer")


def assert_clean_page(
    html: str, where: str, landmarks: tuple[str, ...] = LANDMARKS
) -> PageStructure:
    """No inline script or style; landmarks and skip link; every input has a label."""
    page = parse(html)
    assert not page.inline_scripts, f"{where}: inline <script> {page.inline_scripts}"
    assert not page.style_attributes, f"{where}: style attribute on {page.style_attributes}"
    assert ' style="' not in html, f"{where}: style attribute"
    assert not page.event_handlers, f"{where}: inline event handlers {page.event_handlers}"
    assert page.all("html")[0].get("lang") in {"nl", "en"}, where
    for landmark in landmarks:
        assert page.all(landmark), f"{where}: no <{landmark}>"
    assert page.all("main")[0].get("id") == "inhoud", where
    assert any(a.get("href") == "#inhoud" for a in page.all("a")), f"{where}: no skip link"
    assert len(page.all("h1")) == 1, f"{where}: expected one <h1>"
    labelled = {label.get("for") for label in page.all("label")}
    for control in page.all("input") + page.all("select") + page.all("textarea"):
        if control.get("type") in {"hidden", "submit", "button"}:
            continue
        has_name = control.get("id") in labelled or control.get("aria-label")
        assert has_name, f"{where}: no label for {control}"
        for described_by in (control.get("aria-describedby") or "").split():
            assert f'id="{described_by}"' in html, f"{where}: {described_by} missing"
    return page


def get_ok(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, f"{url}: {response.status_code}"
    return response.content.decode()


@pytest.mark.parametrize(
    ("url", "lang", "heading", "forgot_link", "skip_link"),
    [
        ("/accounts/login/", "nl", "Inloggen", "Wachtwoord vergeten?", "Direct naar de inhoud"),
        ("/en/accounts/login/", "en", "Log in", "Forgot your password?", "Skip to main content"),
    ],
)
def test_login_page_speaks_the_language_of_its_url(
    url: str, lang: str, heading: str, forgot_link: str, skip_link: str
) -> None:
    """Dutch by default, English under /en/."""
    html = get_ok(Client(), url)
    assert f'<html lang="{lang}">' in html
    assert f"<h1>{heading}</h1>" in html
    assert forgot_link in html
    assert skip_link in html
    assert_clean_page(html, url)


def test_base_template_links_fonts_htmx_and_styles() -> None:
    html = get_ok(Client(), "/accounts/login/")
    page = parse(html)
    scripts = page.all("script")
    assert [s.get("src") for s in scripts] == ["/static/js/htmx-2.0.11.min.js"]
    assert "defer" in scripts[0]
    assert '"includeIndicatorStyles":false' in html
    assert any(link.get("href") == "/static/css/site.css" for link in page.all("link"))


@pytest.mark.parametrize("prefix", ["", "/en"])
@pytest.mark.parametrize(
    "path",
    [
        "/accounts/login/",
        "/accounts/signup/",
        "/accounts/password/reset/",
        "/accounts/password/reset/done/",
        "/accounts/password/reset/key/1-invalid/",
        "/accounts/confirm-email/invalid-key/",
        "/accounts/confirm-email/",
    ],
)
def test_public_pages_are_clean(prefix: str, path: str) -> None:
    url = f"{prefix}{path}"
    assert_clean_page(get_ok(Client(), url), url)


@pytest.mark.parametrize(
    ("user_fixture", "url_name"),
    [
        ("contact", "company_dashboard"),
        ("coach", "coach_dashboard"),
        ("staff", "staff_dashboard"),
        ("plain_user", "welcome"),
        ("contact", "account_email"),
        ("contact", "account_change_password"),
        ("contact", "privacy"),
        ("coach", "privacy"),
        ("contact", "account_logout"),
        ("contact", "account_reauthenticate"),
        ("coach", "mfa_index"),
        ("coach", "mfa_reauthenticate"),
    ],
)
def test_signed_in_pages_are_clean(
    db: None, request: pytest.FixtureRequest, user_fixture: str, url_name: str
) -> None:
    client = client_for(request.getfixturevalue(user_fixture))
    url = reverse(url_name)
    assert_clean_page(get_ok(client, url), url)


def test_mfa_pages_after_reauthentication_are_clean(coach: User) -> None:
    client = client_for(coach)
    response = client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    assert response.status_code == 302
    for name in ("mfa_generate_recovery_codes", "mfa_deactivate_totp"):
        url = reverse(name)
        assert_clean_page(get_ok(client, url), url)
    client.post(reverse("mfa_generate_recovery_codes"))
    url = reverse("mfa_view_recovery_codes")
    html = assert_clean_page(get_ok(client, url), url)
    assert "readonly" in html.all("textarea")[0]


def test_totp_activation_page_shows_a_qr_code(staff_without_mfa: User) -> None:
    client = client_for(staff_without_mfa)
    assert client.get(reverse("staff_dashboard"))["Location"] == reverse("mfa_activate_totp")
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    url = reverse("mfa_activate_totp")
    page = assert_clean_page(get_ok(client, url), url)
    [qr_code] = [img for img in page.all("img") if "qr-code" in (img.get("class") or "")]
    assert (qr_code.get("src") or "").startswith("data:image/svg+xml")
    assert qr_code.get("alt")


def test_mfa_authenticate_page_is_clean(coach: User) -> None:
    client = Client()
    response = client.post(reverse("account_login"), {"login": coach.email, "password": PASSWORD})
    url = response["Location"]
    assert url == reverse("mfa_authenticate")
    html = get_ok(client, url)
    assert 'autocomplete="one-time-code"' in html
    assert_clean_page(html, url)


def test_signup_leads_to_the_verification_page() -> None:
    client = Client()
    response = client.post(
        reverse("account_signup"),
        {"email": "nieuw-bedrijf@example.nl", "password1": PASSWORD, "password2": PASSWORD},
        follow=True,
    )
    html = response.content.decode()
    assert "Bevestig uw e-mailadres" in html
    assert_clean_page(html, "verification sent")


def test_field_errors_are_linked_to_their_input() -> None:
    response = Client().post(reverse("account_login"), {"login": "", "password": ""})
    html = response.content.decode()
    page = assert_clean_page(html, "login with errors")
    [login_input] = [i for i in page.all("input") if i.get("id") == "id_login"]
    assert login_input.get("aria-invalid") == "true"
    assert "id_login_error" in (login_input.get("aria-describedby") or "")
    assert re.search(r'<ul class="errorlist" id="id_login_error"><li>.+?</li></ul>', html)


def test_wrong_password_error_is_an_alert_in_formal_dutch(contact: User) -> None:
    response = Client().post(
        reverse("account_login"), {"login": contact.email, "password": "niet-goed"}
    )
    html = response.content.decode()
    assert 'role="alert"' in html
    assert "Het e-mailadres of het wachtwoord klopt niet." in html


@pytest.mark.parametrize(
    ("user_fixture", "expected", "absent"),
    [
        ("contact", ["/bedrijf/"], ["/beheer/", "/staf/", "/coach/"]),
        ("coach", ["/coach/"], ["/beheer/", "/staf/", "/bedrijf/"]),
        ("staff", ["/staf/", "/beheer/"], ["/coach/", "/bedrijf/"]),
        ("plain_user", ["/welkom/"], ["/beheer/", "/staf/", "/coach/", "/bedrijf/"]),
    ],
)
def test_navigation_follows_the_role(
    db: None,
    request: pytest.FixtureRequest,
    user_fixture: str,
    expected: list[str],
    absent: list[str],
) -> None:
    client = client_for(request.getfixturevalue(user_fixture))
    nav = parse(get_ok(client, "/accounts/email/"))
    links = {a.get("href") for a in nav.all("a")}
    assert set(expected) <= links
    assert not set(absent) & links
    for account_link in ("/accounts/email/", "/accounts/password/change/", "/accounts/2fa/"):
        assert account_link in links
    logout_forms = [f for f in nav.all("form") if f.get("action") == "/accounts/logout/"]
    assert logout_forms
    assert logout_forms[0].get("method") == "post"


def test_anonymous_navigation_offers_log_in_and_sign_up() -> None:
    links = {a.get("href") for a in parse(get_ok(Client(), "/accounts/signup/")).all("a")}
    assert {"/accounts/login/", "/accounts/signup/"} <= links


@pytest.mark.parametrize(
    ("from_path", "language", "to_path"),
    [
        ("/accounts/login/", "en", "/en/accounts/login/"),
        ("/en/accounts/login/", "nl", "/accounts/login/"),
        ("/en/accounts/signup/?next=/bedrijf/", "nl", "/accounts/signup/?next=/bedrijf/"),
    ],
)
def test_language_switch_returns_to_the_same_page(
    from_path: str, language: str, to_path: str
) -> None:
    client = Client()
    page = parse(get_ok(client, from_path))
    # The language switch in the header comes first; a form below may carry its own next.
    next_input = next(i for i in page.all("input") if i.get("name") == "next")
    response = client.post("/i18n/setlang/", {"language": language, "next": next_input["value"]})
    assert response.status_code == 302
    assert response["Location"] == to_path


def test_company_dashboard_explains_the_trajectory(contact: User) -> None:
    html = get_ok(client_for(contact), reverse("company_dashboard"))
    assert escape(contact.contact.company.legal_name) in html
    for words in ("Behoefteanalyse", "120 uur", "Lerend netwerk", "€\u00a02.000", "Eigen bijdrage"):
        assert words in html


def test_staff_dashboard_links_to_the_admin(staff: User) -> None:
    html = get_ok(client_for(staff), reverse("staff_dashboard"))
    assert html.count('href="/beheer/"') >= 2  # the navigation and the dashboard itself


def test_welcome_page_explains_that_enrolment_comes_next(plain_user: User) -> None:
    html = get_ok(client_for(plain_user), reverse("welcome"))
    assert "inschrijving van uw bedrijf" in html


def test_error_pages_are_ours_and_clean(contact: User) -> None:
    response = client_for(contact).get("/bestaat-niet/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Pagina niet gevonden" in html
    assert_clean_page(html, "404")

    response = Client(enforce_csrf_checks=True).post(reverse("account_login"), {})
    assert response.status_code == 403
    html = response.content.decode()
    assert "Formulier verlopen" in html
    assert_clean_page(html, "403 CSRF")

    # The 500 page stands alone: no menu that could itself fail; the programme's name and
    # footer only when its settings could still be read.
    html = server_error(RequestFactory().get("/")).content.decode()
    assert_clean_page(html, "500", landmarks=("header", "main", "footer"))
    assert_clean_page(
        render_to_string("500.html"), "500 without settings", landmarks=("header", "main")
    )
