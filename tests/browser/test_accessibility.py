"""axe-core finds nothing on the public pages and on every role's home page.

Each test also fails on a Content-Security-Policy violation or a console error (see
tests/fixtures/browser.py), so the pages work under the real policy.
"""

import pytest

from accounts.models import User
from tests.factories import PASSWORD, EditionFactory, EnrolmentFactory, MeetingFactory
from tests.fixtures.browser import assert_accessible, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PUBLIC_PAGES = ["/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"]


def reauthenticate_if_asked(page, live_server, target: str) -> None:
    """allauth asks for the password again before MFA changes, even right after login."""
    if "/accounts/reauthenticate/" in page.url:
        assert_accessible(page)
        page.locator("#id_password").fill(PASSWORD)
        page.locator("main form button[type=submit]").click()
        page.wait_for_url(f"{live_server.url}{target}")


@pytest.mark.parametrize("prefix", ["", "/en"], ids=["nl", "en"])
@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_page_is_accessible(page, live_server, prefix: str, path: str) -> None:
    page.goto(f"{live_server.url}{prefix}{path}")
    assert page.locator("html").get_attribute("lang") == (prefix.strip("/") or "nl")
    assert_accessible(page)


def test_login_errors_are_accessible(page, live_server, contact: User) -> None:
    """A failed login shows its error in an accessible way, and empty fields theirs."""
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("#id_login").fill(contact.email)
    page.locator("#id_password").fill("not the password")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("[role=alert] .errorlist").is_visible()
    assert_accessible(page)

    page.locator("#id_login").fill("")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    login_input = page.locator("#id_login")
    assert login_input.get_attribute("aria-invalid") == "true"
    assert "id_login_error" in (login_input.get_attribute("aria-describedby") or "")
    assert page.locator("#id_login_error").is_visible()
    assert_accessible(page)


@pytest.mark.parametrize(
    ("user_fixture", "home"),
    [
        ("contact", "/bedrijf/"),
        ("coach", "/coach/"),
        ("staff", "/staf/"),
        ("plain_user", "/welkom/"),
    ],
)
def test_home_page_of_each_role_is_accessible(
    page, live_server, request: pytest.FixtureRequest, user_fixture: str, home: str
) -> None:
    user = request.getfixturevalue(user_fixture)
    login(page, live_server, user)
    assert page.url == f"{live_server.url}{home}"
    assert_accessible(page)


def test_home_page_in_english_is_accessible(page, live_server, contact: User) -> None:
    login(page, live_server, contact, language_prefix="/en")
    assert page.url == f"{live_server.url}/en/bedrijf/"
    assert page.locator("html").get_attribute("lang") == "en"
    assert_accessible(page)


def test_staff_without_mfa_is_sent_to_an_accessible_totp_setup(
    page, live_server, staff_without_mfa: User
) -> None:
    login(page, live_server, staff_without_mfa)
    reauthenticate_if_asked(page, live_server, "/accounts/2fa/totp/activate/")
    assert page.url == f"{live_server.url}/accounts/2fa/totp/activate/"
    qr_code = page.locator("main img.qr-code")
    assert qr_code.get_attribute("src").startswith("data:image/svg+xml")
    assert qr_code.evaluate("image => image.complete && image.naturalWidth > 0")
    assert_accessible(page)


@pytest.mark.parametrize(
    "path",
    [
        "/accounts/email/",
        "/accounts/password/change/",
        "/accounts/2fa/",
        "/accounts/2fa/recovery-codes/generate/",
        "/accounts/logout/",
    ],
)
def test_account_pages_are_accessible(page, live_server, coach: User, path: str) -> None:
    login(page, live_server, coach)
    page.goto(f"{live_server.url}{path}")
    reauthenticate_if_asked(page, live_server, path)
    assert page.url == f"{live_server.url}{path}"
    assert_accessible(page)


def test_language_switch_keeps_the_page(page, live_server) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_role("button", name="English").click()
    page.wait_for_url(f"{live_server.url}/en/accounts/login/")
    assert page.locator("h1").inner_text() == "Log in"
    page.get_by_role("button", name="Nederlands").click()
    page.wait_for_url(f"{live_server.url}/accounts/login/")
    assert page.locator("h1").inner_text() == "Inloggen"


def test_skip_link_moves_focus_to_the_main_content(page, live_server) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.keyboard.press("Tab")
    skip_link = page.locator(".skip-link")
    assert skip_link.evaluate("link => link === document.activeElement")
    assert skip_link.is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "inhoud"


def test_admin_index_is_accessible(page, live_server, staff: User, coach: User) -> None:
    """Staff reach the Django admin from their dashboard; its index, with the progress
    overview of an edition under way, is clean too."""
    edition = EditionFactory.create(name="Editie Rivierenland")
    for status in ("submitted", "accepted", "active"):
        EnrolmentFactory.create(edition=edition, status=status, lead_coach=coach)
    MeetingFactory.create(network__edition=edition, theme="Leren van elkaar")
    login(page, live_server, staff)
    page.get_by_role("navigation").get_by_role("link", name="Beheer").click()
    page.wait_for_url(f"{live_server.url}/beheer/")
    assert "Leren van elkaar" in page.locator("#content").inner_text()
    assert_accessible(page)


def test_htmx_runs_under_the_policy(page, live_server) -> None:
    """The vendored htmx loads, takes its config from the meta tag and adds no <style>."""
    page.goto(f"{live_server.url}/accounts/login/")
    page.wait_for_function("() => window.htmx !== undefined")
    assert page.evaluate("() => htmx.version") == "2.0.11"
    assert page.evaluate("() => htmx.config.includeIndicatorStyles") is False
    assert page.evaluate("() => document.querySelectorAll('style').length") == 0
