"""Extra hours, asked and decided: a coach asks with a reason, staff approve or refuse.

A request is a ``BudgetAdjustment`` that nobody has decided yet. Approval goes through the
budget service (``budget_adjustment_approve``), so the hours count from then on; a refusal
records who refused and why, and changes nothing else. Both lock the enrolment row first,
so two decisions at the same moment give one decision and one clear message. Staff hear of
a request; the coach and the company's contacts hear of the decision.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from coaching.models import QUARTER_HOUR, BudgetAdjustment, Coach
from coaching.selectors import budget_status
from coaching.services import _check_staff, _lock, budget_adjustment_approve
from companies.models import Enrolment
from leercultuur.outbox.services import mail_queue
from leercultuur.text import check_fields

# At most this much in one request: the budget is 120 hours; more than that is a new plan.
MAX_EXTRA_MINUTES = 120 * 60


def extra_hours_request(
    *, enrolment: Enrolment, by: User, minutes: int, reason: str
) -> BudgetAdjustment:
    """A coach of the running trajectory asks for extra hours; one open request at a time."""
    with transaction.atomic():
        locked = _lock(enrolment)
        _check_coach_of(locked, by)
        if locked.status != Enrolment.Status.ACTIVE:
            raise ValidationError(_("Extra hours are asked for while the trajectory runs."))
        _check_minutes(minutes)
        if not reason.strip():
            raise ValidationError({"reason": _("Say why the company needs the extra hours.")})
        if locked.budget_adjustments.filter(approved_at=None, refused_at=None).exists():
            raise ValidationError(
                _("There is already a request for extra hours waiting for a decision.")
            )
        request = BudgetAdjustment(
            enrolment=locked, minutes=minutes, reason=reason.strip(), requested_by=by
        )
        check_fields(request, "reason")
        request.save()
        staff = User.objects.filter(is_staff=True, is_active=True).order_by("email")
        mail_queue(
            kind="extra_hours_requested",
            to=staff.values_list("email", flat=True),
            context={"request": request, "enrolment": locked},
        )
    return request


def extra_hours_approve(*, request: BudgetAdjustment, by: User) -> BudgetAdjustment:
    """Staff approve: the budget service adds the hours; coach and company are told."""
    with transaction.atomic():
        approved = budget_adjustment_approve(adjustment=request, by=by)
        _tell_decision(approved)
    return approved


def extra_hours_refuse(*, request: BudgetAdjustment, by: User, reason: str) -> BudgetAdjustment:
    """Staff refuse, saying why; nothing else changes. Coach and company are told."""
    _check_staff(by, _("Only programme staff decide on extra hours."))
    with transaction.atomic():
        _lock(request.enrolment)
        current = BudgetAdjustment.objects.get(pk=request.pk)
        if not current.is_open:
            raise ValidationError(_("This request has been decided already."))
        current.refused_by, current.refused_at = by, timezone.now()
        current.refusal_reason = reason.strip()
        check_fields(current, "refusal_reason")
        current.save(update_fields=["refused_by", "refused_at", "refusal_reason"])
        _tell_decision(current)
    return current


def _check_coach_of(enrolment: Enrolment, user: User) -> None:
    active = Coach.objects.filter(user_id=user.pk, is_active=True).exists()
    assigned = enrolment.lead_coach_id == user.pk or enrolment.coaches.filter(pk=user.pk).exists()
    if not (active and assigned):
        raise ValidationError(_("Only a coach of this company asks for extra hours."))


def _check_minutes(minutes: int) -> None:
    if minutes <= 0 or minutes % QUARTER_HOUR or minutes > MAX_EXTRA_MINUTES:
        raise ValidationError(
            {
                "minutes": _(
                    "Ask for whole quarter hours, at least a quarter of an hour and at most "
                    "%(hours)s hours."
                )
                % {"hours": MAX_EXTRA_MINUTES // 60}
            }
        )


def _tell_decision(request: BudgetAdjustment) -> None:
    """The coach who asked and the company's contacts hear the decision."""
    enrolment = request.enrolment
    contacts = enrolment.company.contacts.filter(user__is_active=True)
    recipients = {contact.user.email for contact in contacts.select_related("user")}
    if request.requested_by is not None:
        recipients.add(request.requested_by.email)
    mail_queue(
        kind="extra_hours_decided",
        to=sorted(recipients),
        context={"request": request, "enrolment": enrolment, "status": budget_status(enrolment)},
    )
