"""Contacts in charge of access (issue 14, item 4): who has access, resending and revoking
invitations, what the invited colleague sees, and addresses that belong elsewhere."""

import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from pytest_django import Settings

from accounts.models import User
from accounts.services import person_export
from companies import services
from companies.models import Contact, Invitation
from companies.validators import phone_clean
from leercultuur.outbox.models import Mail
from tests.conftest import client_for
from tests.factories import ContactFactory, EnrolmentFactory, InvitationFactory

pytestmark = pytest.mark.django_db

REFUSED = "kan niet worden uitgenodigd"


@pytest.fixture
def company_sent_in(contact: User) -> User:
    """The contact, whose company has sent in an enrolment: colleagues may be invited."""
    EnrolmentFactory.create(company=contact.contact.company)
    return contact


def invite(contact: User, email: str) -> Invitation:
    return services.invitation_send(company=contact.contact.company, email=email, by=contact)


def accept_url(invitation: Invitation) -> str:
    return reverse("invitation_accept", args=[invitation.token])


# --- Phone numbers ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("06 12345678", "0612345678"),
        ("06-1234 5678", "0612345678"),
        ("(026) 123 45 67", "0261234567"),
        ("+31 6 12345678", "0612345678"),
        ("+31 (0)6 12345678", "0612345678"),
        ("0031 26 1234567", "0261234567"),
        ("+32 2 123 45 67", "+3221234567"),
        ("0049 151 12345678", "+4915112345678"),
    ],
)
def test_a_phone_number_is_stored_however_it_was_typed(typed: str, stored: str) -> None:
    assert phone_clean(typed) == stored


@pytest.mark.parametrize(
    "typed", ["12345", "0612345", "06123456789", "bel mij", "+31 6 1234", "+0 123456789", "00"]
)
def test_what_cannot_be_a_phone_number_is_refused_in_dutch(typed: str) -> None:
    with pytest.raises(ValidationError, match="telefoonnummer"):
        phone_clean(typed)


# --- Inviting an address that belongs elsewhere ---------------------------------------------


@pytest.mark.parametrize("elsewhere", ["other_contact", "coach", "staff"])
def test_an_address_of_another_organisation_is_refused_before_sending(
    company_sent_in: User, elsewhere: str, request: pytest.FixtureRequest
) -> None:
    address = request.getfixturevalue(elsewhere).email

    with pytest.raises(ValidationError, match=REFUSED):
        invite(company_sent_in, address.upper())
    response = client_for(company_sent_in).post(reverse("invitation_send"), {"email": address})

    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors["email"])
    assert "al bij een andere organisatie in het portaal" in errors
    assert not Invitation.objects.exists()
    assert not Mail.objects.exists()


def test_the_refusal_does_not_name_the_other_company(
    company_sent_in: User, other_contact: User
) -> None:
    response = client_for(company_sent_in).post(
        reverse("invitation_send"), {"email": other_contact.email}
    )
    html = response.content.decode()
    assert REFUSED in html
    other = other_contact.contact.company
    assert escape(other.legal_name) not in html
    assert escape(str(other)) not in html


def test_someone_with_an_account_but_no_organisation_can_be_invited(
    company_sent_in: User, plain_user: User
) -> None:
    invite(company_sent_in, plain_user.email)
    assert Mail.objects.get().to == plain_user.email


# --- Resending --------------------------------------------------------------------------


def test_resending_mails_a_new_link_and_the_old_one_stops_working(
    company_sent_in: User, plain_user: User
) -> None:
    first = invite(company_sent_in, plain_user.email)

    second = services.invitation_resend(invitation=first, by=company_sent_in)

    first.refresh_from_db()
    assert first.revoked_at is not None
    assert second.token != first.token
    assert (second.email, second.invited_by) == (plain_user.email, company_sent_in)
    assert second.is_open
    assert [mail.to for mail in Mail.objects.order_by("pk")] == [plain_user.email] * 2
    assert str(second.token) in Mail.objects.order_by("pk").last().body  # type: ignore[union-attr]
    client = client_for(plain_user)
    assert client.get(accept_url(first)).status_code == 404
    assert client.get(accept_url(second)).status_code == 200


