"""The work surface's first queues: sent-in enrolments wait on the dashboard until staff
accept, waitlist or reject them on their own page, which shows the rule that decides; an
accepted company waits there until staff give it a lead coach."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from companies.models import Edition, Enrolment
from leercultuur.outbox.models import Mail
from tests.conftest import client_for
from tests.factories import ContactFactory, EditionFactory, EnrolmentFactory

pytestmark = pytest.mark.django_db


def sent_in(edition: Edition, name: str) -> Enrolment:
    enrolment = EnrolmentFactory.create(
        edition=edition,
        company__legal_name=name,
        status=Enrolment.Status.SUBMITTED,
        submitted_at=timezone.now(),
    )
    ContactFactory.create(company=enrolment.company)
    return enrolment


def queue(client: Client) -> list[str]:
    response = client.get(reverse("staff_dashboard"), {"wachtrij": "besluit"})
    return [str(e.company) for e in response.context["page"]]


def decide(client: Client, enrolment: Enrolment, decision: str) -> Enrolment:
    response = client.post(reverse("enrolment_decide", args=[enrolment.public_id]), {decision: ""})
    assert response.status_code == 302, response.content.decode()[:500]
    enrolment.refresh_from_db()
    return enrolment


def test_sent_in_enrolments_wait_in_the_queue_until_decided(staff: User) -> None:
    edition = EditionFactory.create(places=5)
    first, second, third = (sent_in(edition, name) for name in ("Bakkerij", "Garage", "Zorg"))
    EnrolmentFactory.create(
        edition=edition, company__legal_name="Nog een concept", status=Enrolment.Status.DRAFT
    )
    EnrolmentFactory.create(edition=edition, status=Enrolment.Status.ACCEPTED)
    client = client_for(staff)
    assert queue(client) == ["Bakkerij", "Garage", "Zorg"]

    assert decide(client, first, "accept").status == Enrolment.Status.ACCEPTED
    assert decide(client, second, "waitlist").status == Enrolment.Status.WAITLISTED
    assert decide(client, third, "reject").status == Enrolment.Status.REJECTED

    assert queue(client) == []
    assert Mail.objects.filter(kind="enrolment_status").count() == 3


def test_the_page_shows_the_places_and_a_full_edition_waitlists_on_accept(staff: User) -> None:
    edition = EditionFactory.create(places=1)
    EnrolmentFactory.create(edition=edition, status=Enrolment.Status.ACCEPTED)
    enrolment = sent_in(edition, "Metaal Oost")
    client = client_for(staff)

    page = client.get(reverse("enrolment_decide", args=[enrolment.public_id])).content.decode()
    assert "1 van de 1 plaatsen zijn bezet; 0 over." in page
    assert "de editie is vol" in page

    assert decide(client, enrolment, "accept").status == Enrolment.Status.WAITLISTED


def test_a_decided_enrolment_is_not_decided_again(staff: User) -> None:
    enrolment = sent_in(EditionFactory.create(), "Bakkerij")
    client = client_for(staff)
    decide(client, enrolment, "reject")

    url = reverse("enrolment_decide", args=[enrolment.public_id])
    response = client.post(url, {"accept": ""})

    assert response.status_code == 200
    assert response.context["error"]
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.REJECTED


def test_only_staff_see_the_queue_and_decide(contact: User, coach: User) -> None:
    enrolment = sent_in(EditionFactory.create(), "Bakkerij")
    url = reverse("enrolment_decide", args=[enrolment.public_id])
    for user in (contact, coach):
        assert client_for(user).post(url, {"accept": ""}).status_code == 404
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.SUBMITTED


def test_an_accepted_company_waits_for_a_lead_coach_and_staff_choose_the_least_busy(
    staff: User, coach: User, other_coach: User
) -> None:
    edition = EditionFactory.create()
    enrolment = EnrolmentFactory.create(
        edition=edition, company__legal_name="Garage Oost", status=Enrolment.Status.ACCEPTED
    )
    EnrolmentFactory.create(edition=edition, status=Enrolment.Status.ACTIVE, lead_coach=coach)
    client = client_for(staff)
    dashboard = client.get(reverse("staff_dashboard"), {"wachtrij": "coach"})
    assert [str(e.company) for e in dashboard.context["page"]] == ["Garage Oost"]

    url = reverse("coach_assign", args=[enrolment.public_id])
    choices = client.get(url).context["form"].fields["coach"].queryset
    assert [(c, c.load) for c in choices] == [(other_coach, 0), (coach, 1)]

    response = client.post(url, {"coach": other_coach.pk})

    assert response.status_code == 302
    enrolment.refresh_from_db()
    assert enrolment.lead_coach == other_coach
    dashboard = client.get(reverse("staff_dashboard"), {"wachtrij": "coach"})
    assert dashboard.context["page"].paginator.count == 0


def test_only_an_active_coach_can_be_chosen(staff: User, contact: User) -> None:
    enrolment = EnrolmentFactory.create(status=Enrolment.Status.ACCEPTED)
    url = reverse("coach_assign", args=[enrolment.public_id])

    response = client_for(staff).post(url, {"coach": contact.pk})

    assert response.status_code == 200
    assert response.context["form"].errors
    enrolment.refresh_from_db()
    assert enrolment.lead_coach is None
