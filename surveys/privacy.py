"""Personal data in surveys: only the invitations. See accounts/privacy.py for what the
declarations mean.

A response is not personal data: it has no link to a person, account, token or
invitation, no time finer than the day, and its group figures are shown only from five
responses (surveys/models.py, surveys/results.py). So it is neither exported nor erased.
An invitation says that a participant was mailed a link, and on which day: it is part of
the participant's data, exported and erased with them, and purged with their name.
"""

import datetime

from django.db.models import Q

from accounts.privacy import Erasure, not_personal, purge, register
from people.models import Participant
from people.privacy import listed
from surveys.models import SurveyInvitation, SurveyResponse


def _delete_invitations_of_erased(erasure: Erasure) -> None:
    """After people's participant rows were erased (they come first in the registry), so
    their rows can no longer be found by name or address: by the erasure's mark."""
    SurveyInvitation.objects.filter(participant__erased_at__isnull=False).delete()


register(
    SurveyInvitation,
    rows=lambda user: Q(participant__in=Participant.objects.filter(listed(user))),
    export=("survey", "invited_on"),
    erase=_delete_invitations_of_erased,
)
not_personal(
    SurveyResponse,
    answers="anonymous answers from 1 to 5 to fixed statements, with no link to anyone",
)


@purge("team survey invitations past retention or of erased participants")
def _invitations_of_erased(cutoff: datetime.datetime) -> int:
    """Once a participant's name is erased (on request or by the participants' own
    purge), or the retention period is over, who was mailed a link is of no use."""
    _total, by_model = SurveyInvitation.objects.filter(
        Q(participant__erased_at__isnull=False) | Q(invited_on__lt=cutoff.date())
    ).delete()
    return by_model.get(SurveyInvitation._meta.label, 0)
