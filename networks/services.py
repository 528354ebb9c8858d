"""Registering people for network meetings: the meeting row is the lock for its places."""

import datetime
import re
import uuid
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from companies.models import Company, Enrolment
from leercultuur.outbox.models import Mail
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
from people.models import Participant
from people.services import participant_save

Status = Registration.Status


def registration_add(
    *,
    meeting: Meeting,
    enrolment: Enrolment,
    by: User,
    participant: Participant | None = None,
    newcomer: Mapping[str, Any] | None = None,
) -> Registration:
    """Register a participant of the company, or someone not on its list yet (``newcomer``:
    the participant's fields, added to the list first). When the meeting is full they join
    its waiting list. A participant with an e-mail address hears it from us, in the same
    transaction.

    A person is registered once: the same participant cannot be registered or waiting
    twice for one meeting.
    """
    if (participant is None) == (newcomer is None):
        raise ValueError("Register a participant or a newcomer, one of the two.")
    with transaction.atomic():
        # Two contacts taking the last place at once: the second waits for this lock.
        locked = Meeting.objects.select_for_update().select_related("network").get(pk=meeting.pk)
        if not locked.network.members.filter(pk=enrolment.pk).exists():
            raise ValidationError(_("Your company is not a member of this network."))
        if locked.starts_at <= timezone.now():
            raise ValidationError(_("This meeting has started; registration is closed."))
        if newcomer is not None:
            participant = participant_save(company=enrolment.company, fields=dict(newcomer))
        person = _participant_of(enrolment, participant)
        if _registered_already(locked, person):
            raise _twice(person)
        full = _registered(locked) >= locked.capacity
        try:
            with transaction.atomic():
                registration = Registration.objects.create(
                    meeting=locked,
                    enrolment=enrolment,
                    participant=person,
                    is_mbo=person.is_mbo,
                    registered_by=by,
                    status=Status.WAITLISTED if full else Status.REGISTERED,
                )
        except IntegrityError:
            # Written past this lock (the constraint is the last word): still a clear message.
            if not _registered_already(locked, person):
                raise
            raise _twice(person) from None
        attendance_open_refresh(meeting_ids=[locked.pk])
        _tell_participant(registration)
    return registration


def _participant_of(enrolment: Enrolment, participant: Participant | None) -> Participant:
    """The participant as the database has them now, if they are on the company's list."""
    found = (
        Participant.objects.filter(
            pk=participant.pk, company_id=enrolment.company_id, erased_at__isnull=True
        ).first()
        if participant is not None
        else None
    )
    if found is None:
        raise ValidationError({"participant": _("Choose someone from your company's list.")})
    if not found.is_active:
        raise ValidationError(
            {"participant": _("%(name)s no longer takes part.") % {"name": found.name}}
        )
    return found


def _registered_already(meeting: Meeting, participant: Participant) -> bool:
    return meeting.registrations.filter(
        participant=participant, status__in=[Status.REGISTERED, Status.WAITLISTED]
    ).exists()


