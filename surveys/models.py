"""The anonymous team survey: one per measurement (baseline, final) of an enrolment.

Anonymity is in the shape of the tables, not in a promise:

- ``SurveyResponse`` has no link to a person, account, token or invitation, a random UUID
  as its key (no counter that gives the order of arrival), only the day it came in, and is
  ordered by that meaningless key.
- ``PersonalLink`` stores only a hash of a one-time token, no person and no time; it is
  deleted in the transaction that stores its response, so afterwards not even "this link
  was used" remains.
- ``SurveyInvitation`` records who was mailed a link, and on which day, with no token:
  for not mailing anyone twice. Which token went to whom was written only in the e-mail,
  and the outbox forgets the link once the mail is sent (``Mail.secret``).
"""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from companies.models import Enrolment, NeedsAnalysis
from people.models import Group, Participant


class TeamSurvey(models.Model):
    """The team survey of one measurement of an enrolment, with its company link."""

    Kind = NeedsAnalysis.Kind

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="team_surveys")
    kind = models.CharField(_("measurement"), max_length=10, choices=Kind.choices)
    instrument_version = models.PositiveSmallIntegerField(_("version of the team survey"))
    # Shown to the contact on the poster, so kept readable: it names the company, not a person.
    company_token = models.CharField(_("company link"), max_length=64, unique=True)
    # How many responses came in through the company link, for its cap.
    company_link_uses = models.PositiveIntegerField(_("responses by company link"), default=0)
    is_open = models.BooleanField(_("open"), default=True)
    opened_on = models.DateField(_("opened on"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)

    class Meta:
        verbose_name = _("team survey")
        verbose_name_plural = _("team surveys")
        ordering = ["enrolment_id", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "kind"], name="surveys_one_per_measurement"
            ),
            models.CheckConstraint(
                condition=models.Q(is_open=True) | models.Q(closed_on__isnull=False),
                name="surveys_closed_has_day",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.enrolment}"


class SurveyResponse(models.Model):
    """One person's answers, with nothing that says who, or when more finely than the day."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(TeamSurvey, on_delete=models.CASCADE, related_name="responses")
    # Blank: the respondent chose not to say.
    group = models.CharField(_("group"), max_length=12, choices=Group.choices, blank=True)
    is_mbo = models.BooleanField(_("mbo-educated"), null=True, blank=True)
    answers = models.JSONField(_("answers"), default=dict)
    submitted_on = models.DateField(_("submitted on"))

    class Meta:
        verbose_name = _("team survey response")
        verbose_name_plural = _("team survey responses")
        ordering = ["id"]  # random: says nothing about the order of arrival

    def __str__(self) -> str:
        return str(self.survey)


class PersonalLink(models.Model):
    """A one-time link that is still unused: only the hash of its token."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(TeamSurvey, on_delete=models.CASCADE, related_name="personal_links")
    token_hash = models.CharField(max_length=64, unique=True)

    class Meta:
        verbose_name = _("personal link")
        verbose_name_plural = _("personal links")
        ordering = ["id"]

    def __str__(self) -> str:
        return str(self.survey)


class SurveyInvitation(models.Model):
    """That a participant was mailed a personal link, and on which day; never which link."""

    survey = models.ForeignKey(TeamSurvey, on_delete=models.CASCADE, related_name="invitations")
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="survey_invitations"
    )
    invited_on = models.DateField(_("invited on"))

    class Meta:
        verbose_name = _("team survey invitation")
        verbose_name_plural = _("team survey invitations")
        constraints = [
            models.UniqueConstraint(fields=["survey", "participant"], name="surveys_invite_once"),
        ]

    def __str__(self) -> str:
        return f"{self.participant} – {self.survey}"
