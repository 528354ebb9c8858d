"""The company's pages: enrolment, colleagues, the needs analysis, the plan, the dashboards.

Every view is form → service → redirect. Every object comes through a selector that is
scoped to the user and answers 404 for anyone else's.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import prefetch_related_objects
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.decorators import role_required
from accounts.roles import Role, is_contact
from companies import questionnaire as q
from companies.forms import (
    AnalysisSectionForm,
    BillingForm,
    CompanyChangeForm,
    CompanyForm,
    ConfirmForm,
    EditionForm,
    EnrolmentStartForm,
    InvitationAcceptForm,
    InvitationForm,
    PlanActionForm,
    ReviewForm,
    SubmitForm,
)
from companies.models import (
    Company,
    CompanyChangeRequest,
    Enrolment,
    Invitation,
    NeedsAnalysis,
    PlanAction,
)
from companies.selectors import (
    change_lines,
    contacts_of,
    enrolments_for_user,
    get_analysis_for_user,
    get_enrolment_for_user,
    get_invitation_for_user,
    get_plan_action_for_user,
    in_final_measurement_window,
    open_editions,
    pending_invitations,
    plan_progress,
    sent_in,
    shared_notes,
)
from leercultuur.charts import bar_chart, paired_bar_chart
from leercultuur.http import posted

Status = Enrolment.Status
Kind = NeedsAnalysis.Kind
# Who may read an enrolment's pages; the selectors narrow it to their own enrolments.
READERS = (Role.CONTACT, Role.COACH, Role.STAFF)


# --- Dashboards --------------------------------------------------------------------------


@role_required(Role.CONTACT)
def company_dashboard(request: HttpRequest) -> HttpResponse:
    company = request.user.contact.company  # type: ignore[union-attr]
    enrolment = enrolments_for_user(request.user).first()  # type: ignore[arg-type]
    context = {
        "company": company,
        "can_enrol": open_editions().exclude(enrolments__company=company).exists(),
        **(_trajectory(enrolment) if enrolment else {}),
    }
    return render(request, "companies/company_dashboard.html", context)


@login_required
def welcome(request: HttpRequest) -> HttpResponse:
    """Where a signed-up user without a role lands: the way to enrol their company."""
    return render(request, "companies/welcome.html", {"editions": open_editions()})


# --- Enrolment, page by page -------------------------------------------------------------


@role_required(Role.NONE, Role.CONTACT)
def enrolment_start(request: HttpRequest) -> HttpResponse:
    """Page 1: the edition and, for someone new, their company."""
    editions = open_editions()
    if not editions.exists():
        return render(request, "companies/enrolment_start.html", {"closed": True})
    known_company = is_contact(request.user)
    form_class = EditionForm if known_company else EnrolmentStartForm
    form = form_class(posted(request), editions=editions)
    if form.is_valid() and (enrolment := form.start(request.user)):  # type: ignore[arg-type]
        # Someone new filled in page 1 already; a contact checks the company's details.
        next_page = "enrolment_company" if known_company else "enrolment_billing"
        return redirect(next_page, enrolment.public_id)
    context = {"form": form, "steps": _steps("enrolment_company", None)}
    return render(request, "companies/enrolment_start.html", context)


def _draft_enrolment(view: Callable[[HttpRequest, Enrolment], HttpResponse]) -> Any:
    """A page of the enrolment form: the contact's own enrolment, only while a draft."""

    @role_required(Role.CONTACT)
    @wraps(view)
    def wrapper(request: HttpRequest, public_id: object) -> HttpResponse:
        enrolment = get_enrolment_for_user(request.user, public_id)  # type: ignore[arg-type]
        if enrolment.status != Status.DRAFT:
            messages.info(
                request, _("This enrolment has been submitted and can no longer be changed.")
            )
            return redirect("enrolment_detail", enrolment.public_id)
        return view(request, enrolment)

    return wrapper


@_draft_enrolment
def enrolment_company(request: HttpRequest, enrolment: Enrolment) -> HttpResponse:
    form = CompanyForm(posted(request), instance=enrolment.company)
    if sent_in(enrolment.company):
        form.show_only()
    if form.is_valid() and form.update(enrolment):
        return redirect("enrolment_billing", enrolment.public_id)
    return _enrolment_page(request, "enrolment_company", enrolment, form)