def test_resending_counts_toward_the_daily_limit(company_sent_in: User, settings: Settings) -> None:
    settings.INVITATIONS_PER_COMPANY_PER_DAY = 2
    invitation = invite(company_sent_in, "collega@example.nl")
    invitation = services.invitation_resend(invitation=invitation, by=company_sent_in)

    with pytest.raises(ValidationError, match="2 uitnodigingen verstuurd"):
        services.invitation_resend(invitation=invitation, by=company_sent_in)
    with pytest.raises(ValidationError, match="2 uitnodigingen verstuurd"):
        invite(company_sent_in, "nog-een@example.nl")

    assert Mail.objects.count() == 2
    invitation.refresh_from_db()
    assert invitation.is_open  # the refused resend left the link as it was


def test_the_access_page_says_clearly_when_the_limit_stops_a_resend(
    company_sent_in: User, settings: Settings
) -> None:
    settings.INVITATIONS_PER_COMPANY_PER_DAY = 1
    invitation = invite(company_sent_in, "collega@example.nl")

    url = reverse("invitation_resend", args=[invitation.public_id])
    response = client_for(company_sent_in).post(url, follow=True)

    assert response.redirect_chain == [(reverse("company_access"), 302)]
    assert "1 uitnodigingen verstuurd" in response.content.decode()
    assert Invitation.objects.get() == invitation
    assert Mail.objects.count() == 1


def test_an_accepted_or_revoked_invitation_is_not_resent(company_sent_in: User) -> None:
    accepted = InvitationFactory.create(
        company=company_sent_in.contact.company, accepted_at=timezone.now()
    )
    revoked = InvitationFactory.create(
        company=company_sent_in.contact.company, revoked_at=timezone.now()
    )
    for invitation in (accepted, revoked):
        with pytest.raises(ValidationError):
            services.invitation_resend(invitation=invitation, by=company_sent_in)
    assert Invitation.objects.count() == 2
    assert not Mail.objects.exists()


def test_an_invitee_who_joined_another_organisation_meanwhile_is_not_resent(
    company_sent_in: User, other_contact: User
) -> None:
    invitation = InvitationFactory.create(
        company=company_sent_in.contact.company, email=other_contact.email
    )
    with pytest.raises(ValidationError, match=REFUSED):
        services.invitation_resend(invitation=invitation, by=company_sent_in)
    invitation.refresh_from_db()
    assert invitation.revoked_at is None
    assert not Mail.objects.exists()


# --- Revoking ---------------------------------------------------------------------------


def test_a_revoked_invitation_stops_working_at_once(
    company_sent_in: User, plain_user: User
) -> None:
    invitation = invite(company_sent_in, plain_user.email)
    client = client_for(plain_user)
    assert client.get(accept_url(invitation)).status_code == 200

    services.invitation_revoke(invitation=invitation)

    page = client.get(accept_url(invitation))
    assert page.status_code == 404
    assert "werkt niet meer" in page.content.decode()
    assert escape(str(company_sent_in.contact.company)) not in page.content.decode()
    posted = client.post(accept_url(invitation), {"full_name": "Sanne Bakker"})
    assert posted.status_code == 404
    with pytest.raises(ValidationError, match="werkt niet meer"):
        services.invitation_accept(
            invitation=invitation,
            user=plain_user,
            person={"full_name": "Sanne Bakker", "phone": "", "position": ""},
        )
    assert not Contact.objects.filter(user=plain_user).exists()


