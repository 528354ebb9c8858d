"""Who sees which network: its member companies' contacts, its facilitators and staff.

Every object of a network (meeting, registration, experience, document) comes through a
helper here that answers 404 to anyone else.
"""

import uuid

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Count, Model, Q, QuerySet
from django.db.models.functions import Now
from django.http import Http404

from accounts.models import User
from accounts.roles import Role, role_of
from companies.models import Enrolment
from networks.models import Experience, LearningNetwork, Meeting, MeetingDocument, Registration
from people.models import Participant
from people.selectors import participants_of


def networks_for_user(user: User) -> QuerySet[LearningNetwork]:
    """Staff see every network, a coach the ones they facilitate, a contact their company's."""
    networks = LearningNetwork.objects.select_related("edition", "region")
    role = role_of(user)
    if role == Role.STAFF:
        return networks
    if role == Role.COACH:
        return networks.filter(facilitators=user)
    if role == Role.CONTACT:
        member_ids = Enrolment.objects.filter(company_id=user.contact.company_id).values("pk")
        return networks.filter(members__in=member_ids).distinct()
    return networks.none()


def facilitated_networks(user: User) -> QuerySet[LearningNetwork]:
    """The networks whose meetings the user runs: staff run them all, a coach (while
    active) the ones they facilitate; nobody else any."""
    role = role_of(user)
    if role == Role.STAFF:
        return LearningNetwork.objects.all()
    if role == Role.COACH:
        return LearningNetwork.objects.filter(facilitators=user)
    return LearningNetwork.objects.none()


def can_facilitate(user: User, network: LearningNetwork) -> bool:
    return facilitated_networks(user).filter(pk=network.pk).exists()


def member_enrolment(user: User, network: LearningNetwork) -> Enrolment | None:
    """The enrolment through which a contact's company is a member of the network."""
    if role_of(user) != Role.CONTACT:
        return None
    return network.members.filter(company_id=user.contact.company_id).first()


def meetings_for_user(user: User) -> QuerySet[Meeting]:
    return Meeting.objects.select_related("network", "host_company").filter(
        network__in=networks_for_user(user).values("pk")
    )


def registrations_for_user(user: User) -> QuerySet[Registration]:
    """A contact sees their own company's registrations; facilitators all of their meetings'."""
    registrations = Registration.objects.select_related(
        "meeting__network", "enrolment__company", "participant"
    )
    if role_of(user) == Role.CONTACT:
        return registrations.filter(enrolment__company_id=user.contact.company_id)
    return registrations.filter(meeting__network__in=facilitated_networks(user).values("pk"))


def registrable_people(meeting: Meeting, enrolment: Enrolment | None) -> QuerySet[Participant]:
    """The company's active participants not yet registered (or waiting) for the meeting."""
    if enrolment is None:
        return Participant.objects.none()
    taken = meeting.registrations.filter(
        status__in=[Registration.Status.REGISTERED, Registration.Status.WAITLISTED],
        participant__isnull=False,
    ).values("participant_id")
    return participants_of(enrolment.company, active_only=True).exclude(pk__in=taken)


def get_network_for_user(user: User, public_id: uuid.UUID | str) -> LearningNetwork:
    return _one(networks_for_user(user), public_id)


def get_meeting_for_user(user: User, public_id: uuid.UUID | str) -> Meeting:
    return _one(meetings_for_user(user), public_id)


def get_meeting_to_facilitate(user: User, public_id: uuid.UUID | str) -> Meeting:
    meetings = Meeting.objects.select_related("network").filter(
        network__in=facilitated_networks(user).values("pk")
    )
    return _one(meetings, public_id)


def get_registration_for_user(user: User, public_id: uuid.UUID | str) -> Registration:
    return _one(registrations_for_user(user), public_id)


def get_document_for_user(user: User, public_id: uuid.UUID | str) -> MeetingDocument:
    documents = MeetingDocument.objects.select_related("meeting__network")
    visible = networks_for_user(user).values("pk")
    return _one(documents.filter(meeting__network__in=visible), public_id)


