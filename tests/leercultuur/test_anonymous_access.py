"""Every page but the public ones sends an anonymous visitor to the login page."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.leercultuur.urlwalk import all_routes
from website.pages import PAGES

# Pages a visitor must reach without an account (sign-in, sign-up, password reset, health,
# the public side).
PUBLIC = {
    "account_login",
    "account_signup",
    "account_reset_password",
    "account_reset_password_done",
    "account_reset_password_from_key",
    "account_reset_password_from_key_done",
    "account_email_verification_sent",
    "account_confirm_email",
    "account_inactive",
    "healthz",
    "programme_css",
    "programme_logo",
    "calendar_feed",
    "checkin",
    "survey_company",
    "survey_personal",
    "survey_thanks",
    # the public website
    "public_results",
    "story_list",
    "story_detail",
    "library",
    # the public side's information pages, and what search engines read
    *PAGES,
    "robots_txt",
    "sitemap",
}
# Public pages whose URL carries a secret token: the walk's made-up token finds nothing.
NOT_FOUND_WITHOUT_A_REAL_TOKEN = {"calendar_feed", "checkin", "survey_company", "survey_personal"}
# Public pages of an object: the walk's made-up id finds none.
NOT_FOUND_WITHOUT_A_REAL_TOKEN |= {"story_detail"}
# Found once staff have given the programme a logo (tests/programme/test_region.py).
NOT_FOUND_UNTIL_SET = {"programme_logo"}

# Not a page: the language switch sends the visitor back where they came from, by default
# the public home.
BACK_TO_THE_PAGE = {"set_language"}

ROUTES = all_routes()


def test_the_walk_finds_the_pages_of_every_app() -> None:
    names = {route.name for route in ROUTES}
    assert {"home", "company_dashboard", "coach_dashboard", "staff_dashboard"} <= names
    assert {"privacy", "privacy_download"} <= names
    assert {"admin:index", "admin:accounts_user_changelist", "mfa_activate_totp"} <= names
    reports = {"enrolment_reports", "report_detail", "report_download"}
    assert reports | {"report_data_csv", "report_data_xlsx"} <= names
    assert names >= PUBLIC, "a public page listed here no longer exists"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "route", [r for r in ROUTES if r.name not in PUBLIC | BACK_TO_THE_PAGE], ids=str
)
def test_private_page_redirects_anonymous_user_to_login(client: Client, route: object) -> None:
    response = client.get(route.path, follow=True)  # type: ignore[attr-defined]

    assert response.redirect_chain, f"{route} answered without a redirect"
    assert response.request["PATH_INFO"] == reverse("account_login")
    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("route", [r for r in ROUTES if r.name in PUBLIC], ids=str)
def test_public_page_serves_anonymous_user(client: Client, route: object) -> None:
    response = client.get(route.path)  # type: ignore[attr-defined]

    name = route.name  # type: ignore[attr-defined]
    expected = 404 if name in NOT_FOUND_WITHOUT_A_REAL_TOKEN | NOT_FOUND_UNTIL_SET else 200
    assert response.status_code == expected


@pytest.mark.django_db
def test_the_language_switch_sends_a_visitor_back_to_a_public_page(client: Client) -> None:
    response = client.get(reverse("set_language"), follow=True)

    assert response.redirect_chain
    assert response.request["PATH_INFO"] == reverse("home")
    assert response.status_code == 200
