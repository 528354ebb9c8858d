"""Who sees which network: its member companies' contacts, its facilitators and staff.

Every object of a network (meeting, registration, experience, document) comes through a
helper here that answers 404 to anyone else.
"""

import uuid

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Model, Q, QuerySet
from django.http import Http404

from accounts.models import User
from accounts.roles import Role, role_of
from companies.models import Enrolment
from networks.models import Experience, LearningNetwork, Meeting, MeetingDocument, Registration


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
    """The networks whose meetings the user runs: staff run them all."""
    if role_of(user) == Role.STAFF:
        return LearningNetwork.objects.all()
    return LearningNetwork.objects.filter(facilitators=user)


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
    registrations = Registration.objects.select_related("meeting__network", "enrolment__company")
    if role_of(user) == Role.CONTACT:
        return registrations.filter(enrolment__company_id=user.contact.company_id)
    return registrations.filter(meeting__network__in=facilitated_networks(user).values("pk"))


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


def _one[M: Model](queryset: QuerySet[M], public_id: uuid.UUID | str) -> M:
    try:
        return queryset.get(public_id=public_id)
    except (ObjectDoesNotExist, ValueError) as exc:
        raise Http404 from exc
