"""The enrolment lifecycle: every transition is a service with its rules."""

import datetime
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from accounts.models import User
from companies import services
from companies.models import Company, Contact, Enrolment, EnrolmentTransition, Region, Sector
from leercultuur.outbox.models import Mail
from leercultuur.outbox.tasks import send_mail
from tests.factories import CoachFactory, EditionFactory, EnrolmentFactory, UserFactory

Status = Enrolment.Status
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def details(**overrides: Any) -> services.CompanyDetails:
    values: dict[str, Any] = {
        "legal_name": "Bakkerij Jansen B.V.",
        "trade_name": "Bakkerij Jansen",
        "kvk_number": "12345678",
        "street_address": "Korenmarkt 3",
        "postcode": "6811 GW",
        "city": "Arnhem",
        "region": Region.objects.get(name="Arnhem-Nijmegen"),
        "sector": Sector.objects.get(code="C"),
        "employees": 35,
        "mbo_employees": 20,
        "has_hr_department": False,
    }
    return services.CompanyDetails(**(values | overrides))  # type: ignore[typeddict-item]


def test_starting_registers_company_contact_and_draft(plain_user: User) -> None:
    edition = EditionFactory.create()

    enrolment = services.enrolment_start(user=plain_user, edition=edition, details=details())

    assert enrolment.status == Status.DRAFT
    assert Contact.objects.get(user=plain_user).company == enrolment.company


def test_known_kvk_number_does_not_make_a_second_company(plain_user: User) -> None:
    edition = EditionFactory.create()
    services.enrolment_start(user=UserFactory.create(), edition=edition, details=details())

    with pytest.raises(ValidationError) as error:
        services.enrolment_start(user=plain_user, edition=edition, details=details())

    assert "invite you" in error.value.message_dict["kvk_number"][0]
    assert Company.objects.count() == 1
    assert not hasattr(User.objects.get(pk=plain_user.pk), "contact")


@pytest.mark.parametrize(
    ("overrides", "field"),
    [({"employees": 250}, "employees"), ({"employees": 10, "mbo_employees": 11}, "__all__")],
)
def test_company_must_be_mkb_with_mbo_staff_within_total(
    plain_user: User, overrides: dict[str, int], field: str
) -> None:
    with pytest.raises(ValidationError) as error:
        services.enrolment_start(
            user=plain_user, edition=EditionFactory.create(), details=details(**overrides)
        )

    assert field in error.value.message_dict
    assert not Company.objects.exists()


def test_closed_edition_takes_no_enrolment(plain_user: User) -> None:
    edition = EditionFactory.create(is_open=False)

    with pytest.raises(ValidationError, match="closed"):
        services.enrolment_start(user=plain_user, edition=edition, details=details())


def test_company_enrols_once_per_edition(contact: User) -> None:
    enrolment = EnrolmentFactory.create(company=contact.contact.company)

    with pytest.raises(ValidationError, match="already enrolled"):
        services.enrolment_start_for_company(user=contact, edition=enrolment.edition)


def test_submit_needs_consent_motivation_and_billing(contact: User) -> None:
    enrolment = EnrolmentFactory.create(company=contact.contact.company, status=Status.DRAFT)

    with pytest.raises(ValidationError) as error:
        services.enrolment_submit(
            enrolment=enrolment, by=contact, motivation=" ", accept_terms=False
        )

    assert set(error.value.message_dict) == {"motivation", "accept_terms"}
    enrolment.refresh_from_db()
    assert enrolment.status == Status.DRAFT


def test_submit_records_consent_and_tells_contacts_and_staff(
    contact: User, staff: User, django_capture_on_commit_callbacks: Any
) -> None:
    enrolment = EnrolmentFactory.create(company=contact.contact.company, status=Status.DRAFT)

    with django_capture_on_commit_callbacks(execute=True):
        services.enrolment_submit(
            enrolment=enrolment, by=contact, motivation="Leren werkt.", accept_terms=True
        )

    enrolment.refresh_from_db()
    assert enrolment.status == Status.SUBMITTED
    assert enrolment.terms_accepted_at is not None
    assert sorted(message.to[0] for message in mail.outbox) == sorted([contact.email, staff.email])
    subjects = {message.subject for message in mail.outbox}
    # Not yet accepted: the company's own words stay out of the subject.
    assert subjects == {"[Leercultuur MKB] Aanmelding: Ingediend"}


def test_draft_details_are_frozen_after_submitting(contact: User) -> None:
    enrolment = EnrolmentFactory.create(company=contact.contact.company, status=Status.SUBMITTED)

    with pytest.raises(ValidationError, match="submitted"):
        services.enrolment_update_billing(
            enrolment=enrolment,
            billing_email="x@example.nl",
            billing_contact="X",
            vat_number="",
            po_reference="",
        )


