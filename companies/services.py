"""Every write on enrolments, analyses and plans that enforces a rule: one function each."""

import calendar
import datetime
from collections.abc import Mapping
from typing import Any, TypedDict

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.roles import is_coach
from companies.models import (
    Company,
    CompanyChangeRequest,
    Contact,
    DevelopmentPlan,
    Edition,
    Enrolment,
    EnrolmentTransition,
    Invitation,
    NeedsAnalysis,
    PlanAction,
    Region,
    Sector,
)
from companies.questionnaire import (
    CURRENT_VERSION,
    get_questionnaire,
    missing_required,
    validate_answers,
)
from companies.selectors import (
    change_lines,
    company_accepted,
    final_measurement_opens,
    sent_in,
)
from companies.signals import enrolment_status_changed
from companies.validators import phone_clean
from leercultuur.outbox.services import mail_queue
from leercultuur.text import check_fields

Status = Enrolment.Status


class ContactDetails(TypedDict):
    """What a contact tells about themselves on signing up or accepting an invitation."""

    full_name: str
    phone: str
    position: str


class CompanyDetails(TypedDict):
    legal_name: str
    trade_name: str
    kvk_number: str
    street_address: str
    postcode: str
    city: str
    region: Region
    sector: Sector
    employees: int
    mbo_employees: int
    has_hr_department: bool


# Who hears of a status change besides the company's contacts.
_STAFF_HEAR_OF = {Status.SUBMITTED, Status.WITHDRAWN}
_COACH_HEARS_OF = {Status.ACTIVE, Status.COMPLETED, Status.WITHDRAWN}
# Which status may follow which; everything else is refused.
ALLOWED_TRANSITIONS: dict[str, set[str]] = {
    Status.DRAFT: {Status.SUBMITTED, Status.WITHDRAWN},
    Status.SUBMITTED: {Status.ACCEPTED, Status.WAITLISTED, Status.REJECTED, Status.WITHDRAWN},
    Status.WAITLISTED: {Status.ACCEPTED, Status.REJECTED, Status.WITHDRAWN},
    Status.ACCEPTED: {Status.ACTIVE, Status.WITHDRAWN},
    Status.ACTIVE: {Status.COMPLETED, Status.WITHDRAWN},
    Status.REJECTED: set(),
    Status.COMPLETED: set(),
    Status.WITHDRAWN: set(),
}


# --- Enrolment by a company contact -------------------------------------------------------


def enrolment_start(
    *,
    user: User,
    edition: Edition,
    details: CompanyDetails,
    person: ContactDetails | None = None,
) -> Enrolment:
    """Register the user's company, with the user as its first contact (``person``: their
    name, phone and function), and open a draft enrolment in the edition."""
    _check_open(edition)
    if hasattr(user, "contact"):
        raise ValidationError(_("You already act for a company; enrol it from your dashboard."))
    if Company.objects.filter(kvk_number=details["kvk_number"]).exists():
        raise ValidationError({"kvk_number": _kvk_taken()})
    company = Company(**details)
    # Uniqueness is settled by the database below, with the message a user needs.
    company.full_clean(exclude=["billing_email", "billing_contact"], validate_unique=False)
    person = _checked_person(person)
    try:
        with transaction.atomic():
            company.save()
            _become_contact(user=user, company=company, person=person)
            return Enrolment.objects.create(edition=edition, company=company)
    except IntegrityError as exc:
        # Someone registered the same company (or this user) in the same instant.
        if Company.objects.filter(kvk_number=details["kvk_number"]).exists():
            raise ValidationError({"kvk_number": _kvk_taken()}) from exc
        raise ValidationError(_("You already act for a company.")) from exc


def _kvk_taken() -> str:
    return _(
        "A company with this KvK number already takes part. Ask one of its "
        "contacts to invite you, so that you can act for it in the portal."
    )


def enrolment_start_for_company(*, user: User, edition: Edition) -> Enrolment:
    """A contact enrols their (known) company in another edition."""
    _check_open(edition)
    company = user.contact.company
    with transaction.atomic():
        if Enrolment.objects.filter(company=company, edition=edition).exists():
            raise ValidationError(_("Your company is already enrolled in this edition."))
        return Enrolment.objects.create(edition=edition, company=company)


