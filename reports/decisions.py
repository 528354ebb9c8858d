"""The programme office's decisions from its work surface (``/staf/``): one page per item
in a queue, showing what the decision does before it is taken, and the services that
take it. Every page is for staff only; the queues themselves are on the dashboard."""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.decorators import role_required
from accounts.roles import Role
from companies.models import Edition, Enrolment
from companies.services import enrolment_accept, enrolment_reject, enrolment_waitlist

# What each button does, by the name it posts.
DECISIONS: dict[str, Callable[..., Enrolment]] = {
    "accept": enrolment_accept,
    "waitlist": enrolment_waitlist,
    "reject": enrolment_reject,
}


def enrolments_awaiting_decision() -> QuerySet[Enrolment]:
    """Sent-in enrolments that wait for the office, the longest waiting first, each with
    its edition's places taken (one query, however long the queue)."""
    return (
        Enrolment.objects.filter(status=Enrolment.Status.SUBMITTED)
        .select_related("company__region", "edition")
        .order_by("submitted_at", "pk")
    )


def places_taken_per_edition(editions: set[int]) -> dict[int, int]:
    """Places taken (accepted, under way or completed) per edition, in one query."""
    rows = Edition.objects.filter(pk__in=editions).annotate(
        taken=Count("enrolments", filter=Q(enrolments__status__in=Enrolment.HOLDS_PLACE))
    )
    return {edition.pk: edition.taken for edition in rows}


@role_required(Role.STAFF)
@require_http_methods(["GET", "POST"])
def enrolment_decide(request: HttpRequest, public_id: object) -> HttpResponse:
    """Accept, waitlist or reject one sent-in enrolment, with the rule that decides shown."""
    enrolment = _enrolment(public_id)
    error = ""
    decide = DECISIONS.get(next((name for name in DECISIONS if name in request.POST), ""))
    if request.method == "POST" and decide is not None:
        try:
            decided = decide(enrolment=enrolment, by=request.user)
        except ValidationError as refused:
            error = " ".join(refused.messages)
        else:
            messages.success(
                request,
                _("%(company)s: %(status)s. The company gets an e-mail.")
                % {"company": decided.company, "status": decided.get_status_display().lower()},
            )
            return redirect("staff_dashboard")
    taken = places_taken_per_edition({enrolment.edition_id})[enrolment.edition_id]
    context = {
        "enrolment": enrolment,
        "taken": taken,
        "left": max(enrolment.edition.places - taken, 0),
        "open": enrolment.status == Enrolment.Status.SUBMITTED,
        "error": error,
    }
    return render(request, "reports/enrolment_decide.html", context)


def _enrolment(public_id: object) -> Enrolment:
    enrolments = Enrolment.objects.select_related(
        "company__region", "company__sector", "edition", "submitted_by"
    )
    try:
        return enrolments.get(public_id=str(public_id))
    except (Enrolment.DoesNotExist, ValidationError, ValueError) as error:
        raise Http404 from error
