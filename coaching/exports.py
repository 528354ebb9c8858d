"""The sessions as a table, for the portal's hours CSV and the admin's export alike;
leercultuur.exports writes it."""

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from coaching.models import CoachingSession
from leercultuur.exports import Cell, Row

CENTS = Decimal("0.01")


def session_table(
    sessions: Iterable[CoachingSession], *, private: bool, for_staff: bool = False
) -> list[Row]:
    """A header and a row per session. Private notes only when ``private`` (never for the
    company); staff, who see every company and coach, also get the edition and coach."""
    header: list[Cell] = [_("Date"), _("Company")]
    if for_staff:
        header += [_("Edition"), _("Coach")]
    header += [_("Activity"), _("Mode"), _("Minutes"), _("Hours"), _("Summary")]
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
        session.summary,
    ]
    if private:
        row.append(session.private_notes)
    return row
