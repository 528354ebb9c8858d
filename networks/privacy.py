"""Personal data in networks: facilitators, registrations, experiences, files, feeds.

See accounts/privacy.py for what the declarations mean. Registrations name people who
often have no account: a participant of the company (whose name lives in people), or, in
registrations made before participants existed, a colleague's name the contact typed.
Erasing the contact leaves those (they are the colleagues' data, and the attendance
figures need them); the retention purge removes the typed names once the meeting is long
past.
"""

import datetime

from django.db.models import Q, QuerySet

from accounts.models import User
from accounts.privacy import (
    ERASED,
    LINK_TO_ERASED_USER,
    addressed,
    named,
    not_personal,
    purge,
    register,
    still_needed,
)
from networks.models import (
    CalendarFeed,
    Experience,
    LearningNetwork,
    Meeting,
    MeetingDocument,
    Registration,
)

register(
    LearningNetwork,
    rows=lambda user: Q(facilitators=user),
    export=("name", "edition"),
    kept={"facilitators": LINK_TO_ERASED_USER},
)
register(
    Meeting,
    not_exported="the network's agenda and report: nobody's own data",
    scrub=("agenda", "report"),
)
register(
    Registration,
    label="networks.registration.made",
    rows=lambda user: Q(registered_by=user),
    export=("meeting", "status", "created_at"),  # not the colleague's name
    scrub=("name",),
    kept={"registered_by": LINK_TO_ERASED_USER},
)
register(
    Registration,
    label="networks.registration.own",
    # Registrations in the person's own name, at their own company.
    rows=lambda user: named("name", user) & Q(enrolment__company__contacts__user=user),
    export=("meeting", "name", "role", "is_mbo", "status", "attended", "created_at"),
)
register(
    Registration,
    label="networks.registration.as_participant",
    # Registrations of the participant who is this person (see people/privacy.py). The
    # name is the participant's, so it goes when they are erased.
    rows=lambda user: (
        addressed("participant__email", user)
        | (named("participant__name", user) & Q(enrolment__company__contacts__user=user))
    ),
    export=("meeting", "participant", "status", "attended", "created_at"),
    kept={"participant": "points at the person's entry in their company's list, erased with it"},
)
register(
    Experience,
    rows=lambda user: Q(author=user),
    export=("network", "meeting", "body", "created_at", "shared_at"),
    scrub=("body",),
    kept={"author": LINK_TO_ERASED_USER, "approved_by": LINK_TO_ERASED_USER},
)
register(
    MeetingDocument,
    rows=lambda user: Q(uploaded_by=user),
    export=("meeting", "title", "file", "uploaded_at"),
    kept={"uploaded_by": f"{LINK_TO_ERASED_USER}; the file is the network's material"},
)
register(
    CalendarFeed,
    rows=lambda user: Q(user=user),
    not_exported="only a secret link to the person's meetings",
    delete=True,
)
not_personal(LearningNetwork, name="the name of a network")


@purge("names of registrations for past meetings")
def _past_registrations(cutoff: datetime.datetime) -> int:
    """Attendance figures stay; who came, by name, does not. (A registration of a
    participant holds no name: the participant's own retention purge erases it.)"""
    return (
        Registration.objects.filter(meeting__ends_at__lt=cutoff, participant__isnull=True)
        .exclude(name=ERASED)
        .update(name=ERASED, role="")
    )


@still_needed
def _facilitating(cutoff: datetime.datetime) -> QuerySet[User]:
    """Facilitators of a network that met after the cutoff."""
    return User.objects.filter(facilitated_networks__meetings__ends_at__gte=cutoff)
