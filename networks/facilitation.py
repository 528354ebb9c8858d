"""The facilitator's side of a meeting: attendance, report, files and the door's QR code.

Check-in itself is public: whoever scans the QR code at the door reaches a page that
knows the meeting by its secret token, not by its public id.
"""

import uuid

import segno
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from accounts.decorators import role_required
from accounts.models import User
from accounts.roles import Role
from leercultuur.http import declared_length, posted
from leercultuur.ratelimit import client_address, within_limit
from networks.forms import CheckinForm, DocumentForm, ReportForm
from networks.models import Meeting
from networks.selectors import get_meeting_to_facilitate
from networks.services import DOCUMENT_MAX_BYTES, attendance_record, checkin_open

FACILITATORS = (Role.COACH, Role.STAFF)


@role_required(*FACILITATORS)
@require_POST
def attendance_update(request: HttpRequest, public_id: object) -> HttpResponse:
    """The list afterwards: every registered person ticked present or not."""
    meeting = get_meeting_to_facilitate(request.user, public_id)  # type: ignore[arg-type]
    ticked = set(request.POST.getlist("present"))
    present = {r.public_id: str(r.public_id) in ticked for r in meeting.registrations.all()}
    try:
        attendance_record(meeting=meeting, present=present)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The attendance has been saved."))
    return redirect("meeting_detail", meeting.public_id)


@role_required(*FACILITATORS)
@require_POST
def meeting_report(request: HttpRequest, public_id: object) -> HttpResponse:
    meeting = get_meeting_to_facilitate(request.user, public_id)  # type: ignore[arg-type]
    form = ReportForm(request.POST)
    if form.is_valid() and form.save(meeting):
        messages.success(request, _("The report has been saved."))
        return redirect("meeting_detail", meeting.public_id)
    return render(request, "networks/meeting_form.html", {"meeting": meeting, "form": form})


# Room in a body for the form's other fields and the multipart boundaries around the file.
UPLOAD_OVERHEAD = 64 * 1024


@csrf_exempt  # checked in _document_upload: CSRF's check would first read the whole body
@role_required(*FACILITATORS)
@require_POST
def document_upload(request: HttpRequest, public_id: object) -> HttpResponse:
    """Refuses a body larger than a file may be by its Content-Length, before reading it."""
    user: User = request.user  # type: ignore[assignment]
    meeting = get_meeting_to_facilitate(user, public_id)  # type: ignore[arg-type]
    if declared_length(request) > DOCUMENT_MAX_BYTES + UPLOAD_OVERHEAD:
        context = {"meeting": meeting, "form": DocumentForm.too_large()}
        return render(request, "networks/meeting_form.html", context, status=413)
    return _document_upload(request, meeting, user)


@csrf_protect
def _document_upload(request: HttpRequest, meeting: Meeting, user: User) -> HttpResponse:
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid() and form.add(meeting, user):
        messages.success(request, _("The file is shared with the network."))
        return redirect("meeting_detail", meeting.public_id)
    return render(request, "networks/meeting_form.html", {"meeting": meeting, "form": form})


@role_required(*FACILITATORS)
def meeting_qr(request: HttpRequest, public_id: object) -> HttpResponse:
    """A page to print and hang at the door: the QR code that leads to the check-in page."""
    meeting = get_meeting_to_facilitate(request.user, public_id)  # type: ignore[arg-type]
    url = request.build_absolute_uri(reverse("checkin", args=[meeting.checkin_token]))
    qr = segno.make(url, error="m").svg_inline(scale=8, title=_("QR code for checking in"))
    return render(request, "networks/meeting_qr.html", {"meeting": meeting, "qr": qr, "url": url})


def checkin(request: HttpRequest, token: uuid.UUID) -> HttpResponse:
    """Public: at the door, someone registered says who they are and is marked present.

    Limited per meeting and client address (settings.CHECKIN_RATE_LIMIT), against floods
    and guessing who is registered.
    """
    window = settings.CHECKIN_RATE_WINDOW
    key = f"checkin:{token}:{client_address(request)}"
    if not within_limit(key, limit=settings.CHECKIN_RATE_LIMIT, seconds=window):
        response = render(request, "networks/checkin_limited.html", status=429)
        response["Retry-After"] = str(window)
        return response
    meeting = _meeting_by_token(token)
    form = CheckinForm(posted(request))
    if form.is_valid() and (registration := form.check_in(meeting)):
        done = {"meeting": meeting, "registration": registration}
        return render(request, "networks/checkin_done.html", done)
    context = {"meeting": meeting, "form": form, "open": checkin_open(meeting)}
    return render(request, "networks/checkin.html", context)


def _meeting_by_token(token: uuid.UUID) -> Meeting:
    try:
        return Meeting.objects.select_related("network").get(checkin_token=token)
    except (Meeting.DoesNotExist, ValueError) as exc:
        raise Http404 from exc
