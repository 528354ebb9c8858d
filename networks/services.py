"""Registering people for network meetings: the meeting row is the lock for its places."""

import datetime
import re
import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from companies.models import Company, Enrolment
from leercultuur.outbox.services import MailFile, mail_queue
from leercultuur.text import check_fields, validate_single_line
from networks.calendar import meeting_ics_filename, meeting_url, meetings_ics
from networks.models import (
    CalendarFeed,
    Experience,
    LearningNetwork,
    Meeting,
    MeetingDocument,
    Registration,
)

Status = Registration.Status


def registration_add(
    *,
    meeting: Meeting,
    enrolment: Enrolment,
    by: User,
    name: str,
    role: str = "",
    is_mbo: bool = False,
) -> Registration:
    """Register a person; when the meeting is full they join its waiting list.

    A person is registered once: the same name (whatever its case and spaces) of the
    same company cannot be registered or waiting twice for one meeting.
    """
    check_fields(Registration(name=name, role=role), "name", "role")  # before spaces go
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"name": _("Enter the name of the person who comes.")})
    with transaction.atomic():
        # Two contacts taking the last place at once: the second waits for this lock.
        locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if not locked.network.members.filter(pk=enrolment.pk).exists():
            raise ValidationError(_("Your company is not a member of this network."))
        if locked.starts_at <= timezone.now():
            raise ValidationError(_("This meeting has started; registration is closed."))
        if _registered_already(locked, enrolment, name):
            raise _twice(name)
        full = _registered(locked) >= locked.capacity
        try:
            with transaction.atomic():
                return Registration.objects.create(
                    meeting=locked,
                    enrolment=enrolment,
                    name=name,
                    role=role.strip(),
                    is_mbo=is_mbo,
                    registered_by=by,
                    status=Status.WAITLISTED if full else Status.REGISTERED,
                )
        except IntegrityError:
            # Written past this lock (the constraint is the last word): still a clear message.
            if not _registered_already(locked, enrolment, name):
                raise
            raise _twice(name) from None


def _registered_already(meeting: Meeting, enrolment: Enrolment, name: str) -> bool:
    return meeting.registrations.filter(
        enrolment=enrolment, status__in=[Status.REGISTERED, Status.WAITLISTED], name__iexact=name
    ).exists()


def _twice(name: str) -> ValidationError:
    return ValidationError(
        {
            "name": _("%(name)s is already registered for this meeting (or on its waiting list).")
            % {"name": name}
        }
    )


def registration_cancel(*, registration: Registration) -> Registration | None:
    """Cancel; the first on the waiting list takes the place. Returns who moved up."""
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=registration.meeting_id)
        locked = Registration.objects.select_for_update().get(pk=registration.pk)
        if locked.status == Status.CANCELLED:
            raise ValidationError(_("This registration has been cancelled already."))
        if meeting.starts_at <= timezone.now():
            raise ValidationError(_("This meeting has started; registrations stay as they are."))
        locked.status = Status.CANCELLED
        locked.save(update_fields=["status"])
        waiting = meeting.registrations.filter(status=Status.WAITLISTED).order_by(
            "created_at", "pk"
        )
        if _registered(meeting) < meeting.capacity and (first := waiting.first()) is not None:
            first.status = Status.REGISTERED
            first.save(update_fields=["status"])
            return first
    return None


def attendance_record(*, meeting: Meeting, present: dict[Any, bool]) -> int:
    """The facilitator's list afterwards: registration public id → present or not."""
    if meeting.starts_at > timezone.now():
        raise ValidationError(_("Attendance is recorded once the meeting has started."))
    with transaction.atomic():
        registrations = list(
            meeting.registrations.select_for_update().filter(
                status=Status.REGISTERED, public_id__in=list(present)
            )
        )
        for registration in registrations:
            registration.attended = present[registration.public_id]
        Registration.objects.bulk_update(registrations, ["attended"])
    return len(registrations)


def _registered(meeting: Meeting) -> int:
    return meeting.registrations.filter(status=Status.REGISTERED).count()


# --- After the meeting: report, experiences, documents, check-in at the door ---------------

