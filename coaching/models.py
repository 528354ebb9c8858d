import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Mod
from django.db.models.lookups import Exact
from django.utils.translation import gettext_lazy as _

from companies.models import Enrolment
from leercultuur.text import MultiLineField, SingleLineField
from people.models import Participant

QUARTER_HOUR = 15
MIN_SESSION_MINUTES = 15
MAX_SESSION_MINUTES = 600


class Coach(models.Model):
    """A labour-market coach (arbeidsmarktcoach): the coach role."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="coach"
    )
    organisation = SingleLineField(_("organisation"), max_length=200, blank=True)
    phone = SingleLineField(_("phone"), max_length=30, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("coach")
        verbose_name_plural = _("coaches")

    def __str__(self) -> str:
        return str(self.user)


class CoachingSession(models.Model):
    """Time a coach spent on an enrolment, in whole minutes, against its budget."""

    class Activity(models.TextChoices):
        INTAKE = "intake", _("Intake")
        NEEDS_ANALYSIS = "needs_analysis", _("Needs analysis")
        CONVERSATION = "conversation", _("Coaching conversation")
        TEAM_SESSION = "team_session", _("Team session")
        WORKSHOP = "workshop", _("Workshop")
        NETWORK_MEETING = "network_meeting", _("Network meeting")
        PREPARATION = "preparation", _("Preparation and reporting")

    class Mode(models.TextChoices):
        ON_SITE = "on_site", _("On site")
        ONLINE = "online", _("Online")
        PHONE = "phone", _("Phone")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.PROTECT, related_name="sessions", verbose_name=_("enrolment")
    )
    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="coaching_sessions",
        verbose_name=_("coach"),
        limit_choices_to={"coach__isnull": False},
    )
    date = models.DateField(_("date"))
    minutes = models.PositiveIntegerField(_("duration (minutes)"))
    activity = models.CharField(_("activity"), max_length=20, choices=Activity.choices)
    mode = models.CharField(_("mode"), max_length=10, choices=Mode.choices, default=Mode.ON_SITE)
    # Who of the company took part. When anyone is picked, the two counts below follow
    # from them (coaching.services); sessions logged before keep the counts typed in.
    people = models.ManyToManyField(
        Participant, blank=True, related_name="coaching_sessions", verbose_name=_("who took part")
    )
    participants = models.PositiveSmallIntegerField(_("participants"), default=1)
    mbo_participants = models.PositiveSmallIntegerField(_("of whom mbo-educated"), default=0)
    summary = MultiLineField(_("summary (the company sees this)"), max_length=2000, blank=True)
    private_notes = MultiLineField(
        _("private notes (coaches and staff only)"), max_length=5000, blank=True
    )
    follow_up = MultiLineField(_("follow-up"), max_length=1000, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("coaching session")
        verbose_name_plural = _("coaching sessions")
        ordering = ["-date", "-pk"]
        indexes = [
            models.Index(fields=["enrolment", "date"]),
            models.Index(fields=["coach", "date"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(minutes__gte=MIN_SESSION_MINUTES, minutes__lte=MAX_SESSION_MINUTES),
                name="coaching_session_minutes_within_bounds",
            ),
            models.CheckConstraint(
                condition=Exact(Mod(F("minutes"), QUARTER_HOUR), 0),
                name="coaching_session_whole_quarter_hours",
            ),
            models.CheckConstraint(
                condition=Q(mbo_participants__lte=F("participants")),
                name="coaching_session_mbo_within_participants",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enrolment.company} – {self.date} ({self.minutes} min)"


class BudgetAdjustment(models.Model):
    """Extra (or fewer) coach minutes for one enrolment; counts once staff approve it.

    A coach asks for extra hours with a reason (coaching.extra_hours); staff approve it
    (then it counts) or refuse it (then it changes nothing), never both.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.PROTECT, related_name="budget_adjustments"
    )
    minutes = models.IntegerField(_("minutes (negative to reduce)"))
    reason = MultiLineField(_("reason"), max_length=2000)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    refused_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    refused_at = models.DateTimeField(_("refused at"), null=True, blank=True)
    refusal_reason = SingleLineField(_("why it was refused"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)

    class Meta:
        verbose_name = _("budget adjustment")
        verbose_name_plural = _("budget adjustments")
        constraints = [
            models.CheckConstraint(condition=~Q(minutes=0), name="coaching_adjustment_not_zero"),
            models.CheckConstraint(
                condition=Exact(Mod(F("minutes"), QUARTER_HOUR), 0),
                name="coaching_adjustment_whole_quarter_hours",
            ),
            models.CheckConstraint(
                condition=Q(approved_at__isnull=True) | Q(refused_at__isnull=True),
                name="coaching_adjustment_approved_or_refused",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enrolment}: {self.minutes:+d} min"

    @property
    def is_open(self) -> bool:
        return self.approved_at is None and self.refused_at is None


class PeriodLock(models.Model):
    """A closed month: only staff still correct sessions dated in it."""

    month = models.DateField(_("month"), unique=True, help_text=_("The first day of the month."))
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    closed_at = models.DateTimeField(_("closed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("closed month")
        verbose_name_plural = _("closed months")
        ordering = ["-month"]
        constraints = [
            models.CheckConstraint(
                condition=Q(month__day=1), name="coaching_period_lock_first_of_month"
            ),
        ]

    def __str__(self) -> str:
        return self.month.strftime("%Y-%m")


class BudgetAlert(models.Model):
    """That the 80% or 100% mark of an enrolment's budget was reached: made once, and its
    mail went into the outbox with it."""

    class Threshold(models.IntegerChoices):
        EIGHTY = 80, _("80%")
        FULL = 100, _("100%")

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="budget_alerts")
    threshold = models.PositiveSmallIntegerField(_("threshold"), choices=Threshold.choices)
    reached_at = models.DateTimeField(_("reached at"), auto_now_add=True)

    class Meta:
        verbose_name = _("budget alert")
        verbose_name_plural = _("budget alerts")
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "threshold"], name="coaching_alert_once_per_threshold"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enrolment}: {self.threshold}%"
