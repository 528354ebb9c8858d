"""Participants of a company: kept by its contacts and coaches (and seen by staff).

Every object comes through a helper scoped to the user that answers 404 for anyone else's.
"""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.decorators import role_required
from accounts.roles import Role, is_contact
from companies.selectors import enrolments_for_user, get_enrolment_for_user
from leercultuur.http import posted
from people.forms import AmbassadorActivityForm, EraseForm, InformedForm, ParticipantForm
from people.models import Participant
from people.selectors import (
    ambassador_activities_of,
    get_participant_for_user,
    participants_listed,
    people_informed,
)

KEEPERS = (Role.CONTACT, Role.COACH, Role.STAFF)


@role_required(*KEEPERS)
def participant_list(request: HttpRequest, public_id: object) -> HttpResponse:
    """The company's participants, the contact's statement, and a form to add a person."""
    enrolment = get_enrolment_for_user(request.user, public_id)  # type: ignore[arg-type]
    company = enrolment.company
    informed = people_informed(company)
    confirming = "confirm_informed" in request.POST
    informed_form = InformedForm(posted(request) if confirming else None)
    form = ParticipantForm(None if confirming else posted(request))
    if confirming and informed_form.is_valid() and informed_form.confirm(company, request.user):  # type: ignore[arg-type]
        messages.success(request, _("Thank you. You can list the people who take part now."))
        return redirect("participant_list", enrolment.public_id)
    if not confirming and form.is_valid() and (person := form.save_to(company)):
        messages.success(request, _("%(name)s is on the list.") % {"name": person.name})
        return redirect("participant_list", enrolment.public_id)
    context = {
        "enrolment": enrolment,
        "participants": participants_listed(company),
        "informed": informed,
        "informed_form": informed_form,
        "may_confirm": is_contact(request.user) and request.user.contact.company_id == company.pk,  # type: ignore[union-attr]
        "form": form,
    }
    return render(request, "people/participant_list.html", context)


@role_required(*KEEPERS)
def participant_edit(request: HttpRequest, public_id: object) -> HttpResponse:
    participant = get_participant_for_user(request.user, public_id)  # type: ignore[arg-type]
    form = ParticipantForm(posted(request), instance=participant)
    if form.is_valid() and form.save_to(participant.company):
        messages.success(
            request, _("The details of %(name)s have been saved.") % {"name": participant.name}
        )
        return redirect(_list_url(request, participant))
    context = {"participant": participant, "form": form, "back": _list_url(request, participant)}
    return render(request, "people/participant_edit.html", context)


@role_required(*KEEPERS)
def participant_erase(request: HttpRequest, public_id: object) -> HttpResponse:
    """Erase a person's name and details (AVG); what they did still counts, nameless."""
    participant = get_participant_for_user(request.user, public_id)  # type: ignore[arg-type]
    form = EraseForm(posted(request))
    if form.is_valid() and form.erase(participant):
        messages.success(request, _("The person's name and details have been erased."))
        return redirect(_list_url(request, participant))
    context = {"participant": participant, "form": form, "back": _list_url(request, participant)}
    return render(request, "people/participant_erase.html", context)


@role_required(*KEEPERS)
def ambassador_activities(request: HttpRequest, public_id: object) -> HttpResponse:
    """What an ambassador did to bring colleagues along, and a form to record more."""
    participant = get_participant_for_user(request.user, public_id)  # type: ignore[arg-type]
    form = AmbassadorActivityForm(posted(request))
    if form.is_valid() and form.record(participant, by=request.user):  # type: ignore[arg-type]
        messages.success(request, _("The activity has been recorded."))
        return redirect("ambassador_activities", participant.public_id)
    context = {
        "participant": participant,
        "activities": ambassador_activities_of(participant),
        "form": form,
        "back": _list_url(request, participant),
    }
    return render(request, "people/ambassador_activities.html", context)


def _list_url(request: HttpRequest, participant: Participant) -> str:
    """The list of the participant's company, through an enrolment the user may see."""
    enrolments = enrolments_for_user(request.user)  # type: ignore[arg-type]
    enrolment = enrolments.filter(company_id=participant.company_id).first()
    return reverse("participant_list", args=[enrolment.public_id]) if enrolment else "/"
