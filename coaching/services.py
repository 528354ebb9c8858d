"""Logging coach time against the budget: every write locks the enrolment row first."""

import datetime
from collections.abc import Iterable
from typing import Any

from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import User
from coaching.models import (
    MAX_SESSION_MINUTES,
    MIN_SESSION_MINUTES,
    QUARTER_HOUR,
    BudgetAdjustment,
    BudgetAlert,
    Coach,
    CoachingSession,
    PeriodLock,
)
from coaching.selectors import budget_minutes, budget_status, over_budget_at, used_minutes
from companies.models import Edition, Enrolment
from leercultuur.outbox.services import mail_queue
from leercultuur.text import check_fields
from people.models import Participant

# Sessions are logged while the trajectory runs, and corrected after it ended.
_LOGGABLE = (Enrolment.Status.ACTIVE, Enrolment.Status.COMPLETED)
# The fields a coach fills in; the forms use the same tuple.
SESSION_FIELDS = (
    "date",
    "minutes",
    "activity",
    "mode",
    "people",
    "participants",
    "mbo_participants",
    "summary",
    "private_notes",
    "follow_up",
)


def validate_duration(minutes: int) -> None:
    """Whole quarter hours from 15 minutes to 10 hours."""
    if not MIN_SESSION_MINUTES <= minutes <= MAX_SESSION_MINUTES or minutes % QUARTER_HOUR:
        raise ValidationError(
            {"minutes": _("Enter the duration in quarter hours, from 15 minutes to 10 hours.")}
        )


def format_minutes(minutes: int) -> str:
    """Whole minutes as hours, in the active language: 75 → '1 uur 15 min', 45 → '45 min'."""
    sign = "-" if minutes < 0 else ""
    whole, rest = divmod(abs(minutes), 60)
    if whole and rest:
        text = _("%(hours)s h %(minutes)s min") % {"hours": whole, "minutes": rest}
    elif whole:
        text = _("%(hours)s h") % {"hours": whole}
    else:
        text = _("%(minutes)s min") % {"minutes": rest}
    return sign + text


def session_log(*, enrolment: Enrolment, coach: User, fields: dict[str, Any]) -> CoachingSession:
    """Log a session; refused when it would take the enrolment past its budget."""
    return _save(enrolment=enrolment, by=coach, session=CoachingSession(coach=coach), fields=fields)


def session_update(
    *, session: CoachingSession, by: User, fields: dict[str, Any]
) -> CoachingSession:
    return _save(enrolment=session.enrolment, by=by, session=session, fields=fields)


def session_delete(*, session: CoachingSession, by: User) -> None:
    with transaction.atomic():
        locked = _lock(session.enrolment)
        _check_may_change(locked, by=by, coach=session.coach, date=session.date)
        session.delete()
        _store_totals(locked)


def budget_adjustment_approve(*, adjustment: BudgetAdjustment, by: User) -> BudgetAdjustment:
    """Staff approve extra (or fewer) minutes; a reduction may not go below what is used."""
    _check_staff(by, _("Only programme staff approve budget adjustments."))
    with transaction.atomic():
        locked = _lock(adjustment.enrolment)
        # Read again under the lock: the caller's copy may be older than a change or approval.
        current = BudgetAdjustment.objects.get(pk=adjustment.pk)
        if current.approved_at is not None:
            raise ValidationError(_("This adjustment has been approved already."))
        if current.refused_at is not None:
            raise ValidationError(_("This request has been refused; it cannot be approved."))
        _check_covers_use(locked, budget_minutes(locked) + current.minutes)
        current.approved_by = by
        current.approved_at = timezone.now()
        current.save(update_fields=["approved_by", "approved_at"])
        _store_totals(locked)
    return current


def budget_adjustment_change(
    *, adjustment: BudgetAdjustment, by: User, minutes: int, reason: str
) -> BudgetAdjustment:
    """Change an adjustment's minutes or reason; an approved one counts, so its budget may
    not fall below the time already used."""
    _check_staff(by, _("Only programme staff change budget adjustments."))
    with transaction.atomic():
        locked = _lock(adjustment.enrolment)
        # Read again under the lock: it may have been approved since the caller read it.
        current = BudgetAdjustment.objects.get(pk=adjustment.pk)
        if current.approved_at is not None:
            _check_covers_use(locked, budget_minutes(locked) - current.minutes + minutes)
        current.minutes, current.reason = minutes, reason
        current.full_clean(exclude=["enrolment", "requested_by", "approved_by"])
        current.save(update_fields=["minutes", "reason"])
        _store_totals(locked)
    return current


def budget_adjustment_delete(*, adjustment: BudgetAdjustment, by: User) -> None:
    """Remove an adjustment; an approved one only if what is left covers the time used."""
    _check_staff(by, _("Only programme staff remove budget adjustments."))
    with transaction.atomic():
        locked = _lock(adjustment.enrolment)
        current = BudgetAdjustment.objects.filter(pk=adjustment.pk).first()
        if current is None:
            return  # removed already
        if current.approved_at is not None:
            _check_covers_use(locked, budget_minutes(locked) - current.minutes)
        current.delete()
        _store_totals(locked)


