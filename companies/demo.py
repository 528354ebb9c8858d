from accounts.demo import demo_user
from companies.models import Company, Contact


def seed_companies() -> list[str]:
    """A demo company with its contact; returns the logins it made."""
    company, _created = Company.objects.get_or_create(
        legal_name="Bakkerij De Gelderse Korenschoof B.V."
    )
    user = demo_user("contact@leercultuur.test", "Sanne de Vries")
    Contact.objects.get_or_create(
        user=user, defaults={"company": company, "position": "HR-adviseur"}
    )
    return [f"company contact  {user.email}  ({company})"]
