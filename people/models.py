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


# The levels a certificate or diploma can have: the education levels that are one.
CERTIFICATE_LEVELS = [
    (value, label)
    for value, label in Education.choices
    if value not in (Education.NONE, Education.UNKNOWN)
]


class ActionParticipant(models.Model):
    """A participant taking part in a plan action, with how far they got."""

    class Certificate(models.TextChoices):
        NONE = "none", _("None")
        CERTIFICATE = "certificate", _("Certificate")
        DIPLOMA = "diploma", _("Diploma")

    action = models.ForeignKey(
        "companies.PlanAction",
        on_delete=models.CASCADE,
        related_name="participations",
        verbose_name=_("action"),
    )
    # An erased participant stays, nameless: what they did still counts.
    participant = models.ForeignKey(
        Participant,
        on_delete=models.PROTECT,
        related_name="participations",
        verbose_name=_("participant"),
    )
    started_on = models.DateField(_("started on"), null=True, blank=True)
    finished_on = models.DateField(_("finished on"), null=True, blank=True)
    certificate = models.CharField(
        _("certificate or diploma"),
        max_length=12,
        choices=Certificate.choices,
        default=Certificate.NONE,
    )
    certificate_level = models.CharField(
        _("level"), max_length=8, choices=CERTIFICATE_LEVELS, blank=True
    )

    class Meta:
        verbose_name = _("participation in an action")
        verbose_name_plural = _("participations in actions")
        ordering = ["action", "participant__name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["action", "participant"],
                name="people_action_participant_once",
                violation_error_message=_("This person takes part in the action already."),
            ),
            models.CheckConstraint(
                condition=models.Q(finished_on__isnull=True)
                | models.Q(started_on__isnull=False, finished_on__gte=models.F("started_on")),
                name="people_action_finished_after_started",
            ),
            models.CheckConstraint(
                condition=models.Q(certificate="none") | models.Q(finished_on__isnull=False),
                name="people_action_certificate_when_finished",
            ),
            models.CheckConstraint(
                condition=models.Q(certificate_level="") | ~models.Q(certificate="none"),
                name="people_action_level_with_certificate",
            ),
            models.CheckConstraint(
                condition=models.Q(
                    certificate_level__in=["", *(value for value, _label in CERTIFICATE_LEVELS)]
                ),
                name="people_action_known_level",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.participant} – {self.action}"


class AmbassadorActivity(models.Model):
    """Something an ambassador (sleutelfiguur) did to bring colleagues along."""

    class Kind(models.TextChoices):
        LED_ACTION = "led_action", _("Led an action")
        SPOKE = "spoke", _("Spoke at a meeting")
        BROUGHT_COLLEAGUES = "brought_colleagues", _("Brought colleagues along")
        OTHER = "other", _("Other")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    participant = models.ForeignKey(
        Participant,
        on_delete=models.PROTECT,
        related_name="ambassador_activities",
        verbose_name=_("ambassador"),
    )
    kind = models.CharField(_("what they did"), max_length=20, choices=Kind.choices)
    happened_on = models.DateField(_("date"))
    description = SingleLineField(_("short description"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("ambassador activity")
        verbose_name_plural = _("ambassador activities")
        ordering = ["-happened_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.participant}: {self.get_kind_display()}"
