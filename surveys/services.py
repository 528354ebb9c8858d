"""The team survey's writes: opening and closing it, mailing personal links, and storing a
response, each atomic and raising ValidationError with a message the user can read."""

import hashlib
import random
import secrets
from collections.abc import Mapping
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.roles import is_contact
from companies.models import Enrolment
from companies.selectors import in_final_measurement_window
from leercultuur.outbox.services import SECRET_PLACEHOLDER, mail_queue
from people.models import Group
from people.selectors import participants_of
from surveys.instrument import CURRENT_VERSION, get_instrument
from surveys.models import PersonalLink, SurveyInvitation, SurveyResponse, TeamSurvey

OPENS_FOR = (Enrolment.Status.ACCEPTED, Enrolment.Status.ACTIVE)
# Why a link took no response; views show a page for each.
CLOSED, USED, FULL = "closed", "used", "full"


def token_hash(token: str) -> str:
    """What is stored of a personal link: its token is long and random, so a plain hash
    cannot be turned back by guessing."""
    return hashlib.sha256(token.encode()).hexdigest()


def _check_contact(survey_company_id: int, by: User) -> None:
    if not is_contact(by) or by.contact.company_id != survey_company_id:
        raise ValidationError(_("A contact of the company does this."))


def survey_open(*, enrolment: Enrolment, kind: str, by: User) -> TeamSurvey:
    """Open the team survey of a measurement, with a fresh company link."""
    _check_contact(enrolment.company_id, by)
    if kind not in TeamSurvey.Kind.values:
        raise ValidationError(_("Choose the baseline or the final measurement."))
    if enrolment.status not in OPENS_FOR:
        raise ValidationError(_("The team survey opens once the enrolment has been accepted."))
    if kind == TeamSurvey.Kind.FINAL and not in_final_measurement_window(enrolment):
        raise ValidationError(
            _("The team survey of the final measurement opens in the last three months.")
        )
    try:
        with transaction.atomic():
            return TeamSurvey.objects.create(
                enrolment=enrolment,
                kind=kind,
                instrument_version=CURRENT_VERSION,
                company_token=secrets.token_urlsafe(16),
                opened_on=timezone.localdate(),
            )
    except IntegrityError as exc:  # opened twice at the same instant
        raise ValidationError(_("This team survey has been opened already.")) from exc


def survey_close(*, survey: TeamSurvey, by: User) -> TeamSurvey:
    """Close the survey: its company link and every unused personal link stop working."""
    _check_contact(survey.enrolment.company_id, by)
    with transaction.atomic():
        closed = TeamSurvey.objects.filter(pk=survey.pk, is_open=True).update(
            is_open=False, closed_on=timezone.localdate()
        )
        if not closed:
            raise ValidationError(_("This team survey is closed already."))
        # Unused personal links stay (a hash each, nobody's) so that their page can say
        # the survey is closed rather than that the link does not work.
    survey.refresh_from_db()
    return survey


def survey_invite(*, survey: TeamSurvey, by: User) -> int:
    """Mail a personal one-time link to every active participant with an e-mail address
    who has not had one for this survey. Returns how many were mailed.

    The invitations (who, which day) and the links (a hash each) are written as two
    separate sets, the links in a shuffled order, so no row or row order pairs them up.
    """
    _check_contact(survey.enrolment.company_id, by)
    with transaction.atomic():
        locked = TeamSurvey.objects.select_for_update().get(pk=survey.pk)
        if not locked.is_open:
            raise ValidationError(_("This team survey is closed."))
        people = list(
            participants_of(survey.enrolment.company, active_only=True)
            .exclude(email="")
            .exclude(survey_invitations__survey=locked)
        )
        if not people:
            return 0
        today = timezone.localdate()
        SurveyInvitation.objects.bulk_create(
            SurveyInvitation(survey=locked, participant=person, invited_on=today)
            for person in people
        )
        tokens = [secrets.token_urlsafe(24) for _person in people]
        shuffled = random.sample(tokens, k=len(tokens))
        PersonalLink.objects.bulk_create(
            PersonalLink(survey=locked, token_hash=token_hash(token)) for token in shuffled
        )
        for person, token in zip(people, tokens, strict=True):
            mail_queue(
                kind="team_survey_link",
                to=[person.email],
                context={
                    "name": person.name,
                    "company": survey.enrolment.company,
                    "link": SECRET_PLACEHOLDER,
                    "minutes": get_instrument(locked.instrument_version).estimated_minutes(),
                },
                secret=settings.SITE_URL + reverse("survey_personal", args=[token]),
            )
    return len(people)


@dataclass(frozen=True)
class About:
    """What a respondent chose to say about themselves; both may be left open."""

    group: str = ""  # "management", "employee" or "" (not stated)
    is_mbo: bool | None = None


def _checked(survey: TeamSurvey, raw: Mapping[str, object], about: About) -> dict[str, int]:
    if about.group not in {"", *Group.values}:
        raise ValidationError(_("Choose one of the groups, or leave it open."))
    answers, errors = get_instrument(survey.instrument_version).validate(raw)
    if errors:
        raise ValidationError(errors)
    return answers


def response_submit_by_company_link(
    *, token: str, raw: Mapping[str, object], about: About
) -> SurveyResponse:
    """Store one response that came through the company link, within its cap."""
    survey = TeamSurvey.objects.filter(company_token=token).first()
    if survey is None:
        raise ValidationError(_("This link does not work."), code=USED)
    answers = _checked(survey, raw, about)
    with transaction.atomic():
        counted = TeamSurvey.objects.filter(
            pk=survey.pk, is_open=True, company_link_uses__lt=settings.SURVEY_COMPANY_LINK_CAP
        ).update(company_link_uses=F("company_link_uses") + 1)
        if counted != 1:
            survey.refresh_from_db()
            if not survey.is_open:
                raise ValidationError(_("This team survey is closed."), code=CLOSED)
            raise ValidationError(_("This link has taken all the responses it can."), code=FULL)
        return _response_create(survey, answers, about)


def response_submit_by_personal_link(
    *, token: str, raw: Mapping[str, object], about: About
) -> SurveyResponse:
    """Store the one response of a personal link; the link is deleted in the same
    transaction, so of two submits at the same instant only one gets through."""
    link = PersonalLink.objects.select_related("survey").filter(token_hash=token_hash(token))
    found = link.first()
    if found is None:
        raise ValidationError(_("This link has been used already, or does not work."), code=USED)
    if not found.survey.is_open:
        raise ValidationError(_("This team survey is closed."), code=CLOSED)
    answers = _checked(found.survey, raw, about)
    with transaction.atomic():
        deleted, _per_model = PersonalLink.objects.filter(pk=found.pk).delete()
        if deleted != 1:
            raise ValidationError(
                _("This link has been used already, or does not work."), code=USED
            )
        return _response_create(found.survey, answers, about)


def _response_create(survey: TeamSurvey, answers: dict[str, int], about: About) -> SurveyResponse:
    return SurveyResponse.objects.create(
        survey=survey,
        group=about.group,
        is_mbo=about.is_mbo,
        answers=answers,
        submitted_on=timezone.localdate(),
    )
