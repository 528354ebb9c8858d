"""Demo people for `seed_demo`: one login per role, same password for all."""

from allauth.account.models import EmailAddress

from accounts.models import User

# Public on purpose: seed_demo refuses to run with DEBUG off.
DEMO_PASSWORD = "demo-leercultuur-2026"  # noqa: S105


def demo_user(email: str, full_name: str, *, is_staff: bool = False) -> User:
    """Create or refresh a verified demo user; running it again changes nothing else."""
    user, _created = User.objects.get_or_create(
        email=email,
        defaults={"full_name": full_name, "is_staff": is_staff, "is_superuser": is_staff},
    )
    user.set_password(DEMO_PASSWORD)
    user.save(update_fields=["password"])
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user
