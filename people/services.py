"""Keeping a company's participants: every write that enforces a rule."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.privacy import ERASED
from accounts.roles import is_contact
from companies.models import Company, Enrolment, PlanAction
from leercultuur.text import check_fields
from people.models import ActionParticipant, AmbassadorActivity, Participant, PeopleInformed

# The fields contacts and coaches fill in; the form uses the same tuple.
PARTICIPANT_FIELDS = (
    "name",
    "job_title",
    "group",
    "education",
    "is_ambassador",
    "email",
    "is_active",
)


def people_informed_confirm(*, company: Company, by: User) -> PeopleInformed:
    """A contact states that the people they list were told (once per company)."""
    if not is_contact(by) or by.contact.company_id != company.pk:
        raise ValidationError(_("A contact of the company confirms this."))
    informed, _created = PeopleInformed.objects.get_or_create(
        company=company, defaults={"confirmed_by": by}
    )
    return informed


def participant_save(
    *, company: Company, fields: dict[str, Any], participant: Participant | None = None
) -> Participant:
    """Add a participant to the company, or change one; after the contact's statement."""
    unknown = set(fields) - set(PARTICIPANT_FIELDS)
    if unknown:
        raise ValueError(f"Not participant fields: {sorted(unknown)}")
    if not PeopleInformed.objects.filter(company=company).exists():
        raise ValidationError(
            _("First a contact of the company confirms that the people were told.")
        )
    participant = participant or Participant(company=company)
    if participant.company_id != company.pk or participant.erased_at is not None:
        raise ValidationError(_("This person is not on your company's list."))
    for field, value in fields.items():
        setattr(participant, field, value)
    check_fields(participant, "name", "job_title")  # before the spaces are tidied
    participant.name = " ".join(participant.name.split())
    participant.email = participant.email.strip().lower()
    participant.full_clean(exclude=["company"])
    try:
        with transaction.atomic():
            participant.save()
    except IntegrityError as exc:  # the same name added at the same instant
        raise ValidationError({"name": _("This person is on the list already.")}) from exc
    return participant


def participant_erase(*, participant: Participant) -> Participant:
    """Erase a person's name and contact details; what they did still counts, nameless."""
    with transaction.atomic():
        locked = Participant.objects.select_for_update().get(pk=participant.pk)
        if locked.erased_at is not None:
            raise ValidationError(_("This person has been erased already."))
        locked.name = ERASED
        locked.job_title = ""
        locked.email = ""
        locked.is_active = False
        locked.erased_at = timezone.now()
        locked.save()
        blank_ambassador_activities(Participant.objects.filter(pk=locked.pk))
    return locked


def blank_ambassador_activities(participants: QuerySet[Participant]) -> int:
    """Empty the free text of erased people's activities: it may tell who they were."""
    return AmbassadorActivity.objects.filter(participant__in=participants).update(description="")


# --- Who takes part in a plan action -----------------------------------------------------

# What is recorded per person; the forms use the same tuple.
PARTICIPATION_FIELDS = ("started_on", "finished_on", "certificate", "certificate_level")
# The plan is kept while the trajectory runs (as companies.services.plan_action_save).
PLAN_OPEN = (Enrolment.Status.ACCEPTED, Enrolment.Status.ACTIVE)


def action_participant_save(
    *,
    action: PlanAction,
    participant: Participant,
    fields: dict[str, Any],
    participation: ActionParticipant | None = None,
) -> ActionParticipant:
    """Add a person of the action's company to the action, or record how far they got."""
    unknown = set(fields) - set(PARTICIPATION_FIELDS)
    if unknown:
        raise ValueError(f"Not participation fields: {sorted(unknown)}")
    _check_plan_open(action)
    if participant.company_id != action.plan.enrolment.company_id:
        raise ValidationError(_("Only people of the company take part in its actions."))
    if participation is None:
        if participant.erased_at is not None or not participant.is_active:
            raise ValidationError(_("This person no longer takes part."))
        participation = ActionParticipant(action=action, participant=participant)
    elif (participation.action_id, participation.participant_id) != (action.pk, participant.pk):
        raise ValidationError(_("This person does not take part in this action."))
    for field, value in fields.items():
        setattr(participation, field, value)
    _check_progress(participation)
    participation.full_clean(exclude=["action", "participant"], validate_unique=False)
    try:
        with transaction.atomic():
            participation.save()
    except IntegrityError as exc:  # added twice at the same instant
        raise ValidationError(_("This person takes part in the action already.")) from exc
    return participation


def action_participant_remove(*, participation: ActionParticipant) -> None:
    """Take a person off an action (added by mistake); while the plan is kept."""
    _check_plan_open(participation.action)
    with transaction.atomic():
        participation.delete()


def _check_plan_open(action: PlanAction) -> None:
    if action.plan.enrolment.status not in PLAN_OPEN:
        raise ValidationError(_("The development plan is kept during the trajectory."))


def _check_progress(participation: ActionParticipant) -> None:
    """The rules of the model's constraints, each with a message on its own field."""
    started, finished = participation.started_on, participation.finished_on
    certificate = participation.certificate
    today = timezone.localdate()
    errors: dict[str, str] = {}
    if started is not None and started > today:
        errors["started_on"] = _("Fill in the day the person started, not a day still to come.")
    if finished is not None and finished > today:
        errors["finished_on"] = _("A person cannot finish on a day still to come.")
    elif finished is not None and started is None:
        errors["started_on"] = _("Fill in when the person started too.")
    elif finished is not None and started is not None and finished < started:
        errors["finished_on"] = _("A person finishes on or after the day they started.")
    no_certificate = certificate == ActionParticipant.Certificate.NONE
    if not no_certificate and finished is None:
        errors["certificate"] = _("A certificate or diploma comes after finishing: fill in when.")
    if participation.certificate_level and no_certificate:
        errors["certificate_level"] = _("A level goes with a certificate or diploma.")
    if errors:
        raise ValidationError(errors)


# --- Ambassadors -------------------------------------------------------------------------

AMBASSADOR_ACTIVITY_FIELDS = ("kind", "happened_on", "description")


def ambassador_activity_record(
    *, participant: Participant, fields: dict[str, Any], by: User
) -> AmbassadorActivity:
    """Record what an ambassador did to bring colleagues along."""
    unknown = set(fields) - set(AMBASSADOR_ACTIVITY_FIELDS)
    if unknown:
        raise ValueError(f"Not ambassador activity fields: {sorted(unknown)}")
    if participant.erased_at is not None or not participant.is_ambassador:
        raise ValidationError(_("Only an ambassador's activities are recorded here."))
    activity = AmbassadorActivity(participant=participant, recorded_by=by, **fields)
    happened_on = activity.happened_on
    if happened_on is not None and happened_on > timezone.localdate():
        raise ValidationError({"happened_on": _("Record what happened, not a day still to come.")})
    check_fields(activity, "description")  # before the spaces are tidied
    activity.description = " ".join(activity.description.split())
    activity.full_clean(exclude=["participant", "recorded_by"])
    with transaction.atomic():
        activity.save()
    return activity
