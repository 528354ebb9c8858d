"""Meetings in the user's own calendar: one meeting as a file, or a private feed.

A calendar app fetches the feed without a session, so the feed's URL carries a secret
token; whoever has the link sees the meetings, and renewing the token ends that.
"""

import datetime

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.decorators import role_required
from accounts.models import User
from accounts.roles import Role
from networks.calendar import CONTENT_TYPE, meeting_ics_filename, meetings_ics
from networks.models import CalendarFeed
from networks.selectors import get_meeting_for_user, meetings_for_user
from networks.services import calendar_feed_renew
from programme.selectors import current

MEMBERS = (Role.CONTACT, Role.COACH, Role.STAFF)
# How far back the feed goes: recent meetings stay visible, old ones drop off.
FEED_HISTORY = datetime.timedelta(days=90)


@role_required(*MEMBERS)
def meeting_ics(request: HttpRequest, public_id: object) -> HttpResponse:
    meeting = get_meeting_for_user(request.user, public_id)  # type: ignore[arg-type]
    disposition = f'attachment; filename="{meeting_ics_filename(meeting)}"'
    return HttpResponse(
        meetings_ics([meeting]),
        content_type=CONTENT_TYPE,
        headers={"Content-Disposition": disposition},
    )


def calendar_feed(request: HttpRequest, token: object) -> HttpResponse:
    """Public: the token is the credential. An unknown or renewed token is a 404."""
    feed = get_object_or_404(
        CalendarFeed.objects.select_related("user"), token=token, user__is_active=True
    )
    since = timezone.now() - FEED_HISTORY
    meetings = meetings_for_user(feed.user).filter(starts_at__gte=since).order_by("starts_at")
    name = _("%(programme)s meetings") % {"programme": current().name}
    ics = meetings_ics(meetings, name=name)
    # Cache-Control: private, no-store comes from leercultuur.middleware (a token URL).
    return HttpResponse(ics, content_type=CONTENT_TYPE)


@role_required(*MEMBERS)
def calendar_feed_page(request: HttpRequest) -> HttpResponse:
    """The user's feed link, how to subscribe, and a button to make (or renew) it."""
    user: User = request.user  # type: ignore[assignment]
    if request.method == "POST":
        renewing = CalendarFeed.objects.filter(user=user).exists()
        calendar_feed_renew(user=user)
        if renewing:
            messages.success(request, _("You have a new link. The old link no longer works."))
        else:
            messages.success(request, _("Your calendar link is ready."))
        return redirect("calendar_feed_page")
    feed = CalendarFeed.objects.filter(user=user).first()
    feed_url = ""
    if feed is not None:
        feed_url = request.build_absolute_uri(reverse("calendar_feed", args=[feed.token]))
    # webcal:// makes the browser hand the link to the calendar app, which subscribes.
    webcal_url = f"webcal://{feed_url.partition('://')[2]}" if feed_url else ""
    context = {"feed": feed, "feed_url": feed_url, "webcal_url": webcal_url}
    return render(request, "networks/calendar_feed.html", context)
