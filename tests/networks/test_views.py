"""The network pages: members see and register, facilitators run the meeting, others get 404.

The contact's company is a member of the network facilitated by `coach`; the company of
`other_contact` is not, and neither is `other_coach` a facilitator.
"""

import datetime
from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from companies.models import Enrolment
from networks.forms import NewcomerForm
from networks.models import Experience, LearningNetwork, Meeting, MeetingDocument, Registration
from people.models import Participant, PeopleInformed
from tests.conftest import client_for
from tests.factories import EnrolmentFactory, ParticipantFactory

pytestmark = pytest.mark.django_db
Status = Registration.Status


@dataclass
class Network:
    network: LearningNetwork
    enrolment: Enrolment
    coming: Meeting
    past: Meeting


def _meeting(network: LearningNetwork, hours_from_now: float, capacity: int = 10) -> Meeting:
    start = timezone.now() + datetime.timedelta(hours=hours_from_now)
    return Meeting.objects.create(
        network=network,
        theme=f"Thema {hours_from_now}",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        location="Ede, Bedrijfsweg 1",
        capacity=capacity,
    )


@pytest.fixture
def net(contact: User, coach: User) -> Network:
    enrolment = EnrolmentFactory.create(
        company=contact.contact.company, status=Enrolment.Status.ACTIVE
    )
    network = LearningNetwork.objects.create(edition=enrolment.edition, name="Netwerk Vallei")
    network.members.add(enrolment)
    network.facilitators.add(coach)
    return Network(network, enrolment, _meeting(network, 24 * 7), _meeting(network, -24 * 7))


def _pages(net: Network, document: MeetingDocument, experience: Experience) -> list[str]:
    return [
        reverse("network_detail", args=[net.network.public_id]),
        reverse("meeting_detail", args=[net.coming.public_id]),
        reverse("meeting_detail", args=[net.past.public_id]),
        reverse("document_download", args=[document.public_id]),
    ]


@pytest.fixture
def document(net: Network, coach: User) -> MeetingDocument:
    upload = SimpleUploadedFile("slides.pdf", b"%PDF-1.7 test", content_type="application/pdf")
    return MeetingDocument.objects.create(meeting=net.past, title="Slides", file=upload)


@pytest.fixture
def experience(net: Network, contact: User) -> Experience:
    return Experience.objects.create(
        network=net.network, author=contact, enrolment=net.enrolment, body="Mentoring werkt."
    )


def test_members_facilitators_and_staff_see_the_network_pages(
    net: Network,
    document: MeetingDocument,
    experience: Experience,
    contact: User,
    coach: User,
    staff: User,
) -> None:
    for user in (contact, coach, staff):
        client = client_for(user)
        for url in _pages(net, document, experience):
            assert client.get(url).status_code == 200, (user, url)


def test_outsiders_get_a_404_for_network_meetings_experiences_and_files(
    net: Network,
    document: MeetingDocument,
    experience: Experience,
    other_contact: User,
    other_coach: User,
) -> None:
    cancel = Registration.objects.create(meeting=net.coming, enrolment=net.enrolment, name="A")
    for user in (other_contact, other_coach):
        client = client_for(user)
        for url in _pages(net, document, experience):
            assert client.get(url).status_code == 404, (user, url)
        for url in (
            reverse("registration_cancel", args=[cancel.public_id]),
            reverse("experience_delete", args=[experience.public_id]),
            reverse("meeting_detail", args=[net.coming.public_id]),
            reverse("attendance_update", args=[net.past.public_id]),
        ):
            assert client.post(url, {"name": "Indringer"}).status_code == 404, (user, url)
    assert Experience.objects.filter(pk=experience.pk).exists()
    assert Registration.objects.get(pk=cancel.pk).status == Status.REGISTERED
    assert net.coming.registrations.count() == 1


def test_the_network_page_lists_only_the_users_networks(
    net: Network, contact: User, other_contact: User
) -> None:
    url = reverse("network_list")
    assert "Netwerk Vallei" in client_for(contact).get(url).content.decode()
    assert "Netwerk Vallei" not in client_for(other_contact).get(url).content.decode()


def _informed(net: Network, contact: User) -> None:
    PeopleInformed.objects.create(company=net.enrolment.company, confirmed_by=contact)


def test_a_contact_registers_people_from_the_list_and_a_full_meeting_waits(
    net: Network, contact: User
) -> None:
    _informed(net, contact)
    net.coming.capacity = 1
    net.coming.save()
    company = net.enrolment.company
    anna = ParticipantFactory.create(company=company, name="Anna de Vries", job_title="Planner")
    bram = ParticipantFactory.create(company=company, name="Bram Jansen")
    ParticipantFactory.create(company=company, name="Weg Geweest", is_active=False)
    ParticipantFactory.create(name="Van Elders")  # another company's
    client = client_for(contact)
    url = reverse("meeting_detail", args=[net.coming.public_id])

    page = client.get(url).content.decode()
    assert "Anna de Vries (Planner)" in page
    assert "Bram Jansen" in page
    assert "Weg Geweest" not in page
    assert "Van Elders" not in page

    client.post(url, {"participant": anna.public_id})
    response = client.post(url, {"participant": bram.public_id}, follow=True)

    first, second = net.coming.registrations.order_by("created_at")
    assert (first.participant, first.status, first.is_mbo) == (anna, Status.REGISTERED, True)
    assert (second.participant, second.status) == (bram, Status.WAITLISTED)
    page = response.content.decode()
    assert "Bram Jansen staat op de wachtlijst" in page
    # Registered people are no longer offered; they are listed with their details.
    assert f'value="{anna.public_id}"' not in page
    assert "Planner" in page


