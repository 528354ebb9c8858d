"""The programme office's decisions from its work surface (``/staf/``): one page per item
in a queue, showing what the decision does before it is taken, and the services that
take it. Every page is for staff only; the queues themselves are on the dashboard."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from accounts.decorators import role_required
from accounts.models import User
from accounts.roles import Role
from companies.forms import call_service
from companies.models import Edition, Enrolment
from companies.services import (
    enrolment_accept,
    enrolment_assign_coach,
    enrolment_reject,
    enrolment_waitlist,
)
from leercultuur.http import posted, to_queue
from leercultuur.outbox import services as outbox
from leercultuur.outbox.models import Mail
from reports.models import Report
from reports.services import report_request

# What each button does, by the name it posts.
DECISIONS: dict[str, Callable[..., Enrolment]] = {
    "accept": enrolment_accept,
    "waitlist": enrolment_waitlist,
    "reject": enrolment_reject,
}


def coaches_with_load() -> QuerySet[User]:
    """Active coaches, each with the number of trajectories they lead that hold a place."""
    holding = Q(led_enrolments__status__in=Enrolment.HOLDS_PLACE)
    return (
        User.objects.filter(coach__is_active=True)
        .select_related("coach")
        .annotate(load=Count("led_enrolments", filter=holding))
        .order_by("load", "full_name", "pk")
    )


class CoachChoiceField(forms.ModelChoiceField):
    """A coach by name, organisation and how many trajectories they lead now."""

    def label_from_instance(self, obj: User) -> str:
        return _("%(name)s (%(organisation)s): leads %(load)s") % {
            "name": obj.full_name or obj.email,
            "organisation": obj.coach.organisation,
            "load": obj.load,  # type: ignore[attr-defined]
        }


class CoachAssignForm(forms.Form):
    coach = CoachChoiceField(label=gettext_lazy("Lead coach"), queryset=User.objects.none())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["coach"].queryset = coaches_with_load()  # type: ignore[attr-defined]


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
            return to_queue("besluit")
    taken = places_taken_per_edition({enrolment.edition_id})[enrolment.edition_id]
    context = {
        "enrolment": enrolment,
        "taken": taken,
        "left": max(enrolment.edition.places - taken, 0),
        "open": enrolment.status == Enrolment.Status.SUBMITTED,
        "error": error,
    }
    return render(request, "reports/enrolment_decide.html", context)


@role_required(Role.STAFF)
@require_http_methods(["GET", "POST"])
def coach_assign(request: HttpRequest, public_id: object) -> HttpResponse:
    """Choose the lead coach of an accepted enrolment, seeing how busy each coach is."""
    enrolment = _enrolment(public_id)
    form = CoachAssignForm(posted(request))
    if form.is_bound and form.is_valid():
        coach = form.cleaned_data["coach"]
        assigned = call_service(
            form, enrolment_assign_coach, enrolment=enrolment, coach=coach, by=request.user
        )
        if assigned is not None:
            messages.success(
                request,
                _("%(coach)s leads the trajectory of %(company)s.")
                % {"coach": coach, "company": enrolment.company},
            )
            return to_queue("coach")
    return render(request, "reports/coach_assign.html", {"enrolment": enrolment, "form": form})


def _enrolment(public_id: object) -> Enrolment:
    enrolments = Enrolment.objects.select_related(
        "company__region", "company__sector", "edition", "submitted_by"
    )
    try:
        return enrolments.get(public_id=str(public_id))
    except (Enrolment.DoesNotExist, ValidationError, ValueError) as error:
        raise Http404 from error


@role_required(Role.STAFF)
@require_http_methods(["POST"])
def mail_resend(request: HttpRequest, public_id: object) -> HttpResponse:
    """Send a mail that failed once more, with a fresh series of attempts."""
    mail = get_object_or_404(Mail, public_id=public_id)
    if outbox.mail_resend(mail=mail):
        messages.success(request, _("The mail to %(to)s is sent again.") % {"to": mail.to})
    else:
        messages.info(request, _("This mail is no longer waiting to be sent again."))
    return to_queue("mails")


@role_required(Role.STAFF)
@require_http_methods(["POST"])
def report_retry(request: HttpRequest, public_id: object) -> HttpResponse:
    """Ask once more for a report that failed, as it was asked for the first time."""
    failed = get_object_or_404(Report, public_id=public_id, status=Report.Status.FAILED)
    try:
        report = report_request(
            kind=failed.kind,
            requested_by=request.user,  # type: ignore[arg-type]
            enrolment=failed.enrolment,
            edition=failed.edition,
            parameters={k: v for k, v in failed.parameters.items() if k != "language"},
            language=failed.parameters.get("language"),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return to_queue("rapporten")
    messages.success(request, _("The report is asked for again."))
    return redirect("report_detail", report.public_id)
