import datetime
from decimal import Decimal
from typing import Any

import factory
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.db.models import Sum
from django.utils import timezone
from factory.django import DjangoModelFactory

from accounts.models import User
from coaching.models import Coach, CoachingSession
from companies.models import (
    Company,
    Contact,
    DevelopmentPlan,
    Edition,
    Enrolment,
    Invitation,
    NeedsAnalysis,
    PlanAction,
    Region,
    Sector,
)
from invoicing.models import Invoice, IssuerDetails
from networks.models import LearningNetwork, Meeting, Registration
from networks.services import attendance_open_refresh
from people.models import Education, Group, Participant

PASSWORD = "Leren-op-de-werkvloer-2026"


class UserFactory(DjangoModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"persoon{n}@example.nl")
    full_name = factory.Faker("name", locale="nl_NL")
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def verified(self, create: bool, extracted: bool | None, **kwargs: object) -> None:
        """A verified primary e-mail address, as allauth's mandatory verification wants."""
        if create and extracted is not False:
            EmailAddress.objects.create(user=self, email=self.email, primary=True, verified=True)


class StaffFactory(UserFactory):
    is_staff = True
    is_superuser = True


class EditionFactory(DjangoModelFactory[Edition]):
    """An edition open for enrolment today, with the programme's standard terms."""

    class Meta:
        model = Edition

    name = factory.Sequence(lambda n: f"Editie {2026 + n}")
    enrolment_opens = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(30))
    enrolment_closes = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(60))
    places = 20
    terms = "Eigen bijdrage EUR 2.000, traject van 10 maanden, deelname aan het lerend netwerk."
    is_open = True


class CompanyFactory(DjangoModelFactory[Company]):
    class Meta:
        model = Company

    legal_name = factory.Faker("company", locale="nl_NL")
    kvk_number = factory.Sequence(lambda n: f"{10000000 + n}")
    street_address = "Stationsstraat 1"
    postcode = "6811 AA"
    city = "Arnhem"
    # get_or_create: a transactional test flushes the rows the data migration seeded.
    region = factory.LazyFunction(lambda: Region.objects.get_or_create(name="Arnhem-Nijmegen")[0])
    sector = factory.LazyFunction(
        lambda: Sector.objects.get_or_create(code="C", defaults={"name": "Industrie"})[0]
    )
    employees = 40
    mbo_employees = 25
    billing_email = "administratie@example.nl"
    billing_contact = "Financiële administratie"


class EnrolmentFactory(DjangoModelFactory[Enrolment]):
    class Meta:
        model = Enrolment

    edition = factory.SubFactory(EditionFactory)
    company = factory.SubFactory(CompanyFactory)
    status = Enrolment.Status.SUBMITTED
    motivation = "Wij willen dat leren gewoon wordt op de werkvloer."


def running_enrolment(company: Company, coach: User, **fields: Any) -> Enrolment:
    """A trajectory under way for a month of its ten, led by ``coach``."""
    today = timezone.localdate()
    return EnrolmentFactory.create(
        company=company,
        status=Enrolment.Status.ACTIVE,
        lead_coach=coach,
        start_date=today - datetime.timedelta(days=30),
        end_date=today + datetime.timedelta(days=270),
        **fields,
    )


class ContactFactory(DjangoModelFactory[Contact]):
    class Meta:
        model = Contact

    user = factory.SubFactory(UserFactory)
    company = factory.SubFactory(CompanyFactory)
    position = "HR-adviseur"


class CoachFactory(DjangoModelFactory[Coach]):
    class Meta:
        model = Coach

    user = factory.SubFactory(UserFactory)
    organisation = "Gelders Vakmanschap"


class NeedsAnalysisFactory(DjangoModelFactory[NeedsAnalysis]):
    """A baseline measurement in progress, with no answers yet."""

    class Meta:
        model = NeedsAnalysis

    enrolment = factory.SubFactory(EnrolmentFactory)
    kind = NeedsAnalysis.Kind.BASELINE
    questionnaire_version = 1


class DevelopmentPlanFactory(DjangoModelFactory[DevelopmentPlan]):
    class Meta:
        model = DevelopmentPlan
        django_get_or_create = ("enrolment",)

    enrolment = factory.SubFactory(EnrolmentFactory, status=Enrolment.Status.ACTIVE)


class PlanActionFactory(DjangoModelFactory[PlanAction]):
    class Meta:
        model = PlanAction

    plan = factory.SubFactory(DevelopmentPlanFactory)
    title = "Werkplekbegeleiders opleiden"
    kind = PlanAction.Kind.FORMAL
    target_group = PlanAction.TargetGroup.MBO_STAFF
    training_institution = "ROC Rijn IJssel"


class InvitationFactory(DjangoModelFactory[Invitation]):
    class Meta:
        model = Invitation

    company = factory.SubFactory(CompanyFactory)
    email = factory.Sequence(lambda n: f"collega{n}@example.nl")


def with_totp(user: User) -> User:
    """Give a user an activated TOTP authenticator, as staff and coaches must have."""
    TOTP.activate(user, generate_totp_secret())
    return user


