import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from companies.models import Company, Edition, Enrolment, Region
from leercultuur.text import MultiLineField, SingleLineField
from people.models import Participant


class LearningNetwork(models.Model):
    """A learning network (lerend netwerk): companies of an edition that meet regularly."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    edition = models.ForeignKey(
        Edition, on_delete=models.PROTECT, related_name="networks", verbose_name=_("edition")
    )
    name = SingleLineField(_("name"), max_length=150)
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("region"),
    )
    facilitators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="facilitated_networks",
        verbose_name=_("facilitators"),
        limit_choices_to=Q(is_staff=True) | Q(coach__isnull=False),
    )
    members = models.ManyToManyField(
        Enrolment, blank=True, related_name="networks", verbose_name=_("member enrolments")
    )

    class Meta:
        verbose_name = _("learning network")
        verbose_name_plural = _("learning networks")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "name"], name="networks_name_per_edition"),
        ]

    def __str__(self) -> str:
        return self.name


class Meeting(models.Model):
    """A meeting (bijeenkomst) of a network, with a capacity and a waiting list."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    checkin_token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    network = models.ForeignKey(
        LearningNetwork,
        on_delete=models.CASCADE,
        related_name="meetings",
        verbose_name=_("network"),
    )
    theme = SingleLineField(_("theme"), max_length=200)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    location = SingleLineField(_("location"), max_length=250, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    agenda = MultiLineField(_("agenda"), max_length=5000, blank=True)
    capacity = models.PositiveIntegerField(_("capacity"))
    host_company = models.ForeignKey(
        Company,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("host company"),
    )
    report = MultiLineField(_("facilitator's report"), max_length=20000, blank=True)
    # When its reminders went into the outbox: each meeting is reminded of once.
    reminded_at = models.DateTimeField(_("reminders made at"), null=True, blank=True)
    # Someone registered whose attendance is not recorded yet; kept by the registration
    # and attendance services, so the work surface finds the meetings held without their
    # attendance without looking at every meeting ever held.
    attendance_open = models.BooleanField(_("attendance still open"), default=False, editable=False)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["starts_at"]
        indexes = [
            models.Index(
                fields=["starts_at"],
                condition=Q(attendance_open=True),
                name="networks_meeting_open_list",
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="networks_meeting_ends_after_start"
            ),
            models.CheckConstraint(
                condition=~Q(location="") | ~Q(online_url=""), name="networks_meeting_has_a_place"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.network}: {self.theme}"


class Registration(models.Model):
    """A person from a member company registered for a meeting (or on its waiting list).

    A registration made today names a participant of the company: its name, job title
    and education are read from there, so they follow the participant (and go when the
    participant is erased). Registrations made before participants existed keep the name,
    role and mbo flag that were typed in.
    """

    class Status(models.TextChoices):
        REGISTERED = "registered", _("Registered")
        WAITLISTED = "waitlisted", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("meeting")
    )
    enrolment = models.ForeignKey(
        Enrolment,
        on_delete=models.PROTECT,
        related_name="registrations",
        verbose_name=_("enrolment"),
    )
    participant = models.ForeignKey(
        Participant,
        # An erased participant stays a row (nameless), so nothing needs to delete one.
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="registrations",
        verbose_name=_("participant"),
    )
    # Typed in before participants existed; empty when the registration names a participant.
    name = SingleLineField(_("name"), max_length=150, blank=True)
    role = SingleLineField(_("role"), max_length=100, blank=True)
    # When registered: for the attendance figures per meeting (the person's own record
    # may change later).
    is_mbo = models.BooleanField(_("mbo-educated"), default=False)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.REGISTERED
    )
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["meeting", "status"]),
            # The work surface's queue of meetings whose attendance is not recorded.
            models.Index(
                fields=["meeting"],
                condition=Q(status="registered", attended__isnull=True),
                name="networks_reg_unrecorded",
            ),
        ]
        constraints = [
            # A person comes once: one registration (or place on the waiting list) per
            # participant, and for the typed names of old, per name and company (stored
            # with single spaces, so case is all that is left to ignore).
            models.UniqueConstraint(
                fields=["meeting", "participant"],
                condition=Q(status__in=["registered", "waitlisted"], participant__isnull=False),
                name="networks_registration_once_per_participant",
                violation_error_message=_("This person is already registered for this meeting."),
            ),
            models.UniqueConstraint(
                Lower("name"),
                "meeting",
                "enrolment",
                condition=Q(status__in=["registered", "waitlisted"], participant__isnull=True),
                name="networks_registration_once_per_person",
                violation_error_message=_("This person is already registered for this meeting."),
            ),
            # The name lives in one place: no copy that would outlive the participant's.
            models.CheckConstraint(
                condition=Q(participant__isnull=True) | Q(name="", role=""),
                name="networks_registration_name_of_participant",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_name} – {self.meeting}"

    @property
    def person_name(self) -> str:
        """The participant's name, or the name typed in before participants existed."""
        return self.participant.name if self.participant else self.name

    @property
    def person_role(self) -> str:
        return self.participant.job_title if self.participant else self.role

    @property
    def person_is_mbo(self) -> bool:
        return self.participant.is_mbo if self.participant else self.is_mbo

    @property
    def person_erased(self) -> bool:
        return self.participant is not None and self.participant.erased_at is not None


class Experience(models.Model):
    """An experience a member shares with the network: plain text, seen by the network only."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    network = models.ForeignKey(
        LearningNetwork,
        on_delete=models.CASCADE,
        related_name="experiences",
        verbose_name=_("network"),
    )
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="experiences",
        verbose_name=_("meeting"),
    )
    # The member company it speaks for; empty when a facilitator writes.
    enrolment = models.ForeignKey(
        Enrolment,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="experiences",
        verbose_name=_("enrolment"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("author"),
    )
    body = MultiLineField(_("experience"), max_length=5000)
    created_at = models.DateTimeField(_("posted at"), auto_now_add=True)
    # The author's consent to show it beyond the network, and staff's check: only with
    # both is it in the public library of good practice (without the company's name).
    shared_at = models.DateTimeField(_("shared beyond the network at"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved for the library at"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved by"),
    )
    refused_at = models.DateTimeField(_("kept from the library at"), null=True, blank=True)

    class Meta:
        verbose_name = _("experience")
        verbose_name_plural = _("experiences")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.network}: {self.body[:40]}"


class MeetingDocument(models.Model):
    """A file shared with the network for a meeting (slides, hand-outs)."""

    # The longest name a file is taken under (networks.services, the upload form). Stored
    # in networks/YYYY/MM/ (17 characters), plus the 8 the storage adds to a name in use,
    # its path stays within the column's 150.
    NAME_MAX_LENGTH = 100

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="documents", verbose_name=_("meeting")
    )
    title = SingleLineField(_("title"), max_length=150)
    file = models.FileField(_("file"), upload_to="networks/%Y/%m/", max_length=150)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("meeting document")
        verbose_name_plural = _("meeting documents")
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.title


class CalendarFeed(models.Model):
    """A user's private iCal feed; revoking it gives a new token and the old one stops."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return str(self.user)
