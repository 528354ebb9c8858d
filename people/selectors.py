"""Reads about participants, each scoped to the user who asks."""

import uuid

from django.db.models import QuerySet
from django.http import Http404

from accounts.models import User
from companies.models import Company
from companies.selectors import enrolments_for_user
from people.models import Participant, PeopleInformed


def participants_of(company: Company, *, active_only: bool = False) -> QuerySet[Participant]:
    """The company's participants, erased ones left out."""
    people = Participant.objects.filter(company=company, erased_at__isnull=True)
    return people.filter(is_active=True) if active_only else people


def get_participant_for_user(user: User, public_id: uuid.UUID | str) -> Participant:
    """A participant of a company whose enrolment the user may see; anyone else's is a 404."""
    companies = enrolments_for_user(user).values("company_id")
    try:
        return Participant.objects.select_related("company").get(
            public_id=public_id, company_id__in=companies, erased_at__isnull=True
        )
    except (Participant.DoesNotExist, ValueError) as exc:
        raise Http404 from exc


def people_informed(company: Company) -> PeopleInformed | None:
    return PeopleInformed.objects.filter(company=company).select_related("confirmed_by").first()
