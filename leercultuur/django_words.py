"""Words of Django itself that its Dutch translation lacks (new in Django 6.x), so that the
portal's own Dutch catalogue supplies them: makemessages finds them here."""

from django.utils.translation import gettext_noop

MISSING_IN_DJANGOS_DUTCH = (
    gettext_noop("- Select an option -"),  # the empty choice of every select
    gettext_noop("Filter by %(field_name)s"),  # the admin's date filter
)