def test_revoking_twice_does_no_harm_but_an_accepted_invitation_stays(
    company_sent_in: User,
) -> None:
    invitation = InvitationFactory.create(company=company_sent_in.contact.company)
    services.invitation_revoke(invitation=invitation)
    revoked_at = Invitation.objects.get(pk=invitation.pk).revoked_at
    services.invitation_revoke(invitation=invitation)
    assert Invitation.objects.get(pk=invitation.pk).revoked_at == revoked_at

    accepted = InvitationFactory.create(
        company=company_sent_in.contact.company, accepted_at=timezone.now()
    )
    with pytest.raises(ValidationError, match="al geaccepteerd"):
        services.invitation_revoke(invitation=accepted)
    accepted.refresh_from_db()
    assert accepted.revoked_at is None


def test_revoking_does_not_give_back_a_place_under_the_daily_limit(
    company_sent_in: User, settings: Settings
) -> None:
    settings.INVITATIONS_PER_COMPANY_PER_DAY = 1
    services.invitation_revoke(invitation=invite(company_sent_in, "een@example.nl"))
    with pytest.raises(ValidationError, match="1 uitnodigingen verstuurd"):
        invite(company_sent_in, "twee@example.nl")


def test_an_expired_invitation_no_longer_works(
    company_sent_in: User, plain_user: User, settings: Settings
) -> None:
    invitation = invite(company_sent_in, plain_user.email)
    Invitation.objects.filter(pk=invitation.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=settings.INVITATION_VALID_DAYS, hours=1)
    )
    invitation.refresh_from_db()

    response = client_for(plain_user).post(accept_url(invitation), {"full_name": "Sanne Bakker"})

    assert response.status_code == 404
    assert "werkt niet meer" in response.content.decode()
    assert not Contact.objects.filter(user=plain_user).exists()


# --- Opening and accepting an invitation -------------------------------------------------


def test_the_invitation_shows_the_company_and_who_invited(
    company_sent_in: User, plain_user: User
) -> None:
    company_sent_in.full_name = "Marleen de Bakker"
    company_sent_in.save()
    invitation = invite(company_sent_in, plain_user.email)

    html = client_for(plain_user).get(accept_url(invitation)).content.decode()

    assert escape(str(company_sent_in.contact.company)) in html
    assert "Marleen de Bakker" in html
    assert "Uitgenodigd door" in html
    for label in ("Uw naam", "Functie", "Telefoonnummer"):
        assert label in html


def test_accepting_stores_the_colleagues_name_function_and_phone(
    company_sent_in: User, plain_user: User
) -> None:
    invitation = invite(company_sent_in, plain_user.email)
    data = {"full_name": "Sanne Bakker", "position": "Teamleider", "phone": "+31 6 87654321"}

    response = client_for(plain_user).post(accept_url(invitation), data)

    assert response["Location"] == reverse("company_dashboard")
    contact = Contact.objects.select_related("user").get(user=plain_user)
    assert (contact.company, contact.position, contact.phone) == (
        company_sent_in.contact.company,
        "Teamleider",
        "0687654321",
    )
    assert contact.user.full_name == "Sanne Bakker"


def test_accepting_without_a_name_or_with_a_wrong_phone_saves_nothing(
    company_sent_in: User, plain_user: User
) -> None:
    invitation = invite(company_sent_in, plain_user.email)
    client = client_for(plain_user)

    no_name = client.post(accept_url(invitation), {"full_name": "", "phone": ""})
    bad_phone = client.post(accept_url(invitation), {"full_name": "Sanne", "phone": "123"})

    assert no_name.status_code == bad_phone.status_code == 200
    assert "Vul uw naam in" in " ".join(no_name.context["form"].errors["full_name"])
    assert "telefoonnummer" in " ".join(bad_phone.context["form"].errors["phone"])
    invitation.refresh_from_db()
    assert invitation.accepted_at is None
    assert not Contact.objects.filter(user=plain_user).exists()


def test_staff_or_a_coach_cannot_accept_an_invitation(company_sent_in: User, coach: User) -> None:
    invitation = InvitationFactory.create(
        company=company_sent_in.contact.company, email=coach.email
    )
    with pytest.raises(ValidationError, match="coach"):
        services.invitation_accept(invitation=invitation, user=coach)
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


