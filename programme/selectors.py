"""The programme's settings as every page, mail and PDF reads them: one row, kept in the
cache until staff change it."""

import base64
import logging
import mimetypes
import re
import time
from decimal import Decimal

from django.core.cache import cache
from django.db import transaction
from django.utils.formats import number_format

from programme.models import Programme

logger = logging.getLogger(__name__)

CACHE_KEY = "programme:settings"
CACHE_SECONDS = 300  # a safety net: saving through the admin clears it at once
# Each process also keeps them a few seconds itself: a page asks several times (its
# header, its title), and another process sees a change within these seconds.
LOCAL_SECONDS = 10.0
_kept: tuple[float, Programme] | None = None


def current() -> Programme:
    """The programme's settings (today's values until staff change them; the row is made
    by a migration, and a page never writes: without it, the defaults unsaved)."""
    global _kept  # the process's copy, replaced whole
    now = time.monotonic()
    if _kept is not None and _kept[0] > now:
        return _kept[1]
    programme = cache.get(CACHE_KEY)
    if not isinstance(programme, Programme):
        programme = Programme.objects.filter(key=1).first() or Programme()
        cache.set(CACHE_KEY, programme, CACHE_SECONDS)
    _kept = (now + LOCAL_SECONDS, programme)
    return programme


def current_name() -> str:
    """The programme's name: the sender of its mails (``MAIL_SENDER_NAME``)."""
    return current().name


def forget() -> None:
    """Drop the kept settings: the next read takes them from the database. Once more when
    the change commits, so that a page read in between does not keep the old row cached."""
    forget_now()
    transaction.on_commit(forget_now)


def forget_now() -> None:
    """Drop the kept settings at once (between tests, too: no database needed)."""
    global _kept
    _kept = None
    cache.delete(CACHE_KEY)


def logo_type(programme: Programme) -> str:
    """The logo's media type from its name (the upload is checked to be an image)."""
    return mimetypes.guess_type(programme.logo.name or "")[0] or "application/octet-stream"


def logo_data_url(programme: Programme) -> str:
    """The logo as a ``data:`` URL, the one way a PDF may show an uploaded file; empty
    without a logo, or when its file is gone from the storage."""
    if not programme.logo:
        return ""
    try:
        with programme.logo.open("rb") as logo:
            content = base64.b64encode(logo.read()).decode("ascii")
    except OSError:
        logger.warning("The programme's logo %s cannot be read", programme.logo.name)
        return ""
    return f"data:{logo_type(programme)};base64,{content}"


def whole_euros(amount: Decimal | int) -> str:
    """€ 2.000 in Dutch, € 2,000 in English; cents only where there are any."""
    amount = Decimal(amount)
    places = 0 if amount == amount.to_integral_value() else 2
    return f"€\u00a0{number_format(amount, decimal_pos=places, use_l10n=True, force_grouping=True)}"


PLACEHOLDER = re.compile(r"\{(naam|organisator|financier|provincie|bijdrage|uren|maanden)\}")


def fill(text: str, programme: Programme) -> str:
    """A page text with its placeholders filled in from the settings ({bijdrage} → € 2.000);
    any other braces are left as they are."""
    values = {
        "naam": programme.name,
        "organisator": programme.operator,
        "financier": programme.funder,
        "provincie": programme.province,
        "bijdrage": whole_euros(programme.contribution),
        "uren": str(programme.coach_hours),
        "maanden": str(programme.trajectory_months),
    }
    return PLACEHOLDER.sub(lambda match: values[match.group(1)], text)
