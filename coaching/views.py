"""The coach's pages (log, change, week, export) and the hours of one enrolment.

Every view is form → service → redirect; every object comes through a helper scoped to
the user that answers 404 for anyone else's.
"""

import datetime
import re
import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet, Sum
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.decorators import role_required
from accounts.models import User
from accounts.roles import Role, role_of
from coaching.exports import session_table
from coaching.extra_hours import extra_hours_approve
from coaching.forms import ExtraHoursForm, ExtraHoursRefuseForm, SessionDeleteForm, SessionForm
from coaching.models import CoachingSession
from coaching.selectors import (
    CompanyCard,
    budget_status,
    company_cards,
    get_extra_hours_request,
)
from coaching.templatetags.coaching_tags import hours
from companies.models import Enrolment
from companies.selectors import companies_for_coach, enrolments_for_user, get_enrolment_for_user
from leercultuur.exports import csv_response
from leercultuur.http import posted, to_queue

# Who may read an enrolment's hours; get_enrolment_for_user narrows it to their own.
READERS = (Role.CONTACT, Role.COACH, Role.STAFF)
_ISO_WEEK = re.compile(r"(\d{4})-W(\d{2})")


@role_required(Role.COACH)
def coach_dashboard(request: HttpRequest) -> HttpResponse:
    """The coach's companies: whom to call, the hours used and left, the pace, the next step."""
    cards = company_cards(companies_for_coach(request.user))  # type: ignore[arg-type]
    return render(request, "coaching/coach_dashboard.html", {"cards": cards})


# --- The coach's sessions ----------------------------------------------------------------


@role_required(Role.COACH)
def session_create(request: HttpRequest) -> HttpResponse:
    """Log a session in a few seconds: the company may come preselected from its page."""
    enrolments = loggable_enrolments(request.user)  # type: ignore[arg-type]
    preselected = {"enrolment": request.GET.get("enrolment", "")}
    form = SessionForm(posted(request), enrolments=enrolments, initial=preselected)
    if form.is_valid() and (session := form.log(request.user)):  # type: ignore[arg-type]
        _saved(request, session)
        return redirect("enrolment_sessions", session.enrolment.public_id)
    # The chosen company's card beside the form; htmx swaps it in when the choice changes.
    card = _card(enrolments.filter(pk=form.chosen.pk)) if form.chosen else None
    return render(request, "coaching/session_create.html", {"form": form, "card": card})


@role_required(Role.COACH, Role.STAFF)
def session_edit(request: HttpRequest, public_id: object) -> HttpResponse:
    session = get_session_for_user(request.user, public_id)  # type: ignore[arg-type]
    form = SessionForm(posted(request), session=session)
    if form.is_valid() and form.update(session, request.user):  # type: ignore[arg-type]
        _saved(request, session)
        return redirect("enrolment_sessions", session.enrolment.public_id)
    context = {
        "form": form,
        "session": session,
        "enrolment": session.enrolment,
        "card": _card(enrolments_for_user(request.user).filter(pk=session.enrolment_id)),  # type: ignore[arg-type]
    }
    return render(request, "coaching/session_edit.html", context)


@role_required(Role.COACH, Role.STAFF)
def session_delete(request: HttpRequest, public_id: object) -> HttpResponse:
    session = get_session_for_user(request.user, public_id)  # type: ignore[arg-type]
    form = SessionDeleteForm(posted(request))
    if form.is_valid() and form.delete(session, request.user):  # type: ignore[arg-type]
        messages.success(request, _("The session has been deleted."))
        return redirect("enrolment_sessions", session.enrolment.public_id)
    context = {"form": form, "session": session, "enrolment": session.enrolment}
    return render(request, "coaching/session_delete.html", context)


@role_required(Role.COACH)
def coach_week(request: HttpRequest) -> HttpResponse:
    """The coach's sessions of one ISO week across their companies (?week=2026-W48)."""
    monday = _monday(request.GET.get("week", ""))
    sunday = monday + datetime.timedelta(days=6)
    sessions = _coach_sessions(request.user).filter(date__range=(monday, sunday))  # type: ignore[arg-type]
    context = {
        "sessions": sessions.order_by("date", "pk"),
        "total": sessions.aggregate(total=Sum("minutes"))["total"] or 0,
        "monday": monday,
        "sunday": sunday,
        "week": _iso_week(monday),
        "previous_week": _iso_week(monday - datetime.timedelta(days=7)),
        "next_week": _iso_week(monday + datetime.timedelta(days=7)),
    }
    return render(request, "coaching/coach_week.html", context)


@role_required(Role.COACH)
def coach_hours_csv(request: HttpRequest) -> HttpResponse:
    """The coach's own sessions, private notes included: they wrote them."""
    sessions = _coach_sessions(request.user).prefetch_related("people").order_by("date", "pk")  # type: ignore[arg-type]
    return csv_response("uren.csv", session_table(sessions, private=True))


# --- The hours of one enrolment ----------------------------------------------------------


