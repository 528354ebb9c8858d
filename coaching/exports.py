"""The sessions as a table, for the portal's hours CSV and the admin's export alike;
leercultuur.exports writes it."""

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from coaching.models import CoachingSession
from leercultuur.exports import Cell, Row
from people.models import Participant

CENTS = Decimal("0.01")


def session_table(
    sessions: Iterable[CoachingSession], *, private: bool, for_staff: bool = False
) -> list[Row]:
    """A header and a row per session. Private notes only when ``private`` (never for the
    company); staff, who see every company and coach, also get the edition and coach.
    Who took part by name for everyone who may download it: the company's own people.
    Pass sessions with their ``people`` prefetched."""
    header: list[Cell] = [_("Date"), _("Company")]
    if for_staff:
        header += [_("Edition"), _("Coach")]
    header += [_("Activity"), _("Mode"), _("Minutes"), _("Hours")]
    header += [_("Number of participants"), _("Of whom mbo-educated"), _("Who took part")]
    header.append(_("Summary"))
    if private:
        header.append(_("Private notes"))
    return [header, *(_row(session, private, for_staff) for session in sessions)]


def _row(session: CoachingSession, private: bool, for_staff: bool) -> Row:
    enrolment = session.enrolment
    row: list[Cell] = [session.date, enrolment.company.legal_name]
    if for_staff:
        row += [enrolment.edition.name, str(session.coach)]
    row += [
        session.get_activity_display(),
        session.get_mode_display(),
        session.minutes,
        (Decimal(session.minutes) / 60).quantize(CENTS, rounding=ROUND_HALF_UP),
        session.participants,
        session.mbo_participants,
        "; ".join(_name(person) for person in session.people.all()),
        session.summary,
    ]
    if private:
        row.append(session.private_notes)
    return row


def _name(person: Participant) -> str:
    return _("(name erased)") if person.erased_at else person.name