@_draft_enrolment
def enrolment_billing(request: HttpRequest, enrolment: Enrolment) -> HttpResponse:
    form = BillingForm.for_enrolment(posted(request), enrolment)
    if sent_in(enrolment.company):
        form.show_only()
    if form.is_valid() and form.update(enrolment):
        return redirect("enrolment_submit", enrolment.public_id)
    return _enrolment_page(request, "enrolment_billing", enrolment, form)


@_draft_enrolment
def enrolment_submit(request: HttpRequest, enrolment: Enrolment) -> HttpResponse:
    initial = {"motivation": enrolment.motivation}
    form = SubmitForm(posted(request), edition=enrolment.edition, initial=initial)
    if form.is_valid() and form.submit(enrolment, by=request.user):  # type: ignore[arg-type]
        messages.success(
            request,
            _(
                "Thank you: we have received your enrolment. The programme office lets you "
                "know by e-mail when it has decided."
            ),
        )
        return redirect("enrolment_detail", enrolment.public_id)
    return _enrolment_page(request, "enrolment_submit", enrolment, form)


@role_required(*READERS)
def enrolment_detail(request: HttpRequest, public_id: object) -> HttpResponse:
    enrolment = get_enrolment_for_user(request.user, public_id)  # type: ignore[arg-type]
    context = {
        **_trajectory(enrolment),
        "transitions": enrolment.transitions.all(),
        # Only the shared ones: this page is the company's own.
        "shared_notes": shared_notes(enrolment),
    }
    return render(request, "companies/enrolment_detail.html", context)


# --- Colleagues --------------------------------------------------------------------------


@role_required(Role.CONTACT)
def invitation_send(request: HttpRequest) -> HttpResponse:
    company = request.user.contact.company  # type: ignore[union-attr]
    form = InvitationForm(posted(request))
    if form.is_valid() and (invitation := form.send(company, by=request.user)):  # type: ignore[arg-type]
        messages.success(
            request, _("We have sent an invitation to %(email)s.") % {"email": invitation.email}
        )
        return redirect("company_access")
    context = {"company": company, "form": form, "may": sent_in(company)}
    return render(request, "companies/invitation_send.html", context)


@role_required(Role.CONTACT)
def company_access(request: HttpRequest) -> HttpResponse:
    """Who acts for the company in the portal, and the invitations not yet accepted."""
    company = request.user.contact.company  # type: ignore[union-attr]
    context = {
        "company": company,
        "contacts": contacts_of(company),
        "invitations": pending_invitations(company),
        "may_invite": sent_in(company),
    }
    return render(request, "companies/company_access.html", context)


@role_required(Role.CONTACT)
def invitation_resend(request: HttpRequest, public_id: object) -> HttpResponse:
    invitation = get_invitation_for_user(request.user, public_id)  # type: ignore[arg-type]
    if request.method != "POST":  # only after the scope: another's is a 404 either way
        return HttpResponseNotAllowed(["POST"])
    form = ConfirmForm(request.POST)
    if form.is_valid() and form.resend_invitation(invitation, request.user):  # type: ignore[arg-type]
        messages.success(
            request,
            _("We have sent the invitation to %(email)s again. The earlier link no longer works.")
            % {"email": invitation.email},
        )
    else:
        messages.error(request, " ".join(map(str, form.non_field_errors())))
    return redirect("company_access")


@role_required(Role.CONTACT)
def invitation_revoke(request: HttpRequest, public_id: object) -> HttpResponse:
    invitation = get_invitation_for_user(request.user, public_id)  # type: ignore[arg-type]
    if request.method != "POST":  # only after the scope: another's is a 404 either way
        return HttpResponseNotAllowed(["POST"])
    form = ConfirmForm(request.POST)
    if form.is_valid() and form.revoke_invitation(invitation):
        messages.success(
            request,
            _("The invitation to %(email)s has been revoked: its link no longer works.")
            % {"email": invitation.email},
        )
    else:
        messages.error(request, " ".join(map(str, form.non_field_errors())))
    return redirect("company_access")


@role_required(Role.CONTACT)
def company_change(request: HttpRequest) -> HttpResponse:
    """Ask the programme office to change the company's details that were sent in."""
    company = request.user.contact.company  # type: ignore[union-attr]
    form = CompanyChangeForm(posted(request), instance=Company.objects.get(pk=company.pk))
    if form.is_valid() and form.request_change(company, request.user):  # type: ignore[arg-type]
        messages.success(request, _("Thank you. The programme office will look at the change."))
        return redirect("company_dashboard")
    pending = company.change_requests.filter(status=CompanyChangeRequest.Status.PENDING).first()
    context = {
        "company": company,
        "form": form,
        "sent_in": sent_in(company),
        "pending": change_lines(pending) if pending else [],
    }
    return render(request, "companies/company_change.html", context)


