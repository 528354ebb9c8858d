"""`/` sends each user to the dashboard of their role; dashboards are for that role only."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from accounts.models import User
from tests.conftest import client_for

HOMES = [
    ("contact", "company_dashboard"),
    ("coach", "coach_dashboard"),
    ("staff", "staff_dashboard"),
    ("plain_user", "welcome"),
]


@pytest.mark.parametrize(("user_fixture", "home"), HOMES)
def test_home_redirects_to_the_role_dashboard(
    db: None, request: pytest.FixtureRequest, user_fixture: str, home: str
) -> None:
    user: User = request.getfixturevalue(user_fixture)
    client = client_for(user)

    response = client.get(reverse("home"))

    assert response["Location"] == reverse(home)
    assert client.get(response["Location"]).status_code == 200


@pytest.mark.parametrize(("user_fixture", "home"), HOMES[:3])
def test_another_role_dashboard_is_not_found(
    db: None, request: pytest.FixtureRequest, user_fixture: str, home: str
) -> None:
    user: User = request.getfixturevalue(user_fixture)
    others = [name for _fixture, name in HOMES[:3] if name != home]

    for name in others:
        assert client_for(user).get(reverse(name)).status_code == 404


def test_company_dashboard_shows_own_company_only(contact: User, other_contact: User) -> None:
    html = client_for(contact).get(reverse("company_dashboard")).content.decode()

    assert escape(contact.contact.company.legal_name) in html
    assert escape(other_contact.contact.company.legal_name) not in html
