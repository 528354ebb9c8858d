"""Who takes part in a plan action, and how far each person got: kept by the company's
contacts and coaches, like the plan itself.

Every object comes through a helper scoped to the user that answers 404 for anyone else's.
"""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts.decorators import role_required
from accounts.roles import Role
from companies.selectors import get_plan_action_for_user
from leercultuur.http import posted
from people.forms import ParticipationForm, RemoveParticipationForm
from people.selectors import get_participation_for_user, participations_in
from people.services import PLAN_OPEN

PLAN_KEEPERS = (Role.CONTACT, Role.COACH)


@role_required(*PLAN_KEEPERS)
def action_participants(request: HttpRequest, public_id: object) -> HttpResponse:
    """The people of one action with how far they got, and a form to add a person."""
    action = get_plan_action_for_user(request.user, public_id)  # type: ignore[arg-type]
    form = ParticipationForm(posted(request), action=action)
    if form.is_valid() and (added := form.save_to_action()):
        messages.success(request, _("%(name)s takes part.") % {"name": added.participant.name})
        return redirect("action_participants", action.public_id)
    context = {
        "action": action,
        "enrolment": action.plan.enrolment,
        "participations": participations_in(action),
        "plan_open": action.plan.enrolment.status in PLAN_OPEN,
        "form": form,
    }
    return render(request, "people/action_participants.html", context)


@role_required(*PLAN_KEEPERS)
def action_participant_edit(
    request: HttpRequest, public_id: object, participant_id: object
) -> HttpResponse:
    participation = get_participation_for_user(request.user, public_id, participant_id)  # type: ignore[arg-type]
    action = participation.action
    form = ParticipationForm(posted(request), instance=participation, action=action)
    if form.is_valid() and form.save_to_action():
        messages.success(
            request, _("Saved for %(name)s.") % {"name": participation.participant.name}
        )
        return redirect("action_participants", action.public_id)
    context = {"participation": participation, "action": action, "form": form}
    return render(request, "people/action_participant_edit.html", context)


@role_required(*PLAN_KEEPERS)
def action_participant_remove(
    request: HttpRequest, public_id: object, participant_id: object
) -> HttpResponse:
    """Take a person off the action, after asking."""
    participation = get_participation_for_user(request.user, public_id, participant_id)  # type: ignore[arg-type]
    action = participation.action
    form = RemoveParticipationForm(posted(request))
    if form.is_valid() and form.remove(participation):
        messages.success(request, _("The person no longer takes part in the action."))
        return redirect("action_participants", action.public_id)
    context = {"participation": participation, "action": action, "form": form}
    return render(request, "people/action_participant_remove.html", context)
