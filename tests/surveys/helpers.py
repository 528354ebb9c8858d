"""Team surveys for tests: an open survey of a running trajectory, and answers to send."""

from accounts.models import User
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
