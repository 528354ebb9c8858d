"""The people of a company who take part in the programme (deelnemers).

Participants have no account: contacts and coaches keep them. Minimal data: a name, a
job title, their group and education level, whether they are an ambassador, and an
optional e-mail address for invitations.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from companies.models import Company
from leercultuur.text import SingleLineField


class Group(models.TextChoices):
    """Where someone stands in the company; the team survey asks the same."""

    MANAGEMENT = "management", _("Owner or management")
    EMPLOYEE = "employee", _("Employee")


class Education(models.TextChoices):
    """The highest education completed (or being followed)."""

    NONE = "none", _("No diploma (yet)")
    MBO1 = "mbo1", _("mbo level 1")
    MBO2 = "mbo2", _("mbo level 2")
    MBO3 = "mbo3", _("mbo level 3")
    MBO4 = "mbo4", _("mbo level 4")
    HBO = "hbo", _("hbo")
    WO = "wo", _("university (wo)")
    OTHER = "other", _("Other")
    UNKNOWN = "unknown", _("Unknown")


MBO_LEVELS = (Education.MBO1, Education.MBO2, Education.MBO3, Education.MBO4)


class Participant(models.Model):
    """A person of a company who takes part: in sessions, meetings, plan actions."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    company = models.ForeignKey(
        Company,
        on_delete=models.CASCADE,
        related_name="participants",
        verbose_name=_("company"),
    )
    name = SingleLineField(_("name"), max_length=150)
    job_title = SingleLineField(_("job title"), max_length=120, blank=True)
    group = models.CharField(_("group"), max_length=12, choices=Group.choices)
    education = models.CharField(
        _("education"), max_length=8, choices=Education.choices, default=Education.UNKNOWN
    )
    is_ambassador = models.BooleanField(
        _("ambassador"),
        default=False,
        help_text=_("A key figure who helps colleagues to learn (sleutelfiguur)."),
    )
    email = models.EmailField(
        _("e-mail address"),
        blank=True,
        help_text=_("Optional. For invitations to meetings and the team survey."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    # Set when the person was erased: the row stays for the programme's counts.
    erased_at = models.DateTimeField(_("erased at"), null=True, blank=True)
    created_at = models.DateTimeField(_("added at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                "company",
                Lower("name"),
                condition=models.Q(erased_at__isnull=True),
                name="people_participant_once_per_company",
                violation_error_message=_("This person is on the list already."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_mbo(self) -> bool:
        return self.education in MBO_LEVELS


class PeopleInformed(models.Model):
    """A contact's statement that the people they list were told about it (AVG)."""

    company = models.OneToOneField(
        Company, on_delete=models.CASCADE, related_name="people_informed"
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("statement that people were told")
        verbose_name_plural = _("statements that people were told")

    def __str__(self) -> str:
        return str(self.company)
