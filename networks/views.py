"""The network pages: members see their network, its meetings, experiences and files.

Every object comes through a helper in networks/selectors.py that answers 404 for
anyone outside the network.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import role_required
from accounts.models import User
from accounts.roles import Role
from companies.models import Enrolment
from leercultuur.http import posted, to_queue
from networks.forms import (
    DocumentForm,
    ExperienceForm,
    NewcomerForm,
    RegistrationForm,
    ReportForm,
)
from networks.models import Experience, LearningNetwork, Meeting, Registration
from networks.selectors import (
    attendance_by_company,
    can_facilitate,
    get_document_for_user,
    get_experience_for_user,
    get_meeting_for_user,
    get_network_for_user,
    get_own_experience,
    get_registration_for_user,
    meetings_with_places,
    member_enrolment,
    networks_for_user,
    registrable_people,
)
from networks.services import experience_moderate, experience_share, registration_cancel
from people.selectors import people_informed

MEMBERS = (Role.CONTACT, Role.COACH, Role.STAFF)


@role_required(*MEMBERS)
def network_list(request: HttpRequest) -> HttpResponse:
    networks = networks_for_user(request.user)  # type: ignore[arg-type]
    return render(request, "networks/network_list.html", {"networks": networks})


@role_required(*MEMBERS)
def network_detail(request: HttpRequest, public_id: object) -> HttpResponse:
    """The network's meetings, members, attendance and the experiences they share."""
    user: User = request.user  # type: ignore[assignment]
    network = get_network_for_user(user, public_id)  # type: ignore[arg-type]
    enrolment = member_enrolment(user, network)
    form = ExperienceForm(posted(request), network=network)
    if form.is_valid() and form.post(user, enrolment):
        messages.success(request, _("Your experience has been shared with the network."))
        return redirect("network_detail", network.public_id)
    return render(request, "networks/network_detail.html", _network_context(user, network, form))


def _network_context(user: User, network: LearningNetwork, form: ExperienceForm) -> dict:
    meetings = meetings_with_places(network.meetings.select_related("host_company"))
    facilitating = can_facilitate(user, network)
    attendance = attendance_by_company(network)
    if not facilitating and (enrolment := member_enrolment(user, network)):
        attendance = attendance.filter(pk=enrolment.pk)
    experiences = network.experiences.select_related("author", "enrolment__company", "meeting")
    return {
        "network": network,
        "coming": [m for m in meetings if m.starts_at >= timezone.now()],
        "past": [m for m in meetings if m.starts_at < timezone.now()][::-1],
        "members": network.members.select_related("company").order_by("company__legal_name"),
        "facilitators": network.facilitators.all(),
        "attendance": attendance,
        "facilitating": facilitating,
        "experiences": experiences,
        "form": form,
    }


@role_required(*MEMBERS)
@require_POST
def experience_delete(request: HttpRequest, public_id: object) -> HttpResponse:
    """Authors take back their own experience; facilitators remove any in their network."""
    experience = get_experience_for_user(request.user, public_id)  # type: ignore[arg-type]
    experience.delete()
    messages.success(request, _("The experience has been removed."))
    return redirect("network_detail", experience.network.public_id)


@role_required(*MEMBERS)
@require_POST
def experience_share_view(request: HttpRequest, public_id: object) -> HttpResponse:
    """The author shares their experience beyond the network, or keeps it in again."""
    user: User = request.user  # type: ignore[assignment]
    experience = get_own_experience(user, public_id)  # type: ignore[arg-type]
    shared = request.POST.get("delen") == "ja"
    experience_share(experience=experience, by=user, shared=shared)
    if shared:
        message = _("Thank you. Once the programme office has read it, it is in the library.")
    else:
        message = _("Your experience is only shown in the network again.")
    messages.success(request, message)
    return redirect("network_detail", experience.network.public_id)


