"""Registering people for network meetings: the meeting row is the lock for its places."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from companies.models import Enrolment
from networks.models import Meeting, Registration

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
    """Register a person; when the meeting is full they join its waiting list."""
    if not name.strip():
        raise ValidationError({"name": _("Enter the name of the person who comes.")})
    with transaction.atomic():
        # Two contacts taking the last place at once: the second waits for this lock.
        locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if not locked.network.members.filter(pk=enrolment.pk).exists():
            raise ValidationError(_("Your company is not a member of this network."))
        if locked.starts_at <= timezone.now():
            raise ValidationError(_("This meeting has started; registration is closed."))
        full = _registered(locked) >= locked.capacity
        return Registration.objects.create(
            meeting=locked,
            enrolment=enrolment,
            name=name.strip(),
            role=role.strip(),
            is_mbo=is_mbo,
            registered_by=by,
            status=Status.WAITLISTED if full else Status.REGISTERED,
        )


def registration_cancel(*, registration: Registration) -> Registration | None:
    """Cancel; the first on the waiting list takes the place. Returns who moved up."""
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=registration.meeting_id)
        locked = Registration.objects.select_for_update().get(pk=registration.pk)
        if locked.status == Status.CANCELLED:
            raise ValidationError(_("This registration has been cancelled already."))
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