DOCUMENT_MAX_BYTES = 10 * 1024 * 1024
DOCUMENT_TOO_LARGE = gettext_lazy("The file is larger than 10 MB.")
NAME_MAX_LENGTH = MeetingDocument.NAME_MAX_LENGTH
DOCUMENT_NAME_TOO_LONG = gettext_lazy(
    "The file name is too long. Give the file a shorter name (at most 100 characters) "
    "and upload it again."
)
DOCUMENT_EXTENSIONS = {"pdf", "pptx", "docx", "xlsx", "odp", "odt", "ods", "png", "jpg", "jpeg"}
CHECKIN_OPENS_BEFORE = datetime.timedelta(hours=1)


def meeting_report_save(*, meeting: Meeting, report: str) -> Meeting:
    """The facilitator's report, written once the meeting has started."""
    if meeting.starts_at > timezone.now():
        raise ValidationError({"report": _("The report is written once the meeting has started.")})
    meeting.report = report.strip()
    check_fields(meeting, "report")
    meeting.save(update_fields=["report"])
    return meeting


def experience_post(
    *,
    network: LearningNetwork,
    author: User,
    enrolment: Enrolment | None,
    body: str,
    meeting: Meeting | None = None,
) -> Experience:
    """Share an experience with the network; it is kept as plain text and shown escaped."""
    body = body.strip()
    if not body:
        raise ValidationError({"body": _("Write down the experience you want to share.")})
    if meeting is not None and meeting.network_id != network.pk:
        raise ValidationError({"meeting": _("Choose a meeting of this network.")})
    experience = Experience(
        network=network, author=author, enrolment=enrolment, body=body, meeting=meeting
    )
    check_fields(experience, "body")
    experience.save()
    return experience


def document_add(*, meeting: Meeting, by: User, title: str, file: UploadedFile) -> MeetingDocument:
    """Share a file with the network; only common office formats, at most 10 MB, under a
    name of at most 100 characters."""
    name = file.name or ""
    # Characters for the person; bytes for the file system (at most 255 a name).
    if len(name) > NAME_MAX_LENGTH or len(name.encode()) > 2 * NAME_MAX_LENGTH:
        raise ValidationError({"file": DOCUMENT_NAME_TOO_LONG})
    try:  # a name like "fdp.\u202eexe" reads as "exe.pdf"
        validate_single_line(name)
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from None
    extension = name.rsplit(".", 1)[-1].lower()
    if extension not in DOCUMENT_EXTENSIONS:
        raise ValidationError(
            {"file": _("Upload a PDF, an office document or an image (PNG or JPEG).")}
        )
    if (file.size or 0) > DOCUMENT_MAX_BYTES:
        raise ValidationError({"file": DOCUMENT_TOO_LARGE})
    document = MeetingDocument(
        meeting=meeting, uploaded_by=by, title=title.strip() or name, file=file
    )
    check_fields(document, "title")
    document.save()
    return document


def checkin_open(meeting: Meeting) -> bool:
    now = timezone.now()
    return meeting.starts_at - CHECKIN_OPENS_BEFORE <= now <= meeting.ends_at


CHECKIN_NOT_FOUND = gettext_lazy(
    "We cannot find this name and company among the registrations for this meeting. "
    "Check the spelling, or report to the facilitator."
)
# Left off a company's name when matching: few people type them at the door.
LEGAL_FORMS = {"bv", "nv", "vof", "cv"}


def checkin_record(*, meeting: Meeting, company: str, name: str) -> Registration:
    """Someone at the door: the registration under their name and their company's (legal
    or trade) name is marked present. Case, spaces and punctuation do not count, nor a
    legal form such as B.V. at the end of the company's name.

    When nothing matches there is one message, the same whether the company is a member
    or not: the page tells a stranger nothing about who takes part.
    """
    if not checkin_open(meeting):
        raise ValidationError(
            _("Checking in opens an hour before the meeting and closes at its end.")
        )
    person, firm = _loose(name), _company_key(company)
    registered = meeting.registrations.filter(status=Status.REGISTERED).select_related(
        "enrolment__company"
    )
    for registration in registered:
        employer = registration.enrolment.company
        firms = {_company_key(n) for n in (employer.legal_name, employer.trade_name) if n}
        found = bool(person) and _loose(registration.name) == person and firm in firms
        # Marked with its status checked again: not if it was cancelled a moment ago.
        if found and registered.filter(pk=registration.pk).update(attended=True):
            registration.attended = True
            return registration
    raise ValidationError(CHECKIN_NOT_FOUND)


