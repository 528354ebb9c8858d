import factory
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from factory.django import DjangoModelFactory

from accounts.models import User
from coaching.models import Coach
from companies.models import Company, Contact

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


class CompanyFactory(DjangoModelFactory[Company]):
    class Meta:
        model = Company

    legal_name = factory.Faker("company", locale="nl_NL")


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


def with_totp(user: User) -> User:
    """Give a user an activated TOTP authenticator, as staff and coaches must have."""
    TOTP.activate(user, generate_totp_secret())
    return user