@login_required
def invitation_accept(request: HttpRequest, token: object) -> HttpResponse:
    """Who invites the colleague to which company, and their details to join it."""
    invitations = Invitation.objects.select_related("company", "invited_by")
    invitation = get_object_or_404(invitations, token=token)
    if invitation.accepted_at is None and not invitation.is_open:
        # Revoked or expired: the link is dead, for everyone alike.
        gone = {"no_longer_valid": True}
        return render(request, "companies/invitation_accept.html", gone, status=404)
    if invitation.email.lower() != request.user.email.lower():  # type: ignore[union-attr]
        # Not this account's invitation: no company name, but a way forward.
        wrong = {"wrong_address": True}
        return render(request, "companies/invitation_accept.html", wrong, status=404)
    initial = {"full_name": request.user.full_name}  # type: ignore[union-attr]
    form = InvitationAcceptForm(posted(request), initial=initial)
    if form.is_valid() and form.accept(invitation, request.user):  # type: ignore[arg-type]
        messages.success(
            request, _("Welcome! You now act for %(company)s.") % {"company": invitation.company}
        )
        return redirect("company_dashboard")
    context = {"invitation": invitation, "form": form}
    return render(request, "companies/invitation_accept.html", context)


# --- The needs analysis ------------------------------------------------------------------


@role_required(Role.CONTACT)
def analysis_start(request: HttpRequest, public_id: object, kind: str) -> HttpResponse:
    """Open the baseline or final measurement, or resume it where it was left."""
    enrolment = get_enrolment_for_user(request.user, public_id)  # type: ignore[arg-type]
    if kind not in Kind.values:
        raise Http404
    analysis = enrolment.analyses.filter(kind=kind).first()
    form = ConfirmForm(posted(request))
    if analysis is None and form.is_valid():
        analysis = form.start_analysis(enrolment, kind)
    if analysis is not None:
        return redirect(_resume_url(analysis))
    context = {"enrolment": enrolment, "kind": Kind(kind), "form": form}
    return render(request, "companies/analysis_start.html", context)


@role_required(Role.CONTACT)
def analysis_section(request: HttpRequest, public_id: object, section_key: str) -> HttpResponse:
    """One page of the questionnaire: Back and Next both save it, Next checks it is complete."""
    analysis = get_analysis_for_user(request.user, public_id)  # type: ignore[arg-type]
    if analysis.status != NeedsAnalysis.Status.DRAFT:
        return redirect("analysis_detail", analysis.public_id)
    questionnaire = q.get_questionnaire(analysis.questionnaire_version)
    if section_key not in questionnaire.section_keys():
        raise Http404
    section = questionnaire.section(section_key)
    form = AnalysisSectionForm(posted(request), analysis=analysis, section=section)
    if form.is_valid() and form.save():
        return redirect(_neighbour_url(questionnaire, analysis, section, back=form.going_back))
    context = {
        "analysis": analysis,
        "section": section,
        "form": form,
        "number": questionnaire.section_keys().index(section_key) + 1,
        "total": len(questionnaire.sections),
        "previous": questionnaire.previous_section(section_key),
    }
    return render(request, "companies/analysis_section.html", context)


@role_required(Role.CONTACT)
def analysis_submit(request: HttpRequest, public_id: object) -> HttpResponse:
    """Check for missing answers (linked to their pages), or submit and lock the analysis."""
    analysis = get_analysis_for_user(request.user, public_id)  # type: ignore[arg-type]
    if analysis.status != NeedsAnalysis.Status.DRAFT:
        return redirect("analysis_detail", analysis.public_id)
    form = ConfirmForm(posted(request))
    if form.is_valid() and form.submit_analysis(analysis, by=request.user):  # type: ignore[arg-type]
        messages.success(request, _("Thank you: the analysis has been submitted to your coach."))
        return redirect("analysis_detail", analysis.public_id)
    questionnaire = q.get_questionnaire(analysis.questionnaire_version)
    context = {
        "analysis": analysis,
        "form": form,
        "missing": _missing_by_section(questionnaire, analysis),
        "last_section": questionnaire.sections[-1],
    }
    return render(request, "companies/analysis_submit.html", context)


