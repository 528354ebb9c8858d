"""Team surveys for tests: an open survey of a running trajectory, answers to send, and
the personal links as their addressees get them."""

import re
from collections.abc import Callable
from typing import Any

from django.core import mail

from accounts.models import User
from leercultuur.outbox.models import Mail
from leercultuur.outbox.tasks import send_mail
from surveys.instrument import get_instrument
from surveys.models import TeamSurvey
from surveys.services import survey_open
from tests.factories import running_enrolment


def open_survey(contact: User, coach: User, kind: str = TeamSurvey.Kind.BASELINE) -> TeamSurvey:
    enrolment = running_enrolment(contact.contact.company, coach)
    return survey_open(enrolment=enrolment, kind=kind, by=contact)


def answers(value: int = 4) -> dict[str, str]:
    """Every statement answered ``value``, as a form posts it."""
    return {statement.key: str(value) for statement in get_instrument().statements()}


LINK = re.compile(r"/peiling/p/([A-Za-z0-9_-]+)/")


def mailed_tokens(invite: Callable[[], Any]) -> list[str]:
    """Run ``invite``, let the worker send what it queued, and read the links as the
    addressees do: from the mails that left, not from the database."""
    mail.outbox.clear()
    invite()
    for pk in Mail.objects.filter(status=Mail.Status.QUEUED).values_list("pk", flat=True):
        send_mail(pk)
    return [token for message in mail.outbox for token in LINK.findall(str(message.body))]
