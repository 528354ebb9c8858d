"""Personal data in coaching: coaches, their sessions and budget changes.

See accounts/privacy.py for what the declarations mean.
"""

import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone

from accounts.models import User
from accounts.privacy import LINK_TO_ERASED_USER, addressed, named, register, still_needed
from coaching.models import BudgetAdjustment, Coach, CoachingSession, PeriodLock

register(
    Coach,
    rows=lambda user: Q(user=user),
    export=("organisation", "phone", "is_active"),
    clear={"phone": "", "is_active": False},
    # Emptied but kept: sessions and enrolments refer to the coach by this role.
    kept={"user": LINK_TO_ERASED_USER},
    forget_history=True,
)
register(
    CoachingSession,
    rows=lambda user: Q(coach=user),
    # The facts of their work; the texts are about the company and its people.
    export=("enrolment", "date", "minutes", "activity", "mode", "participants", "mbo_participants"),
    scrub=("summary", "private_notes", "follow_up"),
    kept={"coach": f"{LINK_TO_ERASED_USER}; the hours count against the budget"},
)
register(
    CoachingSession,
    label="coaching.session.took_part",
    # Sessions the person took part in, as a participant of their company (see
    # people/privacy.py): the facts, not the coach's texts about the company.
    rows=lambda user: (
        addressed("people__email", user)
        | (named("people__name", user) & Q(enrolment__company__contacts__user=user))
    ),
    export=("enrolment", "date", "minutes", "activity", "mode"),
    kept={"people": "points at the person's entry in their company's list, erased with it"},
)
register(
    BudgetAdjustment,
    rows=lambda user: Q(requested_by=user) | Q(approved_by=user) | Q(refused_by=user),
    export=(
        "enrolment",
        "minutes",
        "reason",
        "approved_at",
        "refused_at",
        "refusal_reason",
        "created_at",
    ),
    scrub=("reason", "refusal_reason"),
    kept={
        "requested_by": LINK_TO_ERASED_USER,
        "approved_by": LINK_TO_ERASED_USER,
        "refused_by": LINK_TO_ERASED_USER,
    },
)
register(
    PeriodLock,
    rows=lambda user: Q(closed_by=user),
    export=("month", "closed_at"),
    kept={"closed_by": LINK_TO_ERASED_USER},
)


@still_needed
def _coached_recently(cutoff: datetime.datetime) -> QuerySet[User]:
    """Coaches with sessions dated after the cutoff."""
    return User.objects.filter(coaching_sessions__date__gte=timezone.localdate(cutoff))