@role_required(*READERS)
def analysis_detail(request: HttpRequest, public_id: object) -> HttpResponse:
    """The scores per dimension, the change since the baseline, and every answer."""
    analysis = get_analysis_for_user(request.user, public_id)  # type: ignore[arg-type]
    context = {"analysis": analysis, **_results(analysis)}
    return render(request, "companies/analysis_detail.html", context)


@role_required(Role.COACH, Role.STAFF)
def analysis_review(request: HttpRequest, public_id: object) -> HttpResponse:
    analysis = get_analysis_for_user(request.user, public_id)  # type: ignore[arg-type]
    form = ReviewForm.for_analysis(posted(request), analysis)
    if form.is_valid() and form.review(analysis, by=request.user):  # type: ignore[arg-type]
        messages.success(request, _("Your review has been saved."))
        return redirect("analysis_detail", analysis.public_id)
    context = {"analysis": analysis, "form": form}
    return render(request, "companies/analysis_review.html", context)


# --- The development plan ----------------------------------------------------------------


@role_required(Role.CONTACT, Role.COACH)
def plan_detail(request: HttpRequest, public_id: object) -> HttpResponse:
    """The actions and their progress, and a form to add one (also as an htmx fragment)."""
    enrolment = get_enrolment_for_user(request.user, public_id)  # type: ignore[arg-type]
    form = PlanActionForm(posted(request))
    if form.is_valid() and form.save_to(enrolment):
        messages.success(request, _("The action has been added to the plan."))
        return redirect("plan_detail", enrolment.public_id)
    htmx = request.headers.get("HX-Request") == "true"
    context = {**_trajectory(enrolment), "form": form, "htmx": htmx}
    template = "companies/plan_detail.html" + ("#plan" if htmx else "")
    return render(request, template, context)


@role_required(Role.CONTACT, Role.COACH)
def plan_action_edit(request: HttpRequest, public_id: object) -> HttpResponse:
    action = get_plan_action_for_user(request.user, public_id)  # type: ignore[arg-type]
    enrolment = action.plan.enrolment
    form = PlanActionForm(posted(request), instance=action)
    if form.is_valid() and form.save_to(enrolment):
        messages.success(request, _("The action has been saved."))
        return redirect("plan_detail", enrolment.public_id)
    context = {"action": action, "enrolment": enrolment, "form": form}
    return render(request, "companies/plan_action_edit.html", context)


@role_required(Role.CONTACT, Role.COACH)
def plan_action_delete(request: HttpRequest, public_id: object) -> HttpResponse:
    action = get_plan_action_for_user(request.user, public_id)  # type: ignore[arg-type]
    enrolment = action.plan.enrolment
    form = ConfirmForm(posted(request))
    if form.is_valid() and form.delete_action(action):
        messages.success(request, _("The action “%(title)s” has been deleted.") % {"title": action})
        return redirect("plan_detail", enrolment.public_id)
    context = {"action": action, "enrolment": enrolment, "form": form}
    return render(request, "companies/plan_action_delete.html", context)


# --- Helpers -----------------------------------------------------------------------------


ENROLMENT_STEPS = ("enrolment_company", "enrolment_billing", "enrolment_submit")


def _steps(current: str, enrolment: Enrolment | None) -> list[dict[str, Any]]:
    """The step indicator; the steps link once the enrolment exists."""
    labels = {
        "enrolment_company": _("Company"),
        "enrolment_billing": _("Billing"),
        "enrolment_submit": _("Submit"),
    }
    return [
        {
            "label": labels[name],
            "current": name == current,
            "url": reverse(name, args=[enrolment.public_id]) if enrolment else "",
        }
        for name in ENROLMENT_STEPS
    ]


def _enrolment_page(
    request: HttpRequest, step: str, enrolment: Enrolment, form: Any
) -> HttpResponse:
    context = {
        "enrolment": enrolment,
        "form": form,
        "steps": _steps(step, enrolment),
        "sent_in": sent_in(enrolment.company),
    }
    return render(request, f"companies/{step}.html", context)