def enrolment_update_company(*, enrolment: Enrolment, details: CompanyDetails) -> Company:
    """Correct the company's details while the enrolment is still a draft, and only until
    an enrolment of the company has been sent in: from then on staff decide (a change
    request), also when the company starts a draft in another edition."""
    _check_draft(enrolment)
    company = enrolment.company
    if _differs(company, details) and sent_in(company):
        raise ValidationError(_changes_go_through_staff())
    taken = Company.objects.filter(kvk_number=details["kvk_number"]).exclude(pk=company.pk)
    if taken.exists():
        raise ValidationError({"kvk_number": _("Another company already has this KvK number.")})
    for field, value in details.items():
        setattr(company, field, value)
    company.full_clean(exclude=["billing_email", "billing_contact"])
    company.save()
    return company


def enrolment_update_billing(
    *,
    enrolment: Enrolment,
    billing_email: str,
    billing_contact: str,
    vat_number: str,
    po_reference: str,
) -> Enrolment:
    """The billing details (the company's, so only until it has been sent in) and the
    purchase-order reference (the enrolment's own, until it is submitted)."""
    _check_draft(enrolment)
    billing = {
        "billing_email": billing_email,
        "billing_contact": billing_contact,
        "vat_number": vat_number,
    }
    with transaction.atomic():
        company = enrolment.company
        if _differs(company, billing) and sent_in(company):
            raise ValidationError(_changes_go_through_staff())
        for field, value in billing.items():
            setattr(company, field, value)
        company.full_clean()
        company.save()
        enrolment.po_reference = po_reference
        check_fields(enrolment, "po_reference")
        enrolment.save(update_fields=["po_reference", "updated_at"])
    return enrolment


