import pytest

from accounts.models import User
from tests.leercultuur.world import World, build_world


@pytest.fixture
def world(
    plain_user: User,
    contact: User,
    other_contact: User,
    coach: User,
    other_coach: User,
    staff: User,
) -> World:
    """Companies A and B with every object a URL can name (tests/leercultuur/world.py)."""
    return build_world(
        plain_user=plain_user,
        contact=contact,
        other_contact=other_contact,
        coach=coach,
        other_coach=other_coach,
        staff=staff,
    )