def test_someone_not_on_the_list_is_added_and_registered_from_the_meeting_page(
    net: Network, contact: User
) -> None:
    _informed(net, contact)
    url = reverse("meeting_detail", args=[net.coming.public_id])
    newcomer = {
        "name": "Cem Yilmaz",
        "job_title": "Lasser",
        "group": "employee",
        "education": "mbo2",
        "email": "cem@example.nl",
        NewcomerForm.SUBMIT: "1",
    }

    response = client_for(contact).post(url, newcomer, follow=True)

    cem = Participant.objects.get(company=net.enrolment.company)
    assert (cem.name, cem.job_title, cem.email, cem.is_mbo) == (
        "Cem Yilmaz",
        "Lasser",
        "cem@example.nl",
        True,
    )
    assert net.coming.registrations.get().participant == cem
    assert "Cem Yilmaz is aangemeld." in response.content.decode()


def test_a_newcomer_without_a_name_or_group_comes_back_with_messages(
    net: Network, contact: User
) -> None:
    _informed(net, contact)
    response = client_for(contact).post(
        reverse("meeting_detail", args=[net.coming.public_id]),
        {"name": "  ", "education": "unknown", NewcomerForm.SUBMIT: "1"},
    )

    assert response.status_code == 200
    errors = response.context["newcomer_form"].errors
    assert set(errors) == {"name", "group"}
    assert "Dit veld is verplicht" in response.content.decode()
    assert not response.context["form"].errors  # the other form was not sent
    assert not Participant.objects.exists()
    assert not net.coming.registrations.exists()


def test_without_the_statement_the_page_leads_to_the_participants_first(
    net: Network, contact: User
) -> None:
    url = reverse("meeting_detail", args=[net.coming.public_id])
    client = client_for(contact)

    page = client.get(url).content.decode()
    response = client.post(url, {"name": "Anna", "group": "employee", NewcomerForm.SUBMIT: "1"})

    participants = reverse("participant_list", args=[net.enrolment.public_id])
    assert f'href="{participants}"' in page
    assert NewcomerForm.SUBMIT not in page
    assert "eerst" in response.content.decode()
    assert not Participant.objects.exists()


def test_another_companys_participant_cannot_be_registered(
    net: Network, contact: User, other_contact: User
) -> None:
    _informed(net, contact)
    stranger = ParticipantFactory.create(company=other_contact.contact.company)

    response = client_for(contact).post(
        reverse("meeting_detail", args=[net.coming.public_id]), {"participant": stranger.public_id}
    )

    assert response.status_code == 200
    assert "participant" in response.context["form"].errors
    assert not net.coming.registrations.exists()


def test_registering_the_same_participant_again_says_so(net: Network, contact: User) -> None:
    """As when another contact registered them a moment ago, from a page shown before."""
    _informed(net, contact)
    anna = ParticipantFactory.create(company=net.enrolment.company, name="Anna de Vries")
    client = client_for(contact)
    url = reverse("meeting_detail", args=[net.coming.public_id])
    client.post(url, {"participant": anna.public_id})

    response = client.post(url, {"participant": anna.public_id})

    assert response.status_code == 200
    # No longer a choice on the form: chosen anyway, the form says so on the field.
    assert response.context["form"].errors["participant"]
    assert net.coming.registrations.count() == 1


def test_old_registrations_by_typed_name_show_as_they_are(net: Network, contact: User) -> None:
    Registration.objects.create(
        meeting=net.coming, enrolment=net.enrolment, name="Oud Ingetypt", role="Bakker"
    )
    page = client_for(contact).get(reverse("meeting_detail", args=[net.coming.public_id]))
    text = page.content.decode()
    assert "Oud Ingetypt" in text
    assert "Bakker" in text


def test_cancelling_moves_the_waiting_list_up(net: Network, contact: User) -> None:
    net.coming.capacity = 1
    net.coming.save()
    first = Registration.objects.create(meeting=net.coming, enrolment=net.enrolment, name="A")
    second = Registration.objects.create(
        meeting=net.coming, enrolment=net.enrolment, name="B", status=Status.WAITLISTED
    )
    client = client_for(contact)
    client.post(reverse("registration_cancel", args=[first.public_id]))
    again = client.post(reverse("registration_cancel", args=[first.public_id]), follow=True)

    second.refresh_from_db()
    assert second.status == Status.REGISTERED
    assert again.status_code == 200
    assert "al geannuleerd" in again.content.decode()


