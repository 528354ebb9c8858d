"""The portal's name, which is the programme's, for what sits below the programme app: the
outbox (the sender of every mail) and accounts (allauth's subjects, the account in an
authenticator app). They read it through a dotted path in the settings, as Django reads
context processors, so that no import runs upward."""

from django.conf import settings
from django.utils.module_loading import import_string


def portal_name() -> str:
    return str(import_string(settings.PORTAL_NAME_FUNCTION)())
