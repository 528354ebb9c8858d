"""The company file (bedrijfsdossier): one page per enrolment for staff and its coaches.

Everything the portal knows of the company's trajectory, section by section, with the
notes staff and coaches keep about it. It reads every app, so it lives at the top.

The page reads in a fixed number of queries, however long the trajectory: counts and sums
are made by the database, and every list is cut short (the newest few, with a link to the
page that shows them all).
"""

from typing import Any

from django import forms
from django.contrib import messages
from django.db.models import Count, Q
from django.db.models.functions import Now
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from accounts.decorators import role_required
from accounts.models import User
from accounts.roles import Role
from coaching.selectors import budget_status, burn_rate
from companies.forms import call_service
from companies.models import Company, Enrolment, EnrolmentNote, NeedsAnalysis, PlanAction
from companies.notes import may_delete_note, note_add, note_delete
from companies.selectors import contacts_of, get_enrolment_for_user, get_note_for_user
from invoicing.models import Invoice
from invoicing.selectors import annotated_status, with_balances
from leercultuur.http import posted
from leercultuur.text import MultiLineFormField
from networks.models import Registration
from networks.selectors import company_attendance
from people.models import MBO_LEVELS, Group
from people.selectors import participants_of
from reports.models import Report
from surveys.models import TeamSurvey

# How many of each list the page shows; the rest is a link away.
SESSIONS_SHOWN = 5
REPORTS_SHOWN = 5
INVOICES_SHOWN = 10
NOTES_SHOWN = 20
# ?notities=alle shows every note.
ALL_NOTES = "alle"


class SignedInRequest(HttpRequest):
    """What ``role_required`` lets through: a signed-in user of the portal."""

    user: User


# --- Forms -------------------------------------------------------------------------------


class NoteForm(forms.Form):
    text = MultiLineFormField(
        label=gettext_lazy("Note"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4})
    )
    # No initial value: the writer chooses who reads it, every time.
    visibility = forms.ChoiceField(
        label=gettext_lazy("Who may read it?"),
        choices=EnrolmentNote.Visibility.choices,
        widget=forms.RadioSelect,
        help_text=gettext_lazy(
            "A shared note appears on the company's enrolment page and in its progress "
            "report. An internal note never reaches the company."
        ),
        error_messages={
            "required": gettext_lazy(
                "Choose who may read the note: only staff and coaches, or the company too."
            )
        },
    )

    def add(self, enrolment: Enrolment, author: User) -> EnrolmentNote | None:
        return call_service(
            self,
            note_add,
            enrolment=enrolment,
            author=author,
            text=self.cleaned_data["text"],
            visibility=self.cleaned_data["visibility"],
        )


class NoteDeleteForm(forms.Form):
    """Only a button: the confirmation."""

    def delete(self, note: EnrolmentNote, by: User) -> bool:
        call_service(self, note_delete, note=note, by=by)
        return not self.errors


# --- Views -------------------------------------------------------------------------------


@role_required(Role.COACH, Role.STAFF)
@require_http_methods(["GET", "POST"])
def company_file(request: SignedInRequest, public_id: object) -> HttpResponse:
    """The file, and the form to add a note to it."""
    enrolment = get_enrolment_for_user(request.user, str(public_id))
    form = NoteForm(posted(request))
    if form.is_valid() and form.add(enrolment, request.user):
        messages.success(request, _("The note has been added to the file."))
        return redirect(_notes_url(enrolment))
    everything = request.GET.get("notities") == ALL_NOTES
    context = {**file_sections(enrolment, all_notes=everything), "form": form}
    return render(request, "reports/company_file.html", context)


@role_required(Role.COACH, Role.STAFF)
@require_http_methods(["GET", "POST"])
def note_delete_view(request: SignedInRequest, public_id: object) -> HttpResponse:
    """Ask first, then delete the note (its author or staff only)."""
    note = get_note_for_user(request.user, str(public_id))
    enrolment = note.enrolment
    form = NoteDeleteForm(posted(request))
    if form.is_valid() and form.delete(note, request.user):
        messages.success(request, _("The note has been deleted."))
        return redirect(_notes_url(enrolment))
    context = {
        "note": note,
        "enrolment": enrolment,
        "form": form,
        "may_delete": may_delete_note(request.user, note),
    }
    return render(request, "reports/note_delete.html", context)


def _notes_url(enrolment: Enrolment) -> str:
    return reverse("company_file", args=[enrolment.public_id]) + "#notities"


# --- Reads -------------------------------------------------------------------------------


