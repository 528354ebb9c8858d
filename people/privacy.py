"""Personal data in people: the participants a company lists, and the contact's statement.

See accounts/privacy.py for what the declarations mean. Participants have no account:
a person who also signs in (the same e-mail address, or a contact listed by name in their
own company) has their participant rows exported and erased with them. Anyone else is
erased on request by their company's contact or coach (participant_erase), and by the
retention purge once their company's trajectories are long over.
"""

import datetime

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from accounts.models import User
from accounts.privacy import ERASED, LINK_TO_ERASED_USER, addressed, named, purge, register
from companies.models import Enrolment
from people.models import ActionParticipant, AmbassadorActivity, Participant, PeopleInformed
from people.services import blank_ambassador_activities


def listed(user: User) -> Q:
    """A person's own participant rows: their address, or their name in their own company."""
    own_company = Q(company__contacts__user=user)
    return addressed("email", user) | (named("name", user) & own_company)


def _as_participant(user: User) -> Q:
    """Rows about the participant who is this person (see ``_listed``)."""
    own_company = Q(participant__company__contacts__user=user)
    return addressed("participant__email", user) | (named("participant__name", user) & own_company)


# Before the participant's own declaration: an erasure finds these rows by the name and
# address that it then blanks.
register(
    ActionParticipant,
    rows=_as_participant,
    export=("action", "started_on", "finished_on", "certificate", "certificate_level"),
    kept={"participant": "points at the person's entry in their company's list, erased with it"},
)
register(
    AmbassadorActivity,
    rows=_as_participant,
    export=("kind", "happened_on", "description", "recorded_at"),
    clear={"description": ""},  # free text about the person may tell who they were
    scrub=("description",),
    kept={
        "participant": "points at the person's entry in their company's list, erased with it",
        "recorded_by": LINK_TO_ERASED_USER,
    },
)
register(
    Participant,
    rows=listed,
    export=("company", "name", "job_title", "group", "education", "is_ambassador", "email"),
    clear={
        "name": ERASED,
        "job_title": "",
        "email": "",
        "is_active": False,
        "erased_at": lambda erasure: erasure.at,
    },
)
register(
    PeopleInformed,
    rows=lambda user: Q(confirmed_by=user),
    export=("company", "confirmed_at"),
    kept={"confirmed_by": LINK_TO_ERASED_USER},
)


@purge("participants of trajectories long over")
def _participants_of_ended_trajectories(cutoff: datetime.datetime) -> int:
    """Erase the names of people whose company has no enrolment running or changed since
    the cutoff; their group and education still count in the programme's figures."""
    recent = Enrolment.objects.filter(
        company=OuterRef("company"),
    ).filter(
        Q(status__in=[Enrolment.Status.ACCEPTED, Enrolment.Status.ACTIVE])
        | Q(updated_at__gte=cutoff)
    )
    dormant = Participant.objects.filter(erased_at__isnull=True, updated_at__lt=cutoff).exclude(
        Exists(recent)
    )
    # Their activities as ambassador go nameless with them (a list: the update below
    # changes what the query selects).
    pks = list(dormant.values_list("pk", flat=True))
    blank_ambassador_activities(Participant.objects.filter(pk__in=pks))
    return Participant.objects.filter(pk__in=pks).update(
        name=ERASED, job_title="", email="", is_active=False, erased_at=timezone.now()
    )
