from accounts.demo import demo_user
from coaching.models import Coach


def seed_coaching() -> list[str]:
    user = demo_user("coach@leercultuur.test", "Ahmed El Amrani")
    Coach.objects.get_or_create(user=user, defaults={"organisation": "Gelders Vakmanschap"})
    return [f"coach            {user.email}  (asked to set up TOTP at first login)"]