def edition_budget_change(*, edition: Edition, minutes: int, by: User) -> Edition:
    """Set the coach budget of every enrolment of an edition; refused while any of them
    has used more than it would then have."""
    _check_staff(by, _("Only programme staff change the coach budget."))
    if minutes < 0 or minutes % QUARTER_HOUR:
        raise ValidationError({"minutes": _("Enter the budget in whole quarter hours.")})
    with transaction.atomic():
        # The enrolments first, then the edition: the order in which logging a session
        # takes them (_lock), so the two wait for each other instead of deadlocking.
        enrolments = Enrolment.objects.filter(edition=edition).order_by("pk")
        list(enrolments.select_for_update(of=("self",)).values_list("pk", flat=True))
        locked = Edition.objects.select_for_update().get(pk=edition.pk)
        over = [str(enrolment.company) for enrolment in over_budget_at(locked, minutes)]
        if over:
            raise ValidationError(
                {
                    "minutes": _(
                        "The budget cannot become smaller than the time these companies "
                        "have already used: %(companies)s."
                    )
                    % {"companies": ", ".join(over)}
                }
            )
        locked.coach_budget_minutes = minutes
        locked.save(update_fields=["coach_budget_minutes"])
    return locked


def period_close(*, month: datetime.date, by: User) -> PeriodLock:
    _check_staff(by, _("Only programme staff close a month."))
    lock, _created = PeriodLock.objects.get_or_create(
        month=month.replace(day=1), defaults={"closed_by": by}
    )
    return lock


def _save(
    *, enrolment: Enrolment, by: User, session: CoachingSession, fields: dict[str, Any]
) -> CoachingSession:
    unknown = set(fields) - set(SESSION_FIELDS)
    if unknown:
        raise ValueError(f"Not session fields: {sorted(unknown)}")
    fields = dict(fields)
    picked = fields.pop("people", None)
    validate_duration(int(fields.get("minutes", session.minutes or 0)))
    with transaction.atomic():
        # The coach's row first: their sessions on one day for different enrolments are
        # checked against the daily maximum one after the other.
        _lock_coach(session.coach)
        # One lock per enrolment: two coaches saving at once are checked one after the other.
        locked = _lock(enrolment)
        if session.pk is not None:
            _check_may_change(locked, by=by, coach=session.coach, date=session.date)
        for field, value in fields.items():
            setattr(session, field, value)
        session.enrolment = locked
        people = _took_part(locked, session, picked)
        if people:  # the counts follow from who took part
            session.participants = len(people)
            session.mbo_participants = sum(person.is_mbo for person in people)
        _check_may_change(locked, by=by, coach=session.coach, date=session.date)
        _check_budget(locked, session)
        _check_day(session)
        session.full_clean(exclude=["enrolment", "coach"])
        session.save()
        if picked is not None:
            session.people.set(people)
        _store_totals(locked)
        _record_alerts(locked)
    return session


def _took_part(
    enrolment: Enrolment, session: CoachingSession, picked: Iterable[Participant] | None
) -> list[Participant]:
    """Who took part, as the session will record it: the people picked (or, when none
    are given, those recorded before), all of the enrolment's company.

    Someone erased since stays recorded: the form no longer shows them, and what they
    did still counts, nameless.
    """
    before = list(session.people.all()) if session.pk is not None else []
    if picked is None:
        return before
    wanted = {person.pk for person in picked}
    wanted |= {person.pk for person in before if person.erased_at is not None}
    people = list(
        Participant.objects.filter(pk__in=wanted, company_id=enrolment.company_id).order_by("pk")
    )
    if len(people) != len(wanted):
        raise ValidationError({"people": _("Only people of the company itself can be recorded.")})
    recorded = {person.pk for person in before}
    if any(p.erased_at is not None and p.pk not in recorded for p in people):
        raise ValidationError({"people": _("A person whose name was erased cannot be added.")})
    return people


def _record_alerts(enrolment: Enrolment) -> None:
    """Note each threshold the first time it is reached, and mail the enrolment's coaches
    and staff about it in the same transaction."""
    status = budget_status(enrolment)
    for threshold in BudgetAlert.Threshold:
        if status.used_share * 100 >= threshold:
            alert, created = BudgetAlert.objects.get_or_create(
                enrolment=enrolment, threshold=threshold
            )
            if created:
                mail_queue(
                    kind="budget_alert",
                    to=_alerted(enrolment),
                    context={"alert": alert, "enrolment": enrolment, "status": status},
                )


def _alerted(enrolment: Enrolment) -> list[str]:
    """Who hears that the budget runs out: the enrolment's coaches and programme staff."""
    recipients = {user.email for user in enrolment.coaches.all()}
    if enrolment.lead_coach:
        recipients.add(enrolment.lead_coach.email)
    staff = User.objects.filter(is_staff=True, is_active=True)
    return sorted(recipients | set(staff.values_list("email", flat=True)))