@role_required(Role.STAFF)
@require_POST
def experience_moderate_view(request: HttpRequest, public_id: object) -> HttpResponse:
    """Staff let a shared experience into the public library, or keep it out."""
    experience = get_object_or_404(Experience, public_id=public_id)
    approve = request.POST.get("besluit") == "toelaten"
    try:
        experience_moderate(experience=experience, by=request.user, approve=approve)  # type: ignore[arg-type]
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        done = _("It is in the library now.") if approve else _("It stays out of the library.")
        messages.success(request, done)
    return to_queue("ervaringen")


@role_required(*MEMBERS)
def meeting_detail(request: HttpRequest, public_id: object) -> HttpResponse:
    """A meeting: what, when, where; registering people (from the company's list, or
    someone added to it on the spot); afterwards report and files."""
    user: User = request.user  # type: ignore[assignment]
    meeting = get_meeting_for_user(user, public_id)  # type: ignore[arg-type]
    enrolment = member_enrolment(user, meeting.network)
    adding = NewcomerForm.SUBMIT in request.POST
    people = registrable_people(meeting, enrolment)
    form = RegistrationForm(None if adding else posted(request), people=people)
    newcomer_form = NewcomerForm(posted(request) if adding else None)
    sent: RegistrationForm | NewcomerForm = newcomer_form if adding else form
    if enrolment and sent.is_valid() and (registration := sent.register(meeting, enrolment, user)):
        _registered(request, registration)
        return redirect("meeting_detail", meeting.public_id)
    context = _meeting_context(user, meeting, form, enrolment=enrolment)
    context["newcomer_form"] = newcomer_form
    return render(request, "networks/meeting_detail.html", context)


def _meeting_context(
    user: User, meeting: Meeting, form: RegistrationForm, *, enrolment: Enrolment | None
) -> dict:
    facilitating = can_facilitate(user, meeting.network)
    registrations = meeting.registrations.select_related("enrolment__company", "participant")
    if not facilitating:
        registrations = registrations.filter(enrolment__company_id=user.contact.company_id)
    counted = meetings_with_places(Meeting.objects.filter(pk=meeting.pk)).get()
    return {
        "meeting": meeting,
        "taken": counted.taken,  # type: ignore[attr-defined]
        "waiting": counted.waiting,  # type: ignore[attr-defined]
        "started": meeting.starts_at <= timezone.now(),
        "facilitating": facilitating,
        "enrolment": enrolment,
        "can_register": enrolment is not None,
        "informed": enrolment is not None and people_informed(enrolment.company) is not None,
        "registrations": registrations.exclude(status=Registration.Status.CANCELLED),
        "form": form,
        "report_form": ReportForm(initial={"report": meeting.report}),
        "document_form": DocumentForm(),
        "documents": meeting.documents.all(),
    }


def _registered(request: HttpRequest, registration: Registration) -> None:
    if registration.status == Registration.Status.WAITLISTED:
        text = _("The meeting is full: %(name)s is on the waiting list.")
        messages.warning(request, text % {"name": registration.person_name})
    else:
        text = _("%(name)s is registered.")
        messages.success(request, text % {"name": registration.person_name})


@role_required(*MEMBERS)
@require_POST
def registration_cancel_view(request: HttpRequest, public_id: object) -> HttpResponse:
    registration = get_registration_for_user(request.user, public_id)  # type: ignore[arg-type]
    try:
        registration_cancel(registration=registration)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        text = _("The registration of %(name)s has been cancelled.")
        messages.success(request, text % {"name": registration.person_name})
    return redirect("meeting_detail", registration.meeting.public_id)


@role_required(*MEMBERS)
def document_download(request: HttpRequest, public_id: object) -> HttpResponseBase:
    document = get_document_for_user(request.user, public_id)  # type: ignore[arg-type]
    name = (document.file.name or "").rsplit("/", 1)[-1]
    return FileResponse(document.file.open("rb"), as_attachment=True, filename=name)
