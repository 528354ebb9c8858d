"""Notes in the company file, written by staff and the enrolment's coaches.

Each note is internal (staff and coaches) or shared with the company; the writer chooses
every time, there is no default. Only shared notes ever reach the company: its enrolment
page and its progress report read them through ``companies.selectors.shared_notes``.
Adding and deleting are in the audit log (the model is registered in companies/apps.py).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.roles import is_coach
from companies.models import Enrolment, EnrolmentNote
from leercultuur.text import check_fields, normalise_line_endings


def note_add(*, enrolment: Enrolment, author: User, text: str, visibility: str) -> EnrolmentNote:
    """Staff or a coach of the enrolment writes a note, internal or shared."""
    if not may_write_notes(author, enrolment):
        raise ValidationError(
            _("Only the programme office and the company's coaches write notes in its file.")
        )
    if visibility not in EnrolmentNote.Visibility.values:
        raise ValidationError(
            {
                "visibility": _(
                    "Choose who may read the note: only staff and coaches, or the company too."
                )
            }
        )
    text = normalise_line_endings(text).strip()
    if not text:
        raise ValidationError({"text": _("Write the note.")})
    note = EnrolmentNote(enrolment=enrolment, author=author, text=text, visibility=visibility)
    check_fields(note, "text")
    with transaction.atomic():
        note.save()
    return note


def note_delete(*, note: EnrolmentNote, by: User) -> None:
    """Its author or staff delete a note."""
    if not may_delete_note(by, note):
        raise ValidationError(
            _("Only the person who wrote this note, or the programme office, can delete it.")
        )
    with transaction.atomic():
        note.delete()


def may_write_notes(user: User, enrolment: Enrolment) -> bool:
    """Staff, or an active coach of the enrolment (its lead coach or one of its coaches)."""
    if user.is_staff:
        return True
    if not is_coach(user):
        return False
    return enrolment.lead_coach_id == user.pk or enrolment.coaches.filter(pk=user.pk).exists()


def may_delete_note(user: User, note: EnrolmentNote) -> bool:
    return user.is_staff or (note.author_id is not None and note.author_id == user.pk)