def test_the_facilitator_records_attendance_and_a_report(net: Network, coach: User) -> None:
    came = Registration.objects.create(meeting=net.past, enrolment=net.enrolment, name="Anna")
    away = Registration.objects.create(meeting=net.past, enrolment=net.enrolment, name="Bram")
    client = client_for(coach)

    client.post(
        reverse("attendance_update", args=[net.past.public_id]), {"present": [came.public_id]}
    )
    client.post(reverse("meeting_report", args=[net.past.public_id]), {"report": "Goed gesprek."})

    came.refresh_from_db()
    away.refresh_from_db()
    net.past.refresh_from_db()
    assert (came.attended, away.attended) == (True, False)
    assert net.past.report == "Goed gesprek."


def test_the_attendance_list_names_the_participants_and_marks_them(
    net: Network, contact: User, coach: User
) -> None:
    anna = ParticipantFactory.create(company=net.enrolment.company, name="Anna de Vries")
    bram = ParticipantFactory.create(company=net.enrolment.company, name="Bram Jansen")
    came = Registration.objects.create(meeting=net.past, enrolment=net.enrolment, participant=anna)
    away = Registration.objects.create(meeting=net.past, enrolment=net.enrolment, participant=bram)
    typed = Registration.objects.create(meeting=net.past, enrolment=net.enrolment, name="Oud")
    client = client_for(coach)
    url = reverse("meeting_detail", args=[net.past.public_id])

    page = client.get(url).content.decode()
    assert f'<label for="present-{came.public_id}">' in page
    assert "Anna de Vries" in page
    assert "Oud" in page

    client.post(
        reverse("attendance_update", args=[net.past.public_id]),
        {"present": [came.public_id, typed.public_id]},
    )

    present = net.past.registrations.filter(attended=True)
    assert {r.pk for r in present} == {came.pk, typed.pk}
    assert present.get(participant__isnull=False).participant == anna
    away.refresh_from_db()
    assert away.attended is False


def test_contacts_cannot_record_attendance(net: Network, contact: User) -> None:
    registration = Registration.objects.create(meeting=net.past, enrolment=net.enrolment, name="A")
    url = reverse("attendance_update", args=[net.past.public_id])
    assert client_for(contact).post(url, {"present": [registration.public_id]}).status_code == 404
    registration.refresh_from_db()
    assert registration.attended is None


def test_a_report_before_the_meeting_is_refused_with_a_message(net: Network, coach: User) -> None:
    url = reverse("meeting_report", args=[net.coming.public_id])
    response = client_for(coach).post(url, {"report": "Te vroeg"})
    assert response.status_code == 200
    assert "zodra de bijeenkomst is begonnen" in response.content.decode()
    net.coming.refresh_from_db()
    assert net.coming.report == ""


def test_experiences_are_plain_text_and_shown_escaped(net: Network, contact: User) -> None:
    client = client_for(contact)
    url = reverse("network_detail", args=[net.network.public_id])
    client.post(url, {"body": "<script>alert(1)</script> Leren <b>werkt</b>"})

    page = client.get(url).content.decode()
    assert Experience.objects.get().body.startswith("<script>")
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_a_member_cannot_remove_another_members_experience(
    net: Network, contact: User, experience: Experience
) -> None:
    colleague_company = EnrolmentFactory.create(status=Enrolment.Status.ACTIVE)
    net.network.members.add(colleague_company)
    other = Experience.objects.create(
        network=net.network, enrolment=colleague_company, body="Van een ander bedrijf"
    )
    client = client_for(contact)
    assert client.post(reverse("experience_delete", args=[other.public_id])).status_code == 404
    client.post(reverse("experience_delete", args=[experience.public_id]))
    assert list(Experience.objects.all()) == [other]


def test_the_facilitator_shares_a_file_and_a_wrong_type_is_refused(
    net: Network, coach: User, contact: User
) -> None:
    client = client_for(coach)
    url = reverse("document_upload", args=[net.past.public_id])
    bad = SimpleUploadedFile("virus.exe", b"MZ", content_type="application/octet-stream")
    refused = client.post(url, {"title": "Kwaad", "file": bad})
    good = SimpleUploadedFile("hand-out.pdf", b"%PDF-1.7", content_type="application/pdf")
    client.post(url, {"title": "Hand-out", "file": good})

    assert refused.status_code == 200
    assert "Upload een pdf" in refused.content.decode()
    document = MeetingDocument.objects.get()
    download = client_for(contact).get(reverse("document_download", args=[document.public_id]))
    assert b"".join(download.streaming_content) == b"%PDF-1.7"  # type: ignore[attr-defined]


def test_an_unknown_checkin_token_is_a_404(client: object) -> None:
    url = reverse("checkin", args=["00000000-0000-4000-8000-000000000000"])
    assert client.get(url).status_code == 404  # type: ignore[attr-defined]


def test_the_qr_page_shows_an_svg_that_leads_to_the_checkin_page(
    net: Network, coach: User, contact: User
) -> None:
    url = reverse("meeting_qr", args=[net.coming.public_id])
    page = client_for(coach).get(url).content.decode()
    assert "<svg" in page
    assert reverse("checkin", args=[net.coming.checkin_token]) in page
    assert client_for(contact).get(url).status_code == 404
