"""Staff and coaches set up two-factor authentication before they can do anything else."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import User
from tests.conftest import client_for
from tests.factories import PASSWORD, CoachFactory


def test_staff_without_mfa_opening_the_admin_is_sent_to_set_it_up(
    staff_without_mfa: User,
) -> None:
    response = client_for(staff_without_mfa).get(reverse("admin:index"))

    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


def test_coach_without_mfa_is_sent_to_set_it_up(db: None) -> None:
    coach = CoachFactory.create().user

    response = client_for(coach).get(reverse("coach_dashboard"))

    assert response["Location"] == reverse("mfa_activate_totp")


@pytest.mark.parametrize(
    "name", ["mfa_activate_totp", "mfa_index", "account_logout", "account_reauthenticate"]
)
def test_the_way_to_set_up_mfa_stays_open(staff_without_mfa: User, name: str) -> None:
    response = client_for(staff_without_mfa).get(reverse(name))

    # allauth may first ask to confirm the password (a forced login is not "recent").
    assert response.status_code == 200 or response["Location"].startswith(
        reverse("account_reauthenticate")
    )


def test_the_setup_pages_get_the_programmes_colours(staff_without_mfa: User) -> None:
    response = client_for(staff_without_mfa).get(reverse("programme_css"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/css")


def test_staff_signing_in_without_mfa_sets_it_up_before_the_admin(
    client: Client, staff_without_mfa: User
) -> None:
    client.post(reverse("account_login"), {"login": staff_without_mfa.email, "password": PASSWORD})

    response = client.get(reverse("admin:index"), follow=True)

    # allauth asks for the password once more before an authenticator may be added.
    assert [url for url, _status in response.redirect_chain] == [
        reverse("mfa_activate_totp"),
        f"{reverse('account_reauthenticate')}?next=%2Faccounts%2F2fa%2Ftotp%2Factivate%2F",
    ]
    response = client.post(response.redirect_chain[-1][0], {"password": PASSWORD}, follow=True)
    assert response.request["PATH_INFO"] == reverse("mfa_activate_totp")
    assert b'name="code"' in response.content
    assert b"data:image/svg+xml" in response.content  # the QR code for the authenticator app


def test_staff_with_mfa_reaches_the_admin(staff: User) -> None:
    response = client_for(staff).get(reverse("admin:index"))

    assert response.status_code == 200


def test_company_contact_needs_no_mfa(contact: User) -> None:
    response = client_for(contact).get(reverse("company_dashboard"))

    assert response.status_code == 200


def test_anonymous_admin_login_goes_through_allauth(client: Client) -> None:
    response = client.get(reverse("admin:login"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_signed_in_non_staff_cannot_use_the_admin_login(contact: User) -> None:
    response = client_for(contact).get(reverse("admin:login"))

    assert response.status_code == 403