def _loose(text: str) -> str:
    """Only the letters and digits, in lower case: "Van 't Hek" is "vanthek"."""
    return "".join(re.findall(r"[^\W_]+", text.casefold()))


def _company_key(name: str) -> str:
    words = re.findall(r"[^\W_]+", name.casefold())
    for size in (1, 2, 3):  # "BV", "B V" or "V.O.F."
        if len(words) > size and "".join(words[-size:]) in LEGAL_FORMS:
            return "".join(words[:-size])
    return "".join(words)


# --- Calendar feed, invitations and reminders ---------------------------------------------

REMINDER_BEFORE = datetime.timedelta(hours=48)


def calendar_feed_renew(*, user: User) -> CalendarFeed:
    """Create the user's private feed, or give it a new token: the old link stops at once."""
    feed, _created = CalendarFeed.objects.update_or_create(
        user=user, defaults={"token": uuid.uuid4()}
    )
    return feed


def meeting_announce(*, meeting: Meeting) -> int:
    """Invite the member companies' contacts to a meeting still to come, with the meeting
    as an .ics file, in the caller's transaction (the one that made the meeting). Returns
    the number of mails; one per person, so no company sees another's addresses."""
    if meeting.starts_at <= timezone.now():
        return 0
    contacts = User.objects.filter(
        is_active=True, contact__company__enrolments__networks=meeting.network_id
    )
    mails = mail_queue(
        kind="meeting_invitation",
        to=sorted(set(contacts.values_list("email", flat=True))),
        context={"meeting": meeting, "link": meeting_url(meeting)},
        files=[_ics(meeting)],
    )
    return len(mails)


def meetings_remind(*, now: datetime.datetime | None = None) -> int:
    """Periodic: the reminders of every meeting that starts within 48 hours, once each."""
    now = now or timezone.now()
    due = Meeting.objects.filter(
        reminded_at=None, starts_at__gt=now, starts_at__lte=now + REMINDER_BEFORE
    )
    return sum(meeting_remind(meeting_id=pk) for pk in due.values_list("pk", flat=True))


def meeting_remind(*, meeting_id: int) -> int:
    """Within 48 hours of the start, once: the contacts of each company with registered
    people get their company's list, the facilitators the whole list. Returns the mails."""
    now = timezone.now()
    with transaction.atomic():
        claimed = Meeting.objects.filter(
            pk=meeting_id, reminded_at=None, starts_at__gt=now, starts_at__lte=now + REMINDER_BEFORE
        ).update(reminded_at=now)
        if claimed != 1:
            return 0
        meeting = Meeting.objects.select_related("network").get(pk=meeting_id)
        return len(_queue_reminders(meeting))


def _queue_reminders(meeting: Meeting) -> list[Any]:
    registered = meeting.registrations.filter(status=Status.REGISTERED).select_related(
        "enrolment__company"
    )
    by_company: dict[Company, list[Registration]] = {}
    for registration in registered.order_by("enrolment__company__legal_name", "name"):
        by_company.setdefault(registration.enrolment.company, []).append(registration)
    context = {"meeting": meeting, "link": meeting_url(meeting)}
    files = [_ics(meeting)]
    mails = []
    for company, people in by_company.items():
        contacts = User.objects.filter(is_active=True, contact__company=company)
        mails += mail_queue(
            kind="meeting_reminder",
            to=contacts.values_list("email", flat=True),
            context={**context, "groups": [(company, people)]},
            files=files,
        )
    everyone = {
        **context,
        "groups": list(by_company.items()),
        "registered": sum(len(people) for people in by_company.values()),
        "for_facilitator": True,
    }
    facilitators = meeting.network.facilitators.filter(is_active=True)
    mails += mail_queue(
        kind="meeting_reminder",
        to=facilitators.values_list("email", flat=True),
        context=everyone,
        files=files,
    )
    return mails


def _ics(meeting: Meeting) -> MailFile:
    return MailFile(meeting_ics_filename(meeting), meetings_ics([meeting]), "text/calendar")