class CoachingSessionFactory(DjangoModelFactory[CoachingSession]):
    """An hour of coaching today; pass an active enrolment and its coach."""

    class Meta:
        model = CoachingSession

    enrolment = factory.SubFactory(EnrolmentFactory, status=Enrolment.Status.ACTIVE)
    coach = factory.LazyAttribute(lambda session: session.enrolment.lead_coach)
    date = factory.LazyFunction(timezone.localdate)
    minutes = 60
    activity = CoachingSession.Activity.CONVERSATION
    summary = "Gesprek over het ontwikkelplan met de leidinggevenden."

    @classmethod
    def _create(cls, model_class: type[CoachingSession], *args: Any, **kwargs: Any) -> Any:
        """Saved past the services, so keep the enrolment's sum as they do."""
        session = super()._create(model_class, *args, **kwargs)
        used = CoachingSession.objects.filter(enrolment_id=session.enrolment_id)
        Enrolment.objects.filter(pk=session.enrolment_id).update(
            minutes_used=used.aggregate(total=Sum("minutes"))["total"] or 0
        )
        return session


class LearningNetworkFactory(DjangoModelFactory[LearningNetwork]):
    """A network of an edition; pass members=[enrolment, ...] and facilitators=[user, ...]."""

    class Meta:
        model = LearningNetwork
        skip_postgeneration_save = True

    edition = factory.SubFactory(EditionFactory)
    name = factory.Sequence(lambda n: f"Netwerk {n + 1}")

    @factory.post_generation
    def members(self, create: bool, extracted: list[Enrolment] | None, **kwargs: object) -> None:
        if create and extracted:
            self.members.add(*extracted)

    @factory.post_generation
    def facilitators(self, create: bool, extracted: list[User] | None, **kwargs: object) -> None:
        if create and extracted:
            self.facilitators.add(*extracted)


class MeetingFactory(DjangoModelFactory[Meeting]):
    """A two-hour meeting on location, two weeks from now."""

    class Meta:
        model = Meeting

    network = factory.SubFactory(LearningNetworkFactory)
    theme = "Leren op de werkvloer"
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=14))
    ends_at = factory.LazyAttribute(lambda meeting: meeting.starts_at + datetime.timedelta(hours=2))
    location = "Doetinchem"
    capacity = 10


class RegistrationFactory(DjangoModelFactory[Registration]):
    """A registered person; pass an enrolment that is a member of the meeting's network."""

    class Meta:
        model = Registration
        skip_postgeneration_save = True

    meeting = factory.SubFactory(MeetingFactory)
    enrolment = factory.SubFactory(EnrolmentFactory, status=Enrolment.Status.ACTIVE)
    name = factory.Faker("name", locale="nl_NL")
    role = "Monteur"
    is_mbo = True
    status = Registration.Status.REGISTERED

    @factory.post_generation
    def attendance_open(
        obj: Registration, create: bool, extracted: object, **kwargs: object
    ) -> None:
        """As the services do after every write to a meeting's registrations."""
        if create:
            attendance_open_refresh(meeting_ids=[obj.meeting_id])


class ParticipantFactory(DjangoModelFactory[Participant]):
    """A participant of a company: an employee with an mbo diploma, without an address."""

    class Meta:
        model = Participant

    company = factory.SubFactory(CompanyFactory)
    name = factory.Sequence(lambda n: f"Deelnemer {n + 1}")
    job_title = "Monteur"
    group = Group.EMPLOYEE
    education = Education.MBO3


def meeting_for(*enrolments: Enrolment, capacity: int = 2, days: float = 14) -> Meeting:
    """A meeting some days from now (negative: past) of a new network of these members."""
    network = LearningNetworkFactory.create(edition=enrolments[0].edition, members=enrolments)
    start = timezone.now() + datetime.timedelta(days=days)
    return MeetingFactory.create(network=network, starts_at=start, capacity=capacity)


class IssuerDetailsFactory(DjangoModelFactory[IssuerDetails]):
    """The programme office that sends the invoices (one record)."""

    class Meta:
        model = IssuerDetails
        django_get_or_create = ("key",)

    key = 1
    legal_name = "Vereniging VNO-NCW Midden"
    street_address = "Stationsplein 12"
    postcode = "6811 KL"
    city = "Arnhem"
    kvk_number = "40117042"
    vat_number = "NL001234560B01"
    iban = "NL91ABNA0417164300"
    bic = "ABNANL2A"
    email = "facturen@vnoncwmidden.nl"


class DraftInvoiceFactory(DjangoModelFactory[Invoice]):
    """A draft invoice of EUR 2,000 plus 21% VAT for an accepted enrolment."""

    class Meta:
        model = Invoice

    enrolment = factory.SubFactory(EnrolmentFactory, status=Enrolment.Status.ACCEPTED)
    kind = Invoice.Kind.INVOICE
    description = "Eigen bijdrage Leercultuur MKB"
    net_amount = Decimal("2000.00")
    vat_category = "S"
    vat_rate = Decimal("21.00")
    vat_amount = Decimal("420.00")
    total_amount = Decimal("2420.00")


class IssuedInvoiceFactory(DraftInvoiceFactory):
    """An invoice as issuing leaves it (number, dates), written without the service."""

    year = factory.LazyFunction(lambda: timezone.localdate().year)
    sequence = factory.Sequence(lambda n: n + 1)
    number = factory.LazyAttribute(lambda invoice: f"{invoice.year}-{invoice.sequence:04d}")
    issue_date = factory.LazyFunction(timezone.localdate)
    due_date = factory.LazyAttribute(lambda invoice: invoice.issue_date + datetime.timedelta(30))
    supply_date = factory.SelfAttribute("issue_date")
    issued_at = factory.LazyFunction(timezone.now)