def _twice(participant: Participant) -> ValidationError:
    return ValidationError(
        {
            "participant": _(
                "%(name)s is already registered for this meeting (or on its waiting list)."
            )
            % {"name": participant.name}
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
        _tell_participant(locked)
        waiting = meeting.registrations.filter(status=Status.WAITLISTED).order_by(
            "created_at", "pk"
        )
        moved_up = None
        if _registered(meeting) < meeting.capacity and (first := waiting.first()) is not None:
            first.status = Status.REGISTERED
            first.save(update_fields=["status"])
            _tell_participant(first, moved_up=True)
            moved_up = first
        attendance_open_refresh(meeting_ids=[meeting.pk])
    return moved_up


def attendance_open_refresh(*, meeting_ids: Iterable[int]) -> None:
    """Mark these meetings as having someone registered whose attendance is not recorded
    (or not): every write to registrations calls it for the meetings it touched."""
    unrecorded = Registration.objects.filter(
        meeting=OuterRef("pk"), status=Status.REGISTERED, attended=None
    )
    Meeting.objects.filter(pk__in=list(meeting_ids)).update(attendance_open=Exists(unrecorded))


def _tell_participant(registration: Registration, *, moved_up: bool = False) -> list[Mail]:
    """The participant's own mail about their registration: registered (with the meeting
    as an .ics file), on the waiting list, moved up from it, or cancelled. Only to them,
    and about nobody else; none to a participant without an address."""
    person = registration.participant
    if person is None or not person.email or person.erased_at is not None:
        return []
    meeting = registration.meeting
    registered = registration.status == Status.REGISTERED
    return mail_queue(
        kind="meeting_registration",
        to=[person.email],
        context={
            "meeting": meeting,
            "name": person.name,
            "status": registration.status,
            "moved_up": moved_up,
        },
        files=[_ics(meeting, for_participant=True)] if registered else [],
    )


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
        attendance_open_refresh(meeting_ids=[meeting.pk])
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


def experience_share(*, experience: Experience, by: User, shared: bool) -> Experience:
    """The author shares their experience beyond the network, for the public library of
    good practice once staff approved it, or keeps it in the network again (at once
    offline). Sharing again asks staff to look again."""
    with transaction.atomic():
        locked = Experience.objects.select_for_update().get(pk=experience.pk)
        if locked.author_id != by.pk:
            raise ValidationError(_("Only its author can share an experience beyond the network."))
        if shared and locked.shared_at is None:
            locked.shared_at = timezone.now()
            locked.approved_at = locked.approved_by = locked.refused_at = None
        elif not shared:
            locked.shared_at = None
        locked.save(update_fields=["shared_at", "approved_at", "approved_by", "refused_at"])
    return locked


def experience_moderate(*, experience: Experience, by: User, approve: bool) -> Experience:
    """Staff let a shared experience into the public library, or keep it out."""
    with transaction.atomic():
        locked = Experience.objects.select_for_update().get(pk=experience.pk)
        if locked.shared_at is None:
            raise ValidationError(_("The author no longer shares this experience."))
        now = timezone.now()
        locked.approved_at, locked.refused_at = (now, None) if approve else (None, now)
        locked.approved_by = by if approve else None
        locked.save(update_fields=["approved_at", "approved_by", "refused_at"])
    return locked


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
    """Someone at the door: the registration under their name (the participant's, or the
    name typed in for an old registration) and their company's (legal or trade) name is
    marked present. Case, spaces and punctuation do not count, nor a legal form such as
    B.V. at the end of the company's name.

    When nothing matches there is one message, the same whether the company is a member
    or not: the page tells a stranger nothing about who takes part.
    """
    if not checkin_open(meeting):
        raise ValidationError(
            _("Checking in opens an hour before the meeting and closes at its end.")
        )
    person, firm = _loose(name), _company_key(company)
    registered = (
        meeting.registrations.filter(status=Status.REGISTERED)
        # Not an erased participant (nameless now); old registrations have none.
        .filter(participant__erased_at__isnull=True)
        .select_related("enrolment__company", "participant")
    )
    for registration in registered:
        employer = registration.enrolment.company
        firms = {_company_key(n) for n in (employer.legal_name, employer.trade_name) if n}
        found = bool(person) and _loose(registration.person_name) == person and firm in firms
        # Marked with its status checked again: not if it was cancelled a moment ago.
        if found and registered.filter(pk=registration.pk).update(attended=True):
            registration.attended = True
            attendance_open_refresh(meeting_ids=[meeting.pk])
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
    people get their company's list, each registered participant with an address their
    own reminder, the facilitators the whole list. Returns the mails."""
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
    registered = sorted(
        meeting.registrations.filter(status=Status.REGISTERED).select_related(
            "enrolment__company", "participant"
        ),
        key=lambda r: (r.enrolment.company.legal_name, r.person_name.casefold()),
    )
    by_company: dict[Company, list[Registration]] = {}
    for registration in registered:
        by_company.setdefault(registration.enrolment.company, []).append(registration)
    context = {"meeting": meeting, "link": meeting_url(meeting)}
    files = [_ics(meeting)]
    mails = _remind_participants(meeting, registered)
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


def _remind_participants(meeting: Meeting, registered: list[Registration]) -> list[Mail]:
    """Each registered participant with an address: their own reminder and .ics."""
    files = [_ics(meeting, for_participant=True)]
    mails = []
    for registration in registered:
        person = registration.participant
        if person is None or not person.email or person.erased_at is not None:
            continue
        mails += mail_queue(
            kind="meeting_reminder_participant",
            to=[person.email],
            context={"meeting": meeting, "name": person.name},
            files=files,
        )
    return mails


def _ics(meeting: Meeting, *, for_participant: bool = False) -> MailFile:
    """The meeting as an .ics file; a participant's without the link to the members' page,
    which they have no account for."""
    content = meetings_ics([meeting], with_page=not for_participant)
    return MailFile(meeting_ics_filename(meeting), content, "text/calendar")
