"""Privacy services: a person's data export, their erasure, and the retention purge.

The mechanics, and what each app declares, are in ``accounts/privacy.py``.
"""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import privacy
from accounts.models import User


def person_export(*, user: User) -> dict[str, Any]:
    """All personal data the portal holds about ``user`` (GDPR articles 15 and 20)."""
    return privacy.export(user)


@transaction.atomic
def person_erase(*, user: User, by: User | None) -> User:
    """Anonymise a person (GDPR article 17); ``by`` is the staff member, None for a task."""
    if by is not None and by.pk == user.pk:
        raise ValidationError(_("You cannot erase your own account."))
    locked = User.objects.select_for_update().get(pk=user.pk)
    if locked.erased_at is not None:
        raise ValidationError(_("This person was erased already."))
    privacy.erase(locked, by=by)
    return locked


def privacy_purge(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """Delete and anonymise what is past ``PRIVACY_RETENTION_YEARS``; safe to run again.

    First each app's purge (old audit-log entries, finished reports, ...), in one
    transaction; then every dormant person is erased, each in their own transaction, so
    that a run cut short by the time limit keeps what it did and the next run goes on.
    """
    cutoff = privacy.retention_cutoff(now or timezone.now())
    with transaction.atomic():
        counts = privacy.run_purges(cutoff)
    erased = 0
    for pk in list(privacy.dormant_users(cutoff).values_list("pk", flat=True)):
        person_erase(user=User.objects.get(pk=pk), by=None)
        erased += 1
    counts["dormant people erased"] = erased
    return counts
