"""Reads that are more than a one-liner, each scoped to the user who asks."""

import datetime
import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.roles import Role, role_of
from companies.models import (
    Company,
    CompanyChangeRequest,
    Contact,
    Edition,
    Enrolment,
    EnrolmentNote,
    Invitation,
    NeedsAnalysis,
    PlanAction,
)
from programme.selectors import current as current_programme
from programme.selectors import fill


def new_edition_values() -> dict[str, Any]:
    """What a new edition starts with: the programme's contribution, coach hours, length and
    terms. Staff may change them; an edition keeps its own once saved."""
    programme = current_programme()
    return {
        "contribution": programme.contribution,
        "coach_budget_minutes": programme.coach_minutes,
        "trajectory_months": programme.trajectory_months,
        "terms": fill(programme.terms_nl, programme),
    }


def enrolments_for_user(user: User) -> QuerySet[Enrolment]:
    """The enrolments a user may see: their company's, their coachees', or all for staff."""
    enrolments = Enrolment.objects.select_related(
        "company__region", "company__sector", "edition", "lead_coach"
    )
    role = role_of(user)
    if role == Role.STAFF:
        return enrolments
    if role == Role.COACH:
        return enrolments.filter(Q(lead_coach=user) | Q(coaches=user)).distinct()
    if role == Role.CONTACT:
        return enrolments.filter(company_id=user.contact.company_id)
    return enrolments.none()


def get_enrolment_for_user(user: User, public_id: uuid.UUID | str) -> Enrolment:
    """One enrolment the user may see; anyone else's is a 404."""
    try:
        return enrolments_for_user(user).get(public_id=public_id)
    except (Enrolment.DoesNotExist, ValueError) as exc:
        raise Http404 from exc


def get_analysis_for_user(user: User, public_id: uuid.UUID | str) -> NeedsAnalysis:
    analyses = NeedsAnalysis.objects.select_related("enrolment__company", "enrolment__edition")
    try:
        return analyses.get(public_id=public_id, enrolment__in=enrolments_for_user(user))
    except (NeedsAnalysis.DoesNotExist, ValueError) as exc:
        raise Http404 from exc


def get_plan_action_for_user(user: User, public_id: uuid.UUID | str) -> PlanAction:
    actions = PlanAction.objects.select_related("plan__enrolment")
    try:
        return actions.get(public_id=public_id, plan__enrolment__in=enrolments_for_user(user))
    except (PlanAction.DoesNotExist, ValueError) as exc:
        raise Http404 from exc


# The final measurement opens in the last three months of the trajectory.
FINAL_MEASUREMENT_WINDOW = datetime.timedelta(days=92)


def final_measurement_opens(enrolment: Enrolment) -> datetime.date | None:
    """The first day the final measurement may start (None: no end date, no window)."""
    if enrolment.end_date is None:
        return None
    return enrolment.end_date - FINAL_MEASUREMENT_WINDOW


def in_final_measurement_window(enrolment: Enrolment) -> bool:
    opens = final_measurement_opens(enrolment)
    return opens is None or timezone.localdate() >= opens


def open_editions() -> QuerySet[Edition]:
    today = timezone.localdate()
    return Edition.objects.filter(
        is_open=True, enrolment_opens__lte=today, enrolment_closes__gte=today
    ).order_by("enrolment_closes")


def companies_for_coach(user: User) -> QuerySet[Enrolment]:
    """The coach's enrolments that are under way, for the coach dashboard."""
    statuses = (Enrolment.Status.ACCEPTED, Enrolment.Status.ACTIVE)
    return enrolments_for_user(user).filter(status__in=statuses).order_by("company__legal_name")


# An enrolment in one of these was sent in: staff decided on it, or are deciding.
SENT_IN = (Enrolment.Status.SUBMITTED, Enrolment.Status.WAITLISTED, *Enrolment.HOLDS_PLACE)


def sent_in(company: Company) -> bool:
    """The company has an enrolment sent in (or accepted). Then it may invite colleagues,
    and its details change only through staff (a change request)."""
    return company.enrolments.filter(status__in=SENT_IN).exists()


def change_lines(request: CompanyChangeRequest) -> list[tuple[str, str, str]]:
    """(label, current, requested) per changed detail, for pages and mails."""
    lines = []
    fields = {field.name: field for field in Company._meta.concrete_fields}
    for name, (current, requested) in request.changes.items():
        field = fields[name]
        label = capfirst(str(field.verbose_name))
        lines.append((label, _shown(field, current), _shown(field, requested)))
    return lines


def _shown(field: Any, value: object) -> str:
    if field.is_relation:
        related = field.related_model.objects.filter(pk=value).first()
        return str(related) if related else ""
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    return str(value)


def company_accepted(company: Company) -> bool:
    """Staff accepted the company: only then may its own words go into a mail subject."""
    return company.enrolments.filter(status__in=Enrolment.HOLDS_PLACE).exists()


def plan_progress(enrolment: Enrolment) -> tuple[int, int]:
    """(actions done, actions that count): cancelled actions don't count."""
    actions = PlanAction.objects.filter(plan__enrolment=enrolment).exclude(
        status=PlanAction.Status.CANCELLED
    )
    counts = actions.aggregate(
        done=Count("pk", filter=Q(status=PlanAction.Status.DONE)), total=Count("pk")
    )
    return counts["done"], counts["total"]


# --- Who has access to a company ------------------------------------------------------------


def contacts_of(company: Company) -> QuerySet[Contact]:
    """Everyone who acts for the company in the portal, the longest-standing first."""
    return company.contacts.select_related("user").order_by("created_at", "pk")


def pending_invitations(company: Company) -> QuerySet[Invitation]:
    """The company's invitations nobody accepted or revoked, expired ones included (they
    can be sent again); the newest first."""
    return (
        company.invitations.filter(accepted_at__isnull=True, revoked_at__isnull=True)
        .select_related("invited_by")
        .order_by("-created_at", "-pk")
    )


def get_invitation_for_user(user: User, public_id: uuid.UUID | str) -> Invitation:
    """One invitation of the contact's own company; anyone else's is a 404."""
    if role_of(user) != Role.CONTACT:
        raise Http404
    invitations = Invitation.objects.select_related("company")
    try:
        return invitations.get(public_id=public_id, company_id=user.contact.company_id)
    except (Invitation.DoesNotExist, ValueError) as exc:
        raise Http404 from exc


# --- Notes in the company file ----------------------------------------------------------------


def shared_notes(enrolment: Enrolment) -> QuerySet[EnrolmentNote]:
    """The notes the company may read, the newest first; never an internal one."""
    return (
        EnrolmentNote.objects.filter(
            enrolment=enrolment, visibility=EnrolmentNote.Visibility.SHARED
        )
        .select_related("author")
        .order_by("-created_at", "-pk")
    )


def get_note_for_user(user: User, public_id: uuid.UUID | str) -> EnrolmentNote:
    """A note in the file of an enrolment the user coaches, or any for staff. The company's
    own people never reach a note this way (404), shared or not."""
    if role_of(user) not in (Role.COACH, Role.STAFF):
        raise Http404
    notes = EnrolmentNote.objects.select_related("enrolment__company", "author")
    try:
        return notes.get(public_id=public_id, enrolment__in=enrolments_for_user(user))
    except (EnrolmentNote.DoesNotExist, ValidationError, ValueError) as exc:
        raise Http404 from exc