@role_required(*READERS)
def enrolment_sessions(request: HttpRequest, public_id: object) -> HttpResponse:
    """Hours used and left, and the sessions; private notes never for the company."""
    enrolment = get_enrolment_for_user(request.user, public_id)  # type: ignore[arg-type]
    role = role_of(request.user)
    context = {
        "enrolment": enrolment,
        "status": budget_status(enrolment),
        "sessions": enrolment.sessions.select_related("coach").prefetch_related("people"),
        "private": role != Role.CONTACT,
        "may_log": role == Role.COACH and enrolment.status == Enrolment.Status.ACTIVE,
        "extra_hours": enrolment.budget_adjustments.exclude(requested_by=None).order_by(
            "-created_at"
        ),
    }
    return render(request, "coaching/enrolment_sessions.html", context)


@role_required(Role.COACH)
def extra_hours_ask(request: HttpRequest, public_id: object) -> HttpResponse:
    """A coach asks for extra hours for one of their companies."""
    enrolment = get_enrolment_for_user(request.user, public_id)  # type: ignore[arg-type]
    form = ExtraHoursForm(posted(request))
    if form.is_bound and form.is_valid() and form.ask(enrolment, request.user):  # type: ignore[arg-type]
        messages.success(request, _("Your request was sent to the programme office."))
        return redirect("enrolment_sessions", enrolment.public_id)
    context = {"enrolment": enrolment, "form": form, "status": budget_status(enrolment)}
    return render(request, "coaching/extra_hours_ask.html", context)


@role_required(Role.STAFF)
def extra_hours_decide(request: HttpRequest, public_id: object) -> HttpResponse:
    """Staff approve or refuse a request, seeing the budget it would change."""
    extra = get_extra_hours_request(str(public_id))
    refuse_form = ExtraHoursRefuseForm(posted(request) if "refuse" in request.POST else None)
    error = ""
    if request.method == "POST" and extra.is_open:
        if "approve" in request.POST:
            try:
                extra_hours_approve(request=extra, by=request.user)  # type: ignore[arg-type]
            except ValidationError as refused:
                error = " ".join(refused.messages)
            else:
                messages.success(request, _("Approved: the coach and the company are told."))
                return to_queue("extra-uren")
        elif refuse_form.is_valid() and refuse_form.refuse(extra, request.user):  # type: ignore[arg-type]
            messages.success(request, _("Refused: the coach and the company are told."))
            return to_queue("extra-uren")
    context = {
        "extra": extra,
        "enrolment": extra.enrolment,
        "status": budget_status(extra.enrolment),
        "refuse_form": refuse_form,
        "error": error,
    }
    return render(request, "coaching/extra_hours_decide.html", context)


@role_required(*READERS)
def enrolment_sessions_csv(request: HttpRequest, public_id: object) -> HttpResponse:
    enrolment = get_enrolment_for_user(request.user, public_id)  # type: ignore[arg-type]
    sessions = enrolment.sessions.select_related("enrolment__company").prefetch_related("people")
    sessions = sessions.order_by("date", "pk")
    table = session_table(sessions, private=role_of(request.user) != Role.CONTACT)
    return csv_response(f"uren-{enrolment.company.kvk_number}.csv", table)


# --- Helpers -----------------------------------------------------------------------------


def loggable_enrolments(user: User) -> QuerySet[Enrolment]:
    """The coach's companies whose trajectory runs: the ones a session can be logged for."""
    active = enrolments_for_user(user).filter(status=Enrolment.Status.ACTIVE)
    return active.order_by("company__legal_name")


def get_session_for_user(user: User, public_id: uuid.UUID | str) -> CoachingSession:
    """A session the user may change: a coach their own, staff any; else a 404."""
    sessions = CoachingSession.objects.select_related("enrolment__company", "enrolment__edition")
    sessions = sessions.filter(enrolment__in=enrolments_for_user(user))
    if not user.is_staff:
        sessions = sessions.filter(coach=user)
    try:
        return sessions.get(public_id=public_id)
    except (CoachingSession.DoesNotExist, ValueError) as exc:
        raise Http404 from exc


def _coach_sessions(user: User) -> QuerySet[CoachingSession]:
    """The coach's own sessions of the enrolments they coach now: taken off one, its
    sessions leave their week and export too."""
    sessions = CoachingSession.objects.filter(
        coach=user, enrolment__in=enrolments_for_user(user).values("pk")
    )
    return sessions.select_related("enrolment__company")


def _card(enrolments: QuerySet[Enrolment]) -> CompanyCard | None:
    """The card of the one enrolment in ``enrolments`` (none: no card)."""
    return next(iter(company_cards(enrolments)), None)


def _saved(request: HttpRequest, session: CoachingSession) -> None:
    left = budget_status(session.enrolment).left_minutes
    messages.success(
        request,
        _("The session has been saved. %(left)s of the budget is left.") % {"left": hours(left)},
    )


def _monday(week: str) -> datetime.date:
    """The Monday of an ISO week such as 2026-W48; this week for anything else."""
    if match := _ISO_WEEK.fullmatch(week):
        try:
            return datetime.date.fromisocalendar(int(match[1]), int(match[2]), 1)
        except ValueError:
            pass
    today = timezone.localdate()
    return today - datetime.timedelta(days=today.weekday())


def _iso_week(day: datetime.date) -> str:
    year, week, _weekday = day.isocalendar()
    return f"{year}-W{week:02d}"
