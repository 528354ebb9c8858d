// Words of the Django admin's JavaScript (calendar, clock, time-zone note) that Django's
// Dutch translation lacks (new in Django 6.x). Never loaded: makemessages -d djangojs
// finds them here, so that the portal's own djangojs catalogue supplies them.
gettext_noop("server");
ngettext(
    "Note: Enter times in the %(timezone)s timezone. (You are %(offset)s hour ahead.)",
    "Note: Enter times in the %(timezone)s timezone. (You are %(offset)s hours ahead.)",
    1
);
ngettext(
    "Note: Enter times in the %(timezone)s timezone. (You are %(offset)s hour behind.)",
    "Note: Enter times in the %(timezone)s timezone. (You are %(offset)s hours behind.)",
    1
);
gettext_noop("Today (%(date)s)");
gettext_noop("Yesterday (%(date)s)");
gettext_noop("Tomorrow (%(date)s)");
gettext_noop("Previous (%(month)s %(year)s)");
gettext_noop("Next (%(month)s %(year)s)");
gettext_noop("%(month)s %(day)s, %(year)s");
gettext_noop("%s (today, current selection)");
gettext_noop("%s (today)");
gettext_noop("%s (current selection)");
