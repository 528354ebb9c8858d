"""Words of Django and its add-ons that their Dutch translations lack (new in Django 6.x,
or never translated, as django-auditlog's), so that the portal's own Dutch catalogue
supplies them: makemessages finds them here. The admin's JavaScript words (calendar,
time-zone note) are in ``django_words.js`` for the same reason."""

from django.utils.translation import gettext_noop, ngettext_lazy

MISSING_IN_DJANGOS_DUTCH = (
    gettext_noop("- Select an option -"),  # the empty choice of every select
    gettext_noop("Filter by %(field_name)s"),  # the admin's date filter
    gettext_noop("Search %(name)s"),  # the admin's search form (heading)
    gettext_noop("Pagination %(name)s"),  # the admin's changelist pages (heading)
    gettext_noop("Pagination %(name)s entries"),  # the admin's history pages (heading)
    gettext_noop('The app "%s" could not be found.'),
    gettext_noop(", "),  # between the items of a list
    ngettext_lazy("…and %(count)d more object.", "…and %(count)d more objects.", "count"),
    gettext_noop(
        "Deleting the %(object_name)s “%(escaped_object)s” would result in deleting related "
        "objects, but your account doesn't have permission to delete the following types of "
        "objects:"
    ),
    gettext_noop(
        "Deleting the %(object_name)s “%(escaped_object)s” would require deleting the "
        "following protected related objects:"
    ),
    gettext_noop(
        "Are you sure you want to delete the %(object_name)s “%(escaped_object)s”? All of "
        "the following related items will be deleted:"
    ),
    gettext_noop("Forgotten your login credentials?"),
    gettext_noop("Logout"),
)

# django-auditlog's admin (the audit log of accounts) has no Dutch at all.
MISSING_IN_AUDITLOGS_DUTCH = (
    gettext_noop("Audit log"),
    gettext_noop("Audit log: %s"),
    gettext_noop("Changes"),
    gettext_noop("Resource Type"),
    gettext_noop("Resource"),
    gettext_noop("Correlation ID"),
    gettext_noop("Click to filter by records with this correlation id"),
    gettext_noop("Created"),
    gettext_noop("create"),
    gettext_noop("update"),
    gettext_noop("delete"),
    gettext_noop("access"),
    gettext_noop("object pk"),
    gettext_noop("object representation"),
    gettext_noop("action"),
    gettext_noop("actor"),
    gettext_noop("remote address"),
    gettext_noop("remote port"),
    gettext_noop("timestamp"),
    gettext_noop("additional data"),
    gettext_noop("actor email"),
    gettext_noop("Created {repr:s}"),
    gettext_noop("Updated {repr:s}"),
    gettext_noop("Deleted {repr:s}"),
    gettext_noop("Logged {repr:s}"),
    gettext_noop("Field"),
    gettext_noop("From"),
    gettext_noop("To"),
    gettext_noop("Relationship"),
    gettext_noop("Action"),  # what happened to a relationship: added, removed
    gettext_noop("Objects"),
    gettext_noop("system"),
    gettext_noop("No field changes"),
    gettext_noop("No log entries found."),
    ngettext_lazy("entry", "entries", "count"),
)

# Fields of audited models that have no verbose name of their own: Django names them after
# the attribute ("approved by"), and the audit log shows that name through the catalogue.
FIELDS_WITHOUT_A_VERBOSE_NAME = (
    gettext_noop("plan"),  # an action's development plan
    gettext_noop("reviewed by"),
    gettext_noop("approved by"),
    gettext_noop("refused by"),
    gettext_noop("closed by"),
    gettext_noop("checkin token"),
    gettext_noop("registered by"),
    gettext_noop("uploaded by"),
    gettext_noop("seller street address"),
    gettext_noop("seller postcode"),
    gettext_noop("seller city"),
    gettext_noop("seller kvk number"),
    gettext_noop("seller vat number"),
    gettext_noop("seller iban"),
    gettext_noop("seller bic"),
    gettext_noop("seller email"),
    gettext_noop("buyer street address"),
    gettext_noop("buyer postcode"),
    gettext_noop("buyer city"),
)