def get_experience_for_user(user: User, public_id: uuid.UUID | str) -> Experience:
    """An experience the user may remove: their own, or any in a network they facilitate."""
    mine = Q(author=user) | Q(network__in=facilitated_networks(user).values("pk"))
    experiences = Experience.objects.select_related("network").filter(mine)
    return _one(experiences.filter(network__in=networks_for_user(user).values("pk")), public_id)


def library_experiences() -> QuerySet[Experience]:
    """The public library of good practice: experiences their authors shared beyond the
    network and staff approved; without the company or the author, only the network's
    edition."""
    return (
        Experience.objects.filter(shared_at__isnull=False, approved_at__isnull=False)
        .select_related("network__edition")
        .order_by("-approved_at", "-pk")
    )


def experiences_waiting_for_staff() -> QuerySet[Experience]:
    """Shared beyond the network, not yet looked at by staff: the oldest first."""
    return (
        Experience.objects.filter(shared_at__isnull=False, approved_at=None, refused_at=None)
        .select_related("network__edition", "enrolment__company", "author")
        .order_by("shared_at", "pk")
    )


def get_own_experience(user: User, public_id: uuid.UUID | str) -> Experience:
    """An experience the user wrote, in a network they still belong to."""
    mine = Experience.objects.select_related("network").filter(author=user)
    return _one(mine.filter(network__in=networks_for_user(user).values("pk")), public_id)


def _one[M: Model](queryset: QuerySet[M], public_id: uuid.UUID | str) -> M:
    try:
        return queryset.get(public_id=public_id)
    except (ObjectDoesNotExist, ValueError) as exc:
        raise Http404 from exc


# --- Attendance figures, for the network page, the dashboards and the reports -------------

REGISTERED = Registration.Status.REGISTERED


def meetings_with_places(meetings: QuerySet[Meeting]) -> QuerySet[Meeting]:
    """Each meeting with how many places are taken and how many wait, in the same query."""
    return meetings.annotate(
        taken=Count("registrations", filter=Q(registrations__status=REGISTERED)),
        waiting=Count(
            "registrations", filter=Q(registrations__status=Registration.Status.WAITLISTED)
        ),
    )


def attendance_by_company(network: LearningNetwork) -> QuerySet[Enrolment]:
    """Per member company: meetings held it attended, and people registered and present."""
    held = Q(registrations__meeting__network=network, registrations__meeting__starts_at__lt=Now())
    came = held & Q(registrations__status=REGISTERED, registrations__attended=True)
    return (
        network.members.select_related("company")
        .annotate(
            registered=Count("registrations", filter=held & Q(registrations__status=REGISTERED)),
            attended=Count("registrations", filter=came),
            meetings_attended=Count("registrations__meeting", filter=came, distinct=True),
        )
        .order_by("company__legal_name")
    )


def attendance_by_network(networks: QuerySet[LearningNetwork]) -> QuerySet[LearningNetwork]:
    """Per network: meetings held, people registered and present (and of them mbo-educated)."""
    held = Q(meetings__starts_at__lt=Now())
    registered = held & Q(meetings__registrations__status=REGISTERED)
    came = registered & Q(meetings__registrations__attended=True)
    return networks.annotate(
        meetings_held=Count("meetings", filter=held, distinct=True),
        registered=Count("meetings__registrations", filter=registered),
        attended=Count("meetings__registrations", filter=came),
        attended_mbo=Count(
            "meetings__registrations", filter=came & Q(meetings__registrations__is_mbo=True)
        ),
    )


def company_attendance(enrolment: Enrolment) -> dict[str, int]:
    """For the company's dashboard: meetings held in its networks and how many it attended."""
    held = Meeting.objects.filter(network__members=enrolment, starts_at__lt=Now())
    came = Registration.objects.filter(enrolment=enrolment, status=REGISTERED, attended=True)
    counts = came.aggregate(meetings=Count("meeting", distinct=True), people=Count("pk"))
    return {
        "meetings_held": held.count(),
        "meetings_attended": counts["meetings"],
        "people_attended": counts["people"],
    }
