"""Keeping a company's participants: every write that enforces a rule."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.privacy import ERASED
from accounts.roles import is_contact
from companies.models import Company
from leercultuur.text import check_fields
from people.models import Participant, PeopleInformed

# The fields contacts and coaches fill in; the form uses the same tuple.
PARTICIPANT_FIELDS = (
    "name",
    "job_title",
    "group",
    "education",
    "is_ambassador",
    "email",
    "is_active",
)


def people_informed_confirm(*, company: Company, by: User) -> PeopleInformed:
    """A contact states that the people they list were told (once per company)."""
    if not is_contact(by) or by.contact.company_id != company.pk:
        raise ValidationError(_("A contact of the company confirms this."))
    informed, _created = PeopleInformed.objects.get_or_create(
        company=company, defaults={"confirmed_by": by}
    )
    return informed


def participant_save(
    *, company: Company, fields: dict[str, Any], participant: Participant | None = None
) -> Participant:
    """Add a participant to the company, or change one; after the contact's statement."""
    unknown = set(fields) - set(PARTICIPANT_FIELDS)
    if unknown:
        raise ValueError(f"Not participant fields: {sorted(unknown)}")
    if not PeopleInformed.objects.filter(company=company).exists():
        raise ValidationError(
            _("First a contact of the company confirms that the people were told.")
        )
    participant = participant or Participant(company=company)
    if participant.company_id != company.pk or participant.erased_at is not None:
        raise ValidationError(_("This person is not on your company's list."))
    for field, value in fields.items():
        setattr(participant, field, value)
    check_fields(participant, "name", "job_title")  # before the spaces are tidied
    participant.name = " ".join(participant.name.split())
    participant.email = participant.email.strip().lower()
    participant.full_clean(exclude=["company"])
    try:
        with transaction.atomic():
            participant.save()
    except IntegrityError as exc:  # the same name added at the same instant
        raise ValidationError({"name": _("This person is on the list already.")}) from exc
    return participant


def participant_erase(*, participant: Participant) -> Participant:
    """Erase a person's name and contact details; what they did still counts, nameless."""
    with transaction.atomic():
        locked = Participant.objects.select_for_update().get(pk=participant.pk)
        if locked.erased_at is not None:
            raise ValidationError(_("This person has been erased already."))
        locked.name = ERASED
        locked.job_title = ""
        locked.email = ""
        locked.is_active = False
        locked.erased_at = timezone.now()
        locked.save()
    return locked