def enrolment_submit(
    *, enrolment: Enrolment, by: User, motivation: str, accept_terms: bool
) -> Enrolment:
    """Send the enrolment to the programme office; the company agrees to the terms."""
    _check_draft(enrolment)
    errors: dict[str, str] = {}
    if not accept_terms:
        errors["accept_terms"] = _("Agree to the programme terms to enrol.")
    if not motivation.strip():
        errors["motivation"] = _("Tell us briefly why your company takes part.")
    if not enrolment.company.billing_email:
        errors["__all__"] = _("Fill in the billing details first.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = _lock(enrolment)
        locked.motivation = motivation.strip()
        check_fields(locked, "motivation")
        locked.terms_accepted_at = timezone.now()
        locked.submitted_by = by
        locked.submitted_at = timezone.now()
        _transition(locked, Status.SUBMITTED, by=by)
    return locked


# --- Decisions by programme staff ---------------------------------------------------------


def enrolment_accept(*, enrolment: Enrolment, by: User) -> Enrolment:
    """Accept while the edition has places left; otherwise put it on the waiting list."""
    with transaction.atomic():
        # The edition row is the lock: two staff members deciding at once take turns.
        edition = Edition.objects.select_for_update().get(pk=enrolment.edition_id)
        locked = _lock(enrolment)
        if places_taken(edition) < edition.places:
            _transition(locked, Status.ACCEPTED, by=by)
        elif locked.status != Status.WAITLISTED:
            _transition(locked, Status.WAITLISTED, by=by)
    return locked


def enrolment_waitlist(*, enrolment: Enrolment, by: User) -> Enrolment:
    return _move(enrolment, Status.WAITLISTED, by=by)


def enrolment_reject(*, enrolment: Enrolment, by: User) -> Enrolment:
    return _move(enrolment, Status.REJECTED, by=by)


def enrolment_withdraw(*, enrolment: Enrolment, by: User) -> Enrolment:
    return _move(enrolment, Status.WITHDRAWN, by=by)


def enrolment_complete(*, enrolment: Enrolment, by: User) -> Enrolment:
    return _move(enrolment, Status.COMPLETED, by=by)


def enrolment_activate(*, enrolment: Enrolment, by: User, start_date: datetime.date) -> Enrolment:
    """Start the trajectory: the end date follows from the edition's length."""
    with transaction.atomic():
        locked = _lock(enrolment)
        if locked.lead_coach_id is None:
            raise ValidationError(_("Assign a lead coach before the trajectory starts."))
        locked.start_date = start_date
        locked.end_date = add_months(start_date, locked.edition.trajectory_months)
        _transition(locked, Status.ACTIVE, by=by)
    return locked


def enrolment_assign_coach(
    *, enrolment: Enrolment, coach: User, by: User, lead: bool = True
) -> Enrolment:
    if not is_coach(coach):
        raise ValidationError(_("%(name)s is not an active coach.") % {"name": coach})
    if enrolment.status not in {Status.ACCEPTED, Status.ACTIVE, Status.SUBMITTED}:
        raise ValidationError(_("Coaches are assigned to accepted enrolments."))
    with transaction.atomic():
        locked = _lock(enrolment)
        if lead:
            locked.lead_coach = coach
            locked.save(update_fields=["lead_coach", "updated_at"])
        else:
            locked.coaches.add(coach)
    return locked


def places_taken(edition: Edition) -> int:
    return edition.enrolments.filter(status__in=Enrolment.HOLDS_PLACE).count()


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` later, or that month's last day (31 Jan + 1 = 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


# --- Colleagues -----------------------------------------------------------------------------


def invitation_send(*, company: Company, email: str, by: User) -> Invitation:
    """Invite a colleague by mail: once the company has sent in an enrolment, and at most
    ``INVITATIONS_PER_COMPANY_PER_DAY`` a day, so nobody mails strangers through us."""
    email = email.strip().lower()
    if not sent_in(company):
        raise ValidationError(
            _("You can invite colleagues once your company's enrolment has been sent in.")
        )
    if Contact.objects.filter(company=company, user__email__iexact=email).exists():
        raise ValidationError({"email": _("This person already acts for your company.")})
    _check_invitable(email, company)
    with transaction.atomic():
        _check_daily_limit(company)
        return _invite(company=company, email=email, by=by)


def invitation_resend(*, invitation: Invitation, by: User) -> Invitation:
    """Send an open (or expired) invitation again, with a new link that works for the full
    period; the earlier link stops working. It counts toward the daily limit like any
    invitation."""
    if invitation.accepted_at is not None:
        raise ValidationError(_("This invitation has been accepted already."))
    if invitation.revoked_at is not None:
        raise ValidationError(_("This invitation has been revoked. Send a new one if needed."))
    company = invitation.company
    _check_invitable(invitation.email, company)
    with transaction.atomic():
        _check_daily_limit(company)
        if not _claim_open(invitation):
            raise ValidationError(_("This invitation has been accepted or revoked meanwhile."))
        return _invite(company=company, email=invitation.email, by=by)


def invitation_revoke(*, invitation: Invitation) -> Invitation:
    """Take back an invitation that has not been accepted: its link stops working at once.
    Revoking twice does no harm."""
    with transaction.atomic():
        if not _claim_open(invitation):
            invitation.refresh_from_db()
            if invitation.accepted_at is not None:
                raise ValidationError(
                    _("This invitation has been accepted already, so it cannot be revoked.")
                )
    invitation.refresh_from_db()
    return invitation


def invitation_accept(
    *, invitation: Invitation, user: User, person: ContactDetails | None = None
) -> Contact:
    """The invited colleague joins the company, with their name, phone and function."""
    if invitation.accepted_at is not None:
        raise ValidationError(_("This invitation has been used already."))
    if not invitation.is_open:
        raise ValidationError(_no_longer_valid())
    if user.email.lower() != invitation.email.lower():
        raise ValidationError(_("This invitation was sent to another e-mail address."))
    if hasattr(user, "contact"):
        raise ValidationError(_("You already act for a company."))
    if user.is_staff or hasattr(user, "coach"):
        raise ValidationError(
            _("An account of the programme office or of a coach cannot act for a company.")
        )
    person = _checked_person(person)
    valid_since = timezone.now() - datetime.timedelta(days=settings.INVITATION_VALID_DAYS)
    with transaction.atomic():
        claimed = Invitation.objects.filter(
            pk=invitation.pk,
            accepted_at__isnull=True,
            revoked_at__isnull=True,
            created_at__gt=valid_since,
        ).update(accepted_at=timezone.now())
        if claimed != 1:
            invitation.refresh_from_db()
            if invitation.accepted_at is not None:
                raise ValidationError(_("This invitation has been used already."))
            raise ValidationError(_no_longer_valid())
        return _become_contact(user=user, company=invitation.company, person=person)


def _no_longer_valid() -> str:
    return _(
        "This invitation no longer works: it has expired or has been revoked. Ask your "
        "colleague to send you a new one."
    )


def _check_invitable(email: str, company: Company) -> None:
    """An address that belongs to another organisation in the portal (a contact of another
    company, a coach, the programme office) is refused before anything is sent. Which
    organisation is not said: that is none of the inviter's business."""
    user = User.objects.filter(email__iexact=email).select_related("contact").first()
    if user is None:
        return
    elsewhere = hasattr(user, "contact") and user.contact.company_id != company.pk
    if elsewhere or user.is_staff or hasattr(user, "coach"):
        raise ValidationError(
            {
                "email": _(
                    "This e-mail address cannot be invited: it already belongs to another "
                    "organisation in the portal. Ask your colleague for another address."
                )
            }
        )


def _check_daily_limit(company: Company) -> None:
    """Within the caller's transaction: the company row is the lock, so two invitations
    at once cannot both pass the limit."""
    Company.objects.select_for_update().get(pk=company.pk)
    limit = settings.INVITATIONS_PER_COMPANY_PER_DAY
    since = timezone.now() - datetime.timedelta(days=1)
    if company.invitations.filter(created_at__gte=since).count() >= limit:
        raise ValidationError(
            _(
                "Your company has sent %(limit)d invitations in the last 24 hours, the "
                "most we allow. Please try again tomorrow."
            )
            % {"limit": limit}
        )


def _invite(*, company: Company, email: str, by: User) -> Invitation:
    invitation = Invitation.objects.create(company=company, email=email, invited_by=by)
    mail_queue(kind="invitation", to=[email], context={"invitation": invitation})
    return invitation


def _claim_open(invitation: Invitation) -> bool:
    """Revoke the invitation if nobody accepted or revoked it first."""
    revoked = Invitation.objects.filter(
        pk=invitation.pk, accepted_at__isnull=True, revoked_at__isnull=True
    ).update(revoked_at=timezone.now())
    return revoked == 1


def _checked_person(person: ContactDetails | None) -> ContactDetails:
    """The contact's details, tidied and checked before anything is saved."""
    if person is None:
        return {"full_name": "", "phone": "", "position": ""}
    full_name = person["full_name"].strip()
    if not full_name:
        raise ValidationError({"full_name": _("Fill in your name.")})
    try:
        phone = phone_clean(person["phone"]) if person["phone"].strip() else ""
    except ValidationError as error:
        raise ValidationError({"phone": error.messages}) from None
    checked: ContactDetails = {
        "full_name": full_name,
        "phone": phone,
        "position": person["position"].strip(),
    }
    check_fields(User(full_name=full_name), "full_name")
    check_fields(Contact(phone=phone, position=checked["position"]), "phone", "position")
    return checked


def _become_contact(*, user: User, company: Company, person: ContactDetails) -> Contact:
    if person["full_name"]:
        user.full_name = person["full_name"]
        user.save(update_fields=["full_name"])
    return Contact.objects.create(
        user=user, company=company, phone=person["phone"], position=person["position"]
    )


# --- Changing the details of a company that has been sent in --------------------------------

# What a change request may change: the details of the enrolment form and the billing.
CHANGEABLE = (*CompanyDetails.__annotations__, "billing_email", "billing_contact", "vat_number")


def company_change_request(
    *, company: Company, by: User, details: dict[str, Any]
) -> CompanyChangeRequest:
    """A contact asks staff to change the company's details; programme staff are mailed."""
    stored = Company.objects.get(pk=company.pk)  # not the instance a form changed
    changes = {
        field: [_stored(getattr(stored, field)), _stored(value)]
        for field, value in details.items()
        if field in CHANGEABLE and _stored(getattr(stored, field)) != _stored(value)
    }
    if not changes:
        raise ValidationError(_("Nothing has changed: change a detail first."))
    _proposed(company, changes).full_clean(validate_unique=False)
    if company.change_requests.filter(status=CompanyChangeRequest.Status.PENDING).exists():
        raise ValidationError(_pending_already())
    try:
        with transaction.atomic():
            request = CompanyChangeRequest.objects.create(
                company=company, changes=changes, requested_by=by
            )
            staff = User.objects.filter(is_staff=True, is_active=True)
            mail_queue(
                kind="company_change_requested",
                to=staff.values_list("email", flat=True),
                context={"request": request, "lines": change_lines(request)},
            )
    except IntegrityError as exc:  # asked at the same instant by a colleague
        raise ValidationError(_pending_already()) from exc
    return request


def company_change_approve(*, request: CompanyChangeRequest, by: User) -> Company:
    """Staff apply the requested details (checked again: a KvK number may be taken now)."""
    with transaction.atomic():
        locked = _lock_pending(request)
        company = Company.objects.select_for_update().get(pk=locked.company_id)
        changed = _proposed(company, locked.changes)
        kvk_taken = Company.objects.filter(kvk_number=changed.kvk_number).exclude(pk=company.pk)
        if kvk_taken.exists():
            raise ValidationError(_("Another company already has this KvK number."))
        changed.full_clean(validate_unique=False)
        changed.save()
        _decide(locked, CompanyChangeRequest.Status.APPROVED, by=by)
    return changed


def company_change_reject(*, request: CompanyChangeRequest, by: User) -> CompanyChangeRequest:
    with transaction.atomic():
        locked = _lock_pending(request)
        _decide(locked, CompanyChangeRequest.Status.REJECTED, by=by)
    return locked


def _stored(value: object) -> object:
    """A value as the request keeps it (a region or sector by its key)."""
    return value.pk if isinstance(value, Region | Sector) else value


def _proposed(company: Company, changes: dict[str, Any]) -> Company:
    """A copy of the company with the requested values, to validate or to save."""
    proposed = Company.objects.get(pk=company.pk)
    columns = {field.name: field.attname for field in Company._meta.concrete_fields}
    for field, (_current, value) in changes.items():
        setattr(proposed, columns[field], value)
    return proposed


def _lock_pending(request: CompanyChangeRequest) -> CompanyChangeRequest:
    locked = CompanyChangeRequest.objects.select_for_update().get(pk=request.pk)
    if locked.status != CompanyChangeRequest.Status.PENDING:
        raise ValidationError(_("This request has been decided already."))
    return locked


def _decide(request: CompanyChangeRequest, status: str, *, by: User) -> None:
    request.status = status
    request.decided_by = by
    request.decided_at = timezone.now()
    request.save(update_fields=["status", "decided_by", "decided_at"])
    to = [request.requested_by.email] if request.requested_by else []
    context = {"request": request, "lines": change_lines(request)}
    mail_queue(kind="company_change_decided", to=to, context=context)


def _differs(company: Company, values: Mapping[str, object]) -> bool:
    """Whether ``values`` differ from the company's row as stored (a form may have changed
    the instance in memory already)."""
    stored = Company.objects.get(pk=company.pk)
    return any(_stored(getattr(stored, key)) != _stored(value) for key, value in values.items())


def _changes_go_through_staff() -> str:
    return _(
        "Your company's details are with the programme office already. Ask for a change "
        "instead; the programme office makes it."
    )


def _pending_already() -> str:
    return _("A change of your company's details is waiting for the programme office already.")


# --- The needs analysis ------------------------------------------------------------------


def analysis_start(*, enrolment: Enrolment, kind: str) -> NeedsAnalysis:
    """Open the baseline, or the final measurement pre-filled with the baseline's answers."""
    existing = enrolment.analyses.filter(kind=kind).first()
    if existing:
        return existing
    if enrolment.status not in {Status.SUBMITTED, Status.ACCEPTED, Status.ACTIVE}:
        raise ValidationError(_("The needs analysis opens once the enrolment is submitted."))
    answers: dict[str, Any] = {}
    if kind == NeedsAnalysis.Kind.FINAL:
        baseline = enrolment.analyses.filter(kind=NeedsAnalysis.Kind.BASELINE).first()
        if enrolment.status != Status.ACTIVE or baseline is None or baseline.submitted_at is None:
            raise ValidationError(
                _("The final measurement follows a submitted baseline, during the trajectory.")
            )
        opens = final_measurement_opens(enrolment)
        if opens is not None and timezone.localdate() < opens:
            raise ValidationError(
                _("The final measurement opens on %(date)s, in the last months of the trajectory.")
                % {"date": date_format(opens)}
            )
        answers = dict(baseline.answers)
    with transaction.atomic():
        analysis, _created = NeedsAnalysis.objects.get_or_create(
            enrolment=enrolment,
            kind=kind,
            defaults={"questionnaire_version": CURRENT_VERSION, "answers": answers},
        )
    return analysis


def analysis_save_section(
    *, analysis: NeedsAnalysis, section_key: str, raw: dict[str, Any]
) -> NeedsAnalysis:
    """Validate and keep one page of answers; an invalid page saves nothing."""
    questionnaire = get_questionnaire(analysis.questionnaire_version)
    if section_key not in questionnaire.section_keys():
        raise ValidationError(_("This questionnaire has no such section."))
    cleaned, errors = validate_answers(questionnaire, section_key, raw)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = NeedsAnalysis.objects.select_for_update().get(pk=analysis.pk)
        _check_analysis_open(locked)
        # The page replaces its own earlier answers: an answer cleared on it is gone.
        section_keys = {question.key for question in questionnaire.section(section_key).questions}
        kept = {key: value for key, value in locked.answers.items() if key not in section_keys}
        locked.answers = kept | cleaned
        locked.last_section = section_key
        locked.save(update_fields=["answers", "last_section", "updated_at"])
    return locked


def analysis_submit(*, analysis: NeedsAnalysis, by: User) -> NeedsAnalysis:
    """Lock the analysis once every required question is answered."""
    questionnaire = get_questionnaire(analysis.questionnaire_version)
    with transaction.atomic():
        locked = NeedsAnalysis.objects.select_for_update().get(pk=analysis.pk)
        _check_analysis_open(locked)
        missing = missing_required(questionnaire, locked.answers)
        if missing:
            raise ValidationError(
                _("%(count)d required questions are still open.") % {"count": len(missing)},
                code="incomplete",
                params={"missing": missing},
            )
        locked.status = NeedsAnalysis.Status.SUBMITTED
        locked.submitted_by = by
        locked.submitted_at = timezone.now()
        locked.save(update_fields=["status", "submitted_by", "submitted_at", "updated_at"])
    return locked


def analysis_review(
    *, analysis: NeedsAnalysis, by: User, learning_question: str, coach_summary: str
) -> NeedsAnalysis:
    """The coach records the learning question (leervraag) and a summary."""
    if analysis.status == NeedsAnalysis.Status.DRAFT:
        raise ValidationError(_("The company has not submitted this analysis yet."))
    if not learning_question.strip():
        raise ValidationError({"learning_question": _("Write down the learning question.")})
    analysis.learning_question = learning_question.strip()
    analysis.coach_summary = coach_summary.strip()
    check_fields(analysis, "learning_question", "coach_summary")
    analysis.status = NeedsAnalysis.Status.REVIEWED
    analysis.reviewed_by = by
    analysis.reviewed_at = timezone.now()
    analysis.save()
    return analysis


# --- The development plan ----------------------------------------------------------------


def plan_action_save(
    *, enrolment: Enrolment, fields: dict[str, Any], action: PlanAction | None = None
) -> PlanAction:
    """Add an action to the plan (made on first use) or change one."""
    if enrolment.status not in {Status.ACCEPTED, Status.ACTIVE}:
        raise ValidationError(_("The development plan is kept during the trajectory."))
    if fields.get("status") == PlanAction.Status.DONE and not fields.get("done_date"):
        fields = {**fields, "done_date": timezone.localdate()}
    done_date = fields.get("done_date")
    if done_date is not None and done_date > timezone.localdate():
        raise ValidationError({"done_date": _("An action cannot be done on a day still to come.")})
    institution = fields.get("institution")
    # The form has put the choice on the action already: ask the database what it named.
    already_named = (
        action is not None
        and PlanAction.objects.filter(pk=action.pk, institution=institution).exists()
    )
    if institution is not None and not institution.is_active and not already_named:
        raise ValidationError(
            {"institution": _("This training institution is no longer in the list.")}
        )
    if institution is not None and fields.get("training_institution"):
        raise ValidationError(
            {"training_institution": _("Choose a training institution or type one in, not both.")}
        )
    with transaction.atomic():
        plan, _created = DevelopmentPlan.objects.get_or_create(enrolment=enrolment)
        if action is None:
            action = PlanAction(plan=plan)
        elif action.plan_id != plan.pk:
            raise ValidationError(_("This action belongs to another plan."))
        for field, value in fields.items():
            setattr(action, field, value)
        action.full_clean()
        action.save()
    return action


def plan_action_delete(*, action: PlanAction) -> None:
    if action.plan.enrolment.status not in {Status.ACCEPTED, Status.ACTIVE}:
        raise ValidationError(_("The development plan is kept during the trajectory."))
    action.delete()


# --- Internals ---------------------------------------------------------------------------


def _check_open(edition: Edition) -> None:
    today = timezone.localdate()
    if not edition.is_open or not edition.enrolment_opens <= today <= edition.enrolment_closes:
        raise ValidationError(_("Enrolment for %(edition)s is closed.") % {"edition": edition})


def _check_draft(enrolment: Enrolment) -> None:
    if enrolment.status != Status.DRAFT:
        raise ValidationError(_("This enrolment has been submitted and can no longer be changed."))


def _check_analysis_open(analysis: NeedsAnalysis) -> None:
    if analysis.status != NeedsAnalysis.Status.DRAFT:
        raise ValidationError(_("This analysis has been submitted and can no longer be changed."))


def _hear_of(transition: EnrolmentTransition) -> list[str]:
    """The company's contacts; staff of a new or withdrawn enrolment; the lead coach of a
    trajectory that starts, ends or is withdrawn."""
    enrolment = transition.enrolment
    emails = list(enrolment.company.contacts.values_list("user__email", flat=True))
    if transition.to_status in _STAFF_HEAR_OF:
        staff = User.objects.filter(is_staff=True, is_active=True)
        emails += list(staff.values_list("email", flat=True))
    if transition.to_status in _COACH_HEARS_OF and enrolment.lead_coach:
        emails.append(enrolment.lead_coach.email)
    return sorted(set(emails))


def _lock(enrolment: Enrolment) -> Enrolment:
    return Enrolment.objects.select_for_update().select_related("edition").get(pk=enrolment.pk)


def _move(enrolment: Enrolment, to: str, *, by: User) -> Enrolment:
    with transaction.atomic():
        locked = _lock(enrolment)
        _transition(locked, to, by=by)
    return locked


def _transition(enrolment: Enrolment, to: str, *, by: User) -> None:
    """Change the status (caller holds the row lock), record it, and mail the people
    concerned in the same transaction."""
    if to not in ALLOWED_TRANSITIONS[enrolment.status]:
        raise ValidationError(
            _("An enrolment that is %(current)s cannot become %(new)s.")
            % {"current": enrolment.get_status_display().lower(), "new": Status(to).label.lower()}
        )
    previous = enrolment.status
    enrolment.status = to
    enrolment.save()
    transition = EnrolmentTransition.objects.create(
        enrolment=enrolment, from_status=previous, to_status=to, by=by
    )
    mail_queue(
        kind="enrolment_status",
        to=_hear_of(transition),
        context={
            "transition": transition,
            "enrolment": enrolment,
            "named": company_accepted(enrolment.company),
        },
    )
    # Apps above companies (invoicing) act on the change in this same transaction.
    enrolment_status_changed.send(sender=Enrolment, enrolment=enrolment, previous=previous, by=by)
