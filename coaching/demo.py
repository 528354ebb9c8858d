from accounts.demo import demo_user
from accounts.models import User
from coaching.models import Coach


def seed_coaching() -> tuple[list[str], User]:
    """The demo coach; returns the login lines and the coach's user."""
    user = demo_user("coach@leercultuur.test", "Ahmed El Amrani")
    Coach.objects.get_or_create(user=user, defaults={"organisation": "Gelders Vakmanschap"})
    return [f"coach            {user.email}  (asked to set up TOTP at first login)"], user
