"""Roles are derived from rows that exist, never stored as a flag of their own."""

from enum import StrEnum

from django.contrib.auth.models import AnonymousUser

from accounts.models import User


class Role(StrEnum):
    STAFF = "staff"
    COACH = "coach"
    CONTACT = "contact"
    NONE = "none"


def is_coach(user: User | AnonymousUser) -> bool:
    """An active coach. A coach made inactive keeps the account, but the role ends at once:
    no coach page, no enrolment, no network, no feed (and no MFA demanded for nothing)."""
    # The reverse one-to-one from coaching.Coach; accounts imports no other app.
    return user.is_authenticated and hasattr(user, "coach") and user.coach.is_active


def is_contact(user: User | AnonymousUser) -> bool:
    # The reverse one-to-one from companies.Contact.
    return user.is_authenticated and hasattr(user, "contact")


def role_of(user: User | AnonymousUser) -> Role:
    """The role that decides a user's home page and navigation (staff first)."""
    if not user.is_authenticated:
        return Role.NONE
    if user.is_staff:
        return Role.STAFF
    if is_coach(user):
        return Role.COACH
    if is_contact(user):
        return Role.CONTACT
    return Role.NONE


def mfa_required(user: User | AnonymousUser) -> bool:
    return user.is_authenticated and (user.is_staff or is_coach(user))