def file_sections(enrolment: Enrolment, *, all_notes: bool = False) -> dict[str, Any]:
    """What each section of the file shows, in a fixed number of queries."""
    company = enrolment.company
    budget = budget_status(enrolment)
    return {
        "enrolment": enrolment,
        "company": company,
        "coaches": list(
            enrolment.coaches.exclude(pk=enrolment.lead_coach_id).order_by("full_name", "email")
        ),
        "contacts": list(contacts_of(company)),
        "people": _participants(company),
        "transitions": list(enrolment.transitions.select_related("by")),
        **_analyses(enrolment),
        "surveys": list(
            TeamSurvey.objects.filter(enrolment=enrolment)
            .annotate(response_count=Count("responses"))
            .order_by("kind")
        ),
        "plan_counts": _plan_counts(enrolment),
        "budget": budget,
        "rate": burn_rate(enrolment, budget=budget),
        "sessions": list(
            enrolment.sessions.select_related("coach")
            .only("date", "minutes", "activity", "mode", "coach__full_name", "coach__email")
            .order_by("-date", "-pk")[:SESSIONS_SHOWN]
        ),
        **_attendance(enrolment),
        **_invoices(enrolment),
        "reports": list(
            Report.objects.filter(enrolment=enrolment, kind=Report.Kind.PROGRESS)
            .select_related("requested_by")
            .only(
                "public_id",
                "status",
                "created_at",
                "requested_by__full_name",
                "requested_by__email",
            )
            .order_by("-created_at", "-pk")[:REPORTS_SHOWN]
        ),
        **_notes(enrolment, all_notes=all_notes),
    }


def _participants(company: Company) -> dict[str, int]:
    """The company's active participants counted by group, education and role."""
    return participants_of(company, active_only=True).aggregate(
        total=Count("pk"),
        management=Count("pk", filter=Q(group=Group.MANAGEMENT)),
        employees=Count("pk", filter=Q(group=Group.EMPLOYEE)),
        mbo=Count("pk", filter=Q(education__in=MBO_LEVELS)),
        ambassadors=Count("pk", filter=Q(is_ambassador=True)),
    )


def _analyses(enrolment: Enrolment) -> dict[str, Any]:
    analyses = {
        analysis.kind: analysis for analysis in enrolment.analyses.defer("answers").order_by()
    }
    return {
        "baseline": analyses.get(NeedsAnalysis.Kind.BASELINE),
        "final": analyses.get(NeedsAnalysis.Kind.FINAL),
    }


def _plan_counts(enrolment: Enrolment) -> list[tuple[str, str, int]]:
    """(status, label, number of actions) for every status, in the plan's order."""
    rows = (
        PlanAction.objects.filter(plan__enrolment=enrolment)
        .order_by()
        .values_list("status")
        .annotate(count=Count("pk"))
    )
    counts = dict(rows)
    return [(value, str(label), counts.get(value, 0)) for value, label in PlanAction.Status.choices]


def _attendance(enrolment: Enrolment) -> dict[str, Any]:
    """Meetings held in the company's networks, and how many it registered for and came to."""
    held = Q(meeting__starts_at__lt=Now())
    registered = Registration.objects.filter(
        enrolment=enrolment, status=Registration.Status.REGISTERED
    ).aggregate(
        held=Count("meeting", filter=held, distinct=True),
        upcoming=Count("meeting", filter=~held, distinct=True),
    )
    return {
        "networks": [network.name for network in enrolment.networks.order_by("name")],
        "attendance": company_attendance(enrolment),
        "registered": registered,
    }


def _invoices(enrolment: Enrolment) -> dict[str, Any]:
    """The newest invoices and credit notes with what is paid and where each stands."""
    invoices = with_balances(Invoice.objects.filter(enrolment=enrolment).defer("ubl_xml"))
    invoices = invoices.order_by("-pk")
    rows = list(invoices[: INVOICES_SHOWN + 1])
    return {
        "invoices": [(invoice, annotated_status(invoice)) for invoice in rows[:INVOICES_SHOWN]],
        "more_invoices": len(rows) > INVOICES_SHOWN,
    }


def _notes(enrolment: Enrolment, *, all_notes: bool) -> dict[str, Any]:
    """The newest notes first; one more is read to know whether there are more."""
    notes = enrolment.notes.select_related("author").order_by("-created_at", "-pk")
    rows = list(notes if all_notes else notes[: NOTES_SHOWN + 1])
    return {
        "notes": rows[:NOTES_SHOWN] if not all_notes else rows,
        "more_notes": not all_notes and len(rows) > NOTES_SHOWN,
    }
