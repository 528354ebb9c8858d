"""Reads about participants, each scoped to the user who asks."""

import uuid

from django.db.models import Count, QuerySet
from django.http import Http404

from accounts.models import User
from companies.models import Company, PlanAction
from companies.selectors import enrolments_for_user, get_plan_action_for_user
from people.models import ActionParticipant, AmbassadorActivity, Participant, PeopleInformed


def participants_of(company: Company, *, active_only: bool = False) -> QuerySet[Participant]:
    """The company's participants, erased ones left out."""
    people = Participant.objects.filter(company=company, erased_at__isnull=True)
    return people.filter(is_active=True) if active_only else people


def participants_listed(company: Company) -> QuerySet[Participant]:
    """The company's list, with how many activities each ambassador has on record."""
    return participants_of(company).annotate(
        ambassador_activity_count=Count("ambassador_activities")
    )


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


def participations_in(action: PlanAction) -> QuerySet[ActionParticipant]:
    """Who takes part in an action, erased people (nameless) included."""
    return ActionParticipant.objects.filter(action=action).select_related("participant")


def people_to_add(action: PlanAction) -> QuerySet[Participant]:
    """The action's company's active people who do not take part in it yet."""
    company = action.plan.enrolment.company
    return participants_of(company, active_only=True).exclude(participations__action=action)


def get_participation_for_user(
    user: User, action_id: uuid.UUID | str, participant_id: uuid.UUID | str
) -> ActionParticipant:
    """One person's part in an action the user may see; anyone else's is a 404, and so is an
    erased person's (their row stays, nameless, and is no one's to change)."""
    action = get_plan_action_for_user(user, action_id)
    participations = ActionParticipant.objects.select_related("participant", "action__plan")
    try:
        return participations.get(
            action=action,
            participant__public_id=participant_id,
            participant__erased_at__isnull=True,
        )
    except (ActionParticipant.DoesNotExist, ValueError) as exc:
        raise Http404 from exc


def ambassador_activities_of(participant: Participant) -> QuerySet[AmbassadorActivity]:
    return AmbassadorActivity.objects.filter(participant=participant).select_related("recorded_by")