def test_accept_takes_a_place_and_waitlists_when_full(staff: User) -> None:
    edition = EditionFactory.create(places=1)
    first, second = EnrolmentFactory.create_batch(2, edition=edition)

    services.enrolment_accept(enrolment=first, by=staff)
    services.enrolment_accept(enrolment=second, by=staff)

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (Status.ACCEPTED, Status.WAITLISTED)
    assert services.places_taken(edition) == 1


def test_waitlisted_enrolment_moves_up_when_a_place_frees(staff: User) -> None:
    edition = EditionFactory.create(places=1)
    first, second = EnrolmentFactory.create_batch(2, edition=edition)
    services.enrolment_accept(enrolment=first, by=staff)
    services.enrolment_accept(enrolment=second, by=staff)

    services.enrolment_withdraw(enrolment=first, by=staff)
    services.enrolment_accept(enrolment=second, by=staff)

    second.refresh_from_db()
    assert second.status == Status.ACCEPTED


@pytest.mark.parametrize(
    ("start", "to"),
    [
        (Status.DRAFT, services.enrolment_accept),
        (Status.REJECTED, services.enrolment_accept),
        (Status.COMPLETED, services.enrolment_withdraw),
        (Status.SUBMITTED, services.enrolment_complete),
        (Status.WITHDRAWN, services.enrolment_reject),
    ],
)
def test_transitions_outside_the_lifecycle_are_refused(staff: User, start: str, to: Any) -> None:
    enrolment = EnrolmentFactory.create(status=start)

    with pytest.raises(ValidationError, match="cannot become"):
        to(enrolment=enrolment, by=staff)

    enrolment.refresh_from_db()
    assert enrolment.status == start
    assert not EnrolmentTransition.objects.exists()


def test_activation_needs_a_coach_and_sets_the_end_date(staff: User, coach: User) -> None:
    enrolment = EnrolmentFactory.create(status=Status.ACCEPTED)
    start = datetime.date(2026, 4, 30)
    with pytest.raises(ValidationError, match="lead coach"):
        services.enrolment_activate(enrolment=enrolment, by=staff, start_date=start)

    services.enrolment_assign_coach(enrolment=enrolment, coach=coach, by=staff)
    services.enrolment_activate(enrolment=enrolment, by=staff, start_date=start)

    enrolment.refresh_from_db()
    assert enrolment.status == Status.ACTIVE
    assert enrolment.end_date == datetime.date(2027, 2, 28)  # 10 months, end of February


def test_only_active_coaches_are_assigned(staff: User, contact: User) -> None:
    enrolment = EnrolmentFactory.create(status=Status.ACCEPTED)
    retired = CoachFactory.create(is_active=False).user

    for person in (contact, retired):
        with pytest.raises(ValidationError, match="not an active coach"):
            services.enrolment_assign_coach(enrolment=enrolment, coach=person, by=staff)


def test_every_transition_is_recorded_and_audited(staff: User) -> None:
    from auditlog.models import LogEntry

    enrolment = EnrolmentFactory.create()

    services.enrolment_reject(enrolment=enrolment, by=staff)

    (transition,) = EnrolmentTransition.objects.filter(enrolment=enrolment)
    assert (transition.from_status, transition.to_status, transition.by) == (
        Status.SUBMITTED,
        Status.REJECTED,
        staff,
    )
    entry = LogEntry.objects.get_for_object(enrolment).latest("timestamp")
    assert entry.changes_dict["status"] == ["submitted", "rejected"]


def test_status_mail_is_sent_once_even_when_the_task_runs_twice(contact: User, staff: User) -> None:
    enrolment = EnrolmentFactory.create(company=contact.contact.company)
    services.enrolment_reject(enrolment=enrolment, by=staff)
    status_mail = Mail.objects.get(kind="enrolment_status")

    assert send_mail(status_mail.pk) is True
    assert send_mail(status_mail.pk) is False
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [contact.email]


def test_the_company_is_named_in_the_subject_once_accepted(contact: User, staff: User) -> None:
    company = contact.contact.company
    company.legal_name = "Bakkerij Jansen B.V."
    company.save()
    enrolment = EnrolmentFactory.create(company=company)

    services.enrolment_accept(enrolment=enrolment, by=staff)

    status_mail = Mail.objects.get(kind="enrolment_status")
    assert status_mail.subject == "[Leercultuur MKB] Bakkerij Jansen B.V.: Geaccepteerd"


@pytest.mark.parametrize(
    ("start", "months", "end"),
    [
        (datetime.date(2026, 1, 31), 1, datetime.date(2026, 2, 28)),
        (datetime.date(2026, 3, 15), 10, datetime.date(2027, 1, 15)),
        (datetime.date(2027, 12, 31), 2, datetime.date(2028, 2, 29)),
    ],
)
def test_add_months(start: datetime.date, months: int, end: datetime.date) -> None:
    assert services.add_months(start, months) == end
