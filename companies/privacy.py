"""Personal data in companies: contacts, invitations, enrolments, analyses and plans.

See accounts/privacy.py for what the declarations mean.
"""

import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone

from accounts.models import User
from accounts.privacy import (
    LINK_TO_ERASED_USER,
    addressed,
    named,
    not_personal,
    purge,
    register,
    still_needed,
)
from companies.models import (
    Company,
    CompanyChangeRequest,
    Contact,
    DevelopmentPlan,
    Edition,
    Enrolment,
    EnrolmentNote,
    EnrolmentTransition,
    Invitation,
    NeedsAnalysis,
    PlanAction,
    Region,
    Sector,
    TrainingInstitution,
)


def _company_of(user: User, path: str) -> Q:
    """Rows of an enrolment the person acts for as a contact or coaches."""
    return (
        Q(**{f"{path}company__contacts__user": user})
        | Q(**{f"{path}lead_coach": user})
        | Q(**{f"{path}coaches": user})
    )


register(
    Contact,
    rows=lambda user: Q(user=user),
    export=("company", "position", "phone", "created_at"),
    delete=True,  # the person no longer acts for the company
    forget_history=True,
)
register(
    Company,
    label="companies.company.billing",
    rows=lambda user: (
        Q(contacts__user=user) & (named("billing_contact", user) | addressed("billing_email", user))
    ),
    export=("legal_name", "billing_contact", "billing_email"),
    scrub=("billing_contact", "billing_email"),
)
register(
    CompanyChangeRequest,
    rows=lambda user: Q(requested_by=user),
    export=("company", "changes", "status", "requested_at", "decided_at"),
    scrub=("changes",),  # a billing contact's name may be among them
    kept={"requested_by": LINK_TO_ERASED_USER, "decided_by": LINK_TO_ERASED_USER},
)
register(
    Invitation,
    label="companies.invitation.sent",
    rows=lambda user: Q(invited_by=user),
    export=("company", "created_at", "accepted_at", "revoked_at"),  # not the colleague's address
    scrub=("email",),
    kept={"invited_by": LINK_TO_ERASED_USER},
)
register(
    Invitation,
    label="companies.invitation.received",
    rows=lambda user: addressed("email", user),
    export=("company", "email", "created_at", "accepted_at", "revoked_at"),
    scrub=("email",),
)
register(
    Enrolment,
    rows=lambda user: Q(submitted_by=user),
    export=(
        "company",
        "edition",
        "status",
        "motivation",
        "po_reference",
        "terms_accepted_at",
        "submitted_at",
    ),
    scrub=("motivation",),
    kept={
        "submitted_by": LINK_TO_ERASED_USER,
        "lead_coach": LINK_TO_ERASED_USER,
        "coaches": LINK_TO_ERASED_USER,
    },
)
register(
    Enrolment,
    label="companies.enrolment.coached",
    rows=lambda user: Q(lead_coach=user) | Q(coaches=user),
    export=("company", "edition", "status", "start_date", "end_date"),
    kept={"lead_coach": LINK_TO_ERASED_USER, "coaches": LINK_TO_ERASED_USER},
)
register(
    EnrolmentTransition,
    rows=lambda user: Q(by=user),
    export=("enrolment", "from_status", "to_status", "at"),
    kept={"by": LINK_TO_ERASED_USER},
)
register(
    EnrolmentNote,
    # Notes the person wrote. Notes about their company are the company file's, not theirs:
    # an internal note never goes into a contact's export.
    rows=lambda user: Q(author=user),
    export=("enrolment", "visibility", "text", "created_at"),
    scrub=("text",),
    kept={"author": LINK_TO_ERASED_USER},
)
register(
    NeedsAnalysis,
    rows=lambda user: Q(submitted_by=user) | Q(reviewed_by=user),
    export=(
        "enrolment",
        "kind",
        "status",
        "answers",
        "learning_question",
        "coach_summary",
        "submitted_at",
        "reviewed_at",
    ),
    scrub=("answers", "learning_question", "coach_summary"),
    kept={"submitted_by": LINK_TO_ERASED_USER, "reviewed_by": LINK_TO_ERASED_USER},
)
register(
    DevelopmentPlan,
    not_exported="the company's plan, written by its coach: nobody's own data",
    scrub=("goal",),
)
register(
    PlanAction,
    # Actions that name the person as their owner, in a trajectory they take part in.
    rows=lambda user: named("owner", user) & _company_of(user, "plan__enrolment__"),
    export=("plan", "title", "owner", "status", "planned_date", "done_date"),
    scrub=("owner", "description"),
)
register(
    TrainingInstitution,
    # The contact person at a school or trainer, who may also sign in to the portal.
    rows=lambda user: addressed("contact_email", user) | named("contact_name", user),
    export=("name", "contact_name", "contact_email", "contact_phone"),
    clear={"contact_name": "", "contact_email": "", "contact_phone": ""},
)
not_personal(TrainingInstitution, name="the name of a school or trainer")
not_personal(Region, name="the name of a region")
not_personal(Sector, name="the name of an SBI section")
not_personal(Edition, name="the name of an edition", terms="the programme's terms")
not_personal(
    Company,
    legal_name="the company's name, which the invoices and the province's figures need",
    trade_name="the company's name, which the invoices and the province's figures need",
)


@purge("unaccepted invitations")
def _old_invitations(cutoff: datetime.datetime) -> int:
    deleted, _by_model = Invitation.objects.filter(
        accepted_at__isnull=True, created_at__lt=cutoff
    ).delete()
    return deleted


@still_needed
def _in_a_recent_trajectory(cutoff: datetime.datetime) -> QuerySet[User]:
    """Contacts and coaches of an enrolment that runs, or ended or changed after the cutoff."""
    recent = Enrolment.objects.filter(
        Q(status__in=[Enrolment.Status.ACCEPTED, Enrolment.Status.ACTIVE])
        | Q(end_date__gte=timezone.localdate(cutoff))
        | Q(updated_at__gte=cutoff)
    )
    return User.objects.filter(
        Q(contact__company__enrolments__in=recent)
        | Q(led_enrolments__in=recent)
        | Q(coached_enrolments__in=recent)
    )