# --- The access page ------------------------------------------------------------------------


def test_the_access_page_shows_who_has_access_and_the_open_invitations(
    company_sent_in: User, other_contact: User
) -> None:
    company = company_sent_in.contact.company
    company_sent_in.full_name = "Marleen de Bakker"
    company_sent_in.save()
    colleague = ContactFactory.create(
        company=company,
        user__full_name="Sanne Bakker",
        user__email="sanne@bakkerij-jansen.nl",
        position="Teamleider",
        phone="0612345678",
    )
    waiting = invite(company_sent_in, "piet@example.nl")
    InvitationFactory.create(
        company=company, email="teruggenomen@example.nl", revoked_at=timezone.now()
    )
    InvitationFactory.create(
        company=company, email="al-binnen@example.nl", accepted_at=timezone.now()
    )
    InvitationFactory.create(company=other_contact.contact.company, email="ander@example.nl")

    response = client_for(company_sent_in).get(reverse("company_access"))

    assert response.status_code == 200
    html = response.content.decode()
    for shown in ("Sanne Bakker", "Teamleider", "0612345678", "sanne@bakkerij-jansen.nl"):
        assert shown in html
    since = colleague.created_at.astimezone(timezone.get_current_timezone())
    assert f"Toegang sinds {since.day} " in html
    assert "piet@example.nl" in html
    assert "Uitgenodigd door Marleen de Bakker" in html
    assert reverse("invitation_resend", args=[waiting.public_id]) in html
    assert reverse("invitation_revoke", args=[waiting.public_id]) in html
    assert "De link werkt tot" in html
    for hidden in ("teruggenomen@", "al-binnen@", "ander@", other_contact.email):
        assert hidden not in html
    assert str(waiting.token) not in html  # the colleague's link is theirs alone


@pytest.mark.parametrize("action", ["invitation_resend", "invitation_revoke"])
def test_another_companys_invitation_is_a_404_and_stays_as_it_was(
    company_sent_in: User, other_contact: User, action: str
) -> None:
    EnrolmentFactory.create(company=other_contact.contact.company)
    theirs = invite(other_contact, "hun-collega@example.nl")
    url = reverse(action, args=[theirs.public_id])

    assert client_for(company_sent_in).post(url).status_code == 404
    assert client_for(company_sent_in).get(url).status_code == 404

    theirs.refresh_from_db()
    assert theirs.revoked_at is None
    assert Invitation.objects.count() == 1
    assert Mail.objects.count() == 1


@pytest.mark.parametrize("action", ["invitation_resend", "invitation_revoke"])
def test_resend_and_revoke_take_a_post_only(company_sent_in: User, action: str) -> None:
    invitation = invite(company_sent_in, "collega@example.nl")
    client = client_for(company_sent_in)
    assert client.get(reverse(action, args=[invitation.public_id])).status_code == 405
    csrf_checking = Client(enforce_csrf_checks=True)
    csrf_checking.force_login(company_sent_in)
    assert csrf_checking.post(reverse(action, args=[invitation.public_id])).status_code == 403
    invitation.refresh_from_db()
    assert invitation.revoked_at is None
    assert Invitation.objects.count() == 1


def test_revoking_from_the_access_page(company_sent_in: User) -> None:
    invitation = invite(company_sent_in, "collega@example.nl")
    url = reverse("invitation_revoke", args=[invitation.public_id])

    response = client_for(company_sent_in).post(url, follow=True)

    assert response.redirect_chain == [(reverse("company_access"), 302)]
    html = response.content.decode()
    assert "is ingetrokken" in html
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None


# --- Privacy -----------------------------------------------------------------------------


def test_the_privacy_export_holds_the_contacts_phone(contact: User) -> None:
    Contact.objects.filter(user=contact).update(phone="0612345678", position="Eigenaar")

    data: dict[str, Any] = person_export(user=contact)["data"]

    [row] = data["companies.contact"]
    assert (row["phone"], row["position"]) == ("0612345678", "Eigenaar")
