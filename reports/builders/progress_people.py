"""The people sections of the progress report: who learned what in the plan's actions,
and what the company's ambassadors did. Each is one query, whatever the number of people.
"""

from typing import Any

from companies.models import Enrolment
from people.models import ActionParticipant, AmbassadorActivity


def learning_per_person(enrolment: Enrolment) -> dict[str, Any]:
    """Per person, the actions they take part in: started, finished, certificate."""
    participations = list(
        ActionParticipant.objects.filter(action__plan__enrolment=enrolment)
        .select_related("participant", "action")
        .order_by("participant__name", "participant__pk", "action__planned_date", "action__pk")
    )
    finished = [p for p in participations if p.finished_on is not None]
    certified = [p for p in finished if p.certificate != ActionParticipant.Certificate.NONE]
    return {
        "participations": participations,
        "learning_people": len({p.participant_id for p in participations}),
        "learning_finished": len(finished),
        "learning_certified": len(certified),
    }


def ambassador_activities(enrolment: Enrolment) -> dict[str, Any]:
    """What the company's ambassadors did to bring colleagues along, newest first."""
    activities = (
        AmbassadorActivity.objects.filter(participant__company_id=enrolment.company_id)
        .select_related("participant")
        .order_by("-happened_on", "-pk")
    )
    return {"ambassador_activities": list(activities)}
