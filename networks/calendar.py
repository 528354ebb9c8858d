"""Meetings as iCalendar (RFC 5545): a download per meeting, a mail attachment, a feed.

Times are written in Europe/Amsterdam with its VTIMEZONE, so a calendar shows the meeting
at the same local time on either side of a change to or from summer time.
"""

import datetime
from collections.abc import Iterable
from zoneinfo import ZoneInfo

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from networks.models import Meeting
from programme.models import Programme
from programme.selectors import current

CONTENT_TYPE = "text/calendar; charset=utf-8"


def prodid(programme: Programme) -> str:
    """Who made the calendar (RFC 5545): the programme's operator and name."""
    return f"-//{programme.operator}//{programme.name}//NL"


def meeting_url(meeting: Meeting) -> str:
    """The meeting page as an absolute link, for mails and calendars (no request there)."""
    return f"{settings.SITE_URL}{reverse('meeting_detail', args=[meeting.public_id])}"


def meeting_uid(meeting: Meeting) -> str:
    """Stable across downloads and feeds, so a calendar updates the event it already has."""
    return f"meeting-{meeting.public_id}@leercultuur"


def meeting_event(
    meeting: Meeting, *, stamp: datetime.datetime | None = None, with_page: bool = True
) -> Event:
    """The meeting as an event; ``with_page``: with the link to its page, for members."""
    zone = ZoneInfo(settings.TIME_ZONE)
    url = meeting_url(meeting) if with_page else ""
    event = Event()
    event.add("uid", meeting_uid(meeting))
    event.add("dtstamp", stamp or timezone.now())
    event.start = meeting.starts_at.astimezone(zone)
    event.end = meeting.ends_at.astimezone(zone)
    event.add("summary", f"{meeting.network.name}: {meeting.theme}")
    event.add("location", meeting.location or meeting.online_url)
    if url:
        event.add("url", url)
    event.add("description", _description(meeting, url))
    return event


def meetings_calendar(
    meetings: Iterable[Meeting], *, name: str | None = None, with_page: bool = True
) -> Calendar:
    """A calendar with one event per meeting; pass meetings with their network loaded."""
    programme = current()
    calendar = Calendar()
    calendar.add("prodid", prodid(programme))
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name or programme.name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    stamp = timezone.now()
    meetings = list(meetings)
    for meeting in meetings:
        calendar.add_component(meeting_event(meeting, stamp=stamp, with_page=with_page))
    if meetings:
        # The time zone's rules only for the years the events need: a smaller file.
        first = min(m.starts_at for m in meetings).date() - datetime.timedelta(days=1)
        last = max(m.ends_at for m in meetings).date() + datetime.timedelta(days=366)
        calendar.add_missing_timezones(first_date=first, last_date=last)
    return calendar


def meetings_ics(
    meetings: Iterable[Meeting], *, name: str | None = None, with_page: bool = True
) -> bytes:
    return meetings_calendar(meetings, name=name, with_page=with_page).to_ical()


def meeting_ics_filename(meeting: Meeting) -> str:
    local = timezone.localtime(meeting.starts_at)
    return f"bijeenkomst-{local:%Y-%m-%d}.ics"


def _description(meeting: Meeting, url: str) -> str:
    parts = [meeting.agenda.strip()]
    if meeting.online_url and meeting.location:
        parts.append(_("Online: %(link)s") % {"link": meeting.online_url})
    if url:
        parts.append(_("Meeting page: %(link)s") % {"link": url})
    return "\n\n".join(part for part in parts if part)