def _trajectory(enrolment: Enrolment) -> dict[str, Any]:
    """What a dashboard or detail page shows of an enrolment: analyses, plan, next steps."""
    # Read once: the page's table of analyses uses the same list.
    prefetch_related_objects([enrolment], "analyses")
    analyses = {analysis.kind: analysis for analysis in enrolment.analyses.all()}
    baseline = analyses.get(Kind.BASELINE)
    done, total = plan_progress(enrolment)
    final_due = (
        enrolment.status == Status.ACTIVE
        and baseline is not None
        and baseline.submitted_at is not None
        and in_final_measurement_window(enrolment)
    )
    return {
        "enrolment": enrolment,
        "baseline": baseline,
        "final": analyses.get(Kind.FINAL),
        "final_due": final_due or Kind.FINAL in analyses,
        "plan_open": enrolment.status in {Status.ACCEPTED, Status.ACTIVE},
        "plan_done": done,
        "plan_total": total,
        "actions": PlanAction.objects.filter(plan__enrolment=enrolment).select_related(
            "institution"
        ),
    }


def _resume_url(analysis: NeedsAnalysis) -> str:
    """Where the user left off: the first page still missing answers, up to the page after
    the last one saved (the final measurement, pre-filled, starts at the beginning)."""
    if analysis.status != NeedsAnalysis.Status.DRAFT:
        return reverse("analysis_detail", args=[analysis.public_id])
    questionnaire = q.get_questionnaire(analysis.questionnaire_version)
    keys = questionnaire.section_keys()
    index = keys.index(analysis.last_section) + 1 if analysis.last_section in keys else 0
    missing = q.missing_required(questionnaire, analysis.answers)
    if missing:  # question keys start with their section's key
        index = min(index, keys.index(missing[0].partition(".")[0]))
    if index >= len(keys):
        return reverse("analysis_submit", args=[analysis.public_id])
    return reverse("analysis_section", args=[analysis.public_id, keys[index]])


def _neighbour_url(
    questionnaire: q.Questionnaire, analysis: NeedsAnalysis, section: q.Section, *, back: bool
) -> str:
    neighbour = (
        questionnaire.previous_section(section.key) or section
        if back
        else questionnaire.next_section(section.key)
    )
    if neighbour is None:  # after the last page: check and submit
        return reverse("analysis_submit", args=[analysis.public_id])
    return reverse("analysis_section", args=[analysis.public_id, neighbour.key])


def _missing_by_section(
    questionnaire: q.Questionnaire, analysis: NeedsAnalysis
) -> list[tuple[q.Section, list[q.Question]]]:
    missing = set(q.missing_required(questionnaire, analysis.answers))
    grouped = [
        (section, [question for question in section.questions if question.key in missing])
        for section in questionnaire.sections
    ]
    return [(section, questions) for section, questions in grouped if questions]


def _results(analysis: NeedsAnalysis) -> dict[str, Any]:
    """Scores per dimension as a chart; for the final measurement, the change since the
    baseline as paired bars and a table; and every answer, section by section."""
    questionnaire = q.get_questionnaire(analysis.questionnaire_version)
    scores = q.dimension_scores(questionnaire, analysis.answers)
    rows = [(score.dimension.text, score.mean) for score in scores]
    chart = bar_chart(_("Score per dimension (1 to 5)"), rows, maximum=5, decimals=2)
    changes: list[Any] = []
    baselines = analysis.enrolment.analyses.filter(kind=Kind.BASELINE)
    if analysis.kind == Kind.FINAL and (baseline := baselines.first()) is not None:
        changes = q.score_changes(questionnaire, baseline.answers, analysis.answers)
        chart = paired_bar_chart(
            _("Score per dimension (1 to 5): baseline and final measurement"),
            [(dimension.text, before, after) for dimension, before, after, _c in changes],
            maximum=5,
            legend=(_("Baseline measurement"), _("Final measurement")),
            decimals=2,
        )
    answers = [
        (
            section,
            [
                (question, _answer_text(question, analysis.answers.get(question.key)))
                for question in section.questions
            ],
        )
        for section in questionnaire.sections
    ]
    return {"scores": scores, "chart": chart, "changes": changes, "answers": answers}


def _answer_text(question: q.Question, value: Any) -> str:
    """An answer as the reader wants to see it: the label, not the stored key."""
    if value in (None, "", []):
        return ""
    if question.kind == "likert" and value in q.LIKERT_LABELS:
        return f"{value} – {q.LIKERT_LABELS[value].text}"
    if question.kind in {"choice", "multi"}:
        keys = value if isinstance(value, list) else [value]
        return ", ".join(question.choice(key).text for key in keys if key in question.choice_keys)
    return str(value)