def _check_budget(enrolment: Enrolment, session: CoachingSession) -> None:
    left = budget_minutes(enrolment) - used_minutes(enrolment, excluding=session)
    if session.minutes > left:
        raise ValidationError(
            {
                "minutes": _("This session would exceed the budget: %(left)s left.")
                % {"left": format_minutes(max(left, 0))}
            }
        )


def _check_day(session: CoachingSession) -> None:
    """A coach's sessions on one day, over all their enrolments, stay within the maximum."""
    maximum = settings.COACH_MAX_HOURS_PER_DAY * 60
    same_day = CoachingSession.objects.filter(coach_id=session.coach_id, date=session.date)
    booked = same_day.exclude(pk=session.pk).aggregate(total=Sum("minutes"))["total"] or 0
    if booked + session.minutes > maximum:
        raise ValidationError(
            {
                "minutes": _(
                    "A coach logs at most %(hours)s hours of sessions a day; "
                    "%(left)s is left on %(date)s."
                )
                % {
                    "hours": settings.COACH_MAX_HOURS_PER_DAY,
                    "left": format_minutes(max(maximum - booked, 0)),
                    "date": date_format(session.date),
                }
            }
        )


def _check_covers_use(enrolment: Enrolment, budget: int) -> None:
    """Refuse a budget (caller holds the enrolment's lock) below the time already used."""
    used = used_minutes(enrolment)
    if budget < used:
        raise ValidationError(
            _(
                "The budget cannot become smaller than the time already used: "
                "%(used)s used, the budget would become %(budget)s."
            )
            % {"used": format_minutes(used), "budget": format_minutes(budget)}
        )


def _check_staff(user: User, message: str) -> None:
    if not user.is_staff:
        raise ValidationError(message)


def _check_may_change(enrolment: Enrolment, *, by: User, coach: User, date: datetime.date) -> None:
    if not by.is_staff:
        # Read now, not from the user object: a coach made inactive stops at once.
        active = Coach.objects.filter(user_id=by.pk, is_active=True).exists()
        assigned = enrolment.lead_coach_id == by.pk or enrolment.coaches.filter(pk=by.pk).exists()
        if not (active and assigned) or coach.pk != by.pk:
            raise ValidationError(
                _("You can only log and change your own sessions for your companies.")
            )
        if PeriodLock.objects.filter(month=date.replace(day=1)).exists():
            raise ValidationError(
                _("This month has been closed; ask the programme office to correct it.")
            )
    if enrolment.status not in _LOGGABLE or enrolment.start_date is None:
        raise ValidationError(_("Sessions are logged once the trajectory has started."))
    if date > timezone.localdate():
        raise ValidationError({"date": _("A session cannot lie in the future.")})
    if not enrolment.start_date <= date <= (enrolment.end_date or date):
        raise ValidationError({"date": _("The date must lie within the trajectory.")})


def _store_totals(enrolment: Enrolment) -> None:
    """Copy the enrolment's sums onto it (the caller holds its lock), for the pace queue."""
    extra = budget_minutes(enrolment) - enrolment.edition.coach_budget_minutes
    Enrolment.objects.filter(pk=enrolment.pk).update(
        minutes_used=used_minutes(enrolment), minutes_extra=extra
    )


def _lock(enrolment: Enrolment) -> Enrolment:
    """The enrolment's row and its edition's, in that order (an edition's budget change
    takes them in the same order)."""
    return Enrolment.objects.select_for_update().select_related("edition").get(pk=enrolment.pk)


def _lock_coach(coach: User) -> None:
    """The coach's row, taken before any enrolment's (a staff member without one: none)."""
    list(Coach.objects.select_for_update().filter(user_id=coach.pk))


def coach_invite(
    *, email: str, full_name: str, organisation: str, by: User, phone: str = ""
) -> Coach:
    """Create a coach's account and mail a link to choose a password (then MFA follows)."""
    if not by.is_staff:
        raise ValidationError(_("Only programme staff invite coaches."))
    email = email.strip().lower()
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": _("There is already an account with this e-mail address.")})
    check_fields(User(full_name=full_name), "full_name")
    check_fields(Coach(organisation=organisation, phone=phone), "organisation", "phone")
    with transaction.atomic():
        user = User.objects.create_user(email=email, password=None, full_name=full_name)
        # The invitation goes to this address, so following its link verifies it.
        EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
        coach = Coach.objects.create(user=user, organisation=organisation, phone=phone)
        # allauth's own password-reset key: the link works once, for a few days.
        key = default_token_generator.make_token(user)
        path = reverse("account_reset_password_from_key", args=[user_pk_to_url_str(user), key])
        mail_queue(
            kind="coach_invitation",
            to=[email],
            context={"coach": coach, "link": f"{settings.SITE_URL}{path}"},
            confidential=True,
        )
    return coach
