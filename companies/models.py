import datetime
import uuid
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from companies.validators import validate_kvk_number, validate_phone, validate_vat_number
from leercultuur.text import MultiLineField, SingleLineField
from programme import defaults

KVK_VALIDATOR = validate_kvk_number
MAX_MKB_EMPLOYEES = defaults.MAX_EMPLOYEES


class Region(models.Model):
    """A region of the programme's province (reference data, kept in the admin; the first
    ones, of Gelderland, came with a data migration)."""

    name = SingleLineField(_("name"), max_length=100, unique=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Sector(models.Model):
    """An SBI main section (A-U) of Statistics Netherlands."""

    code = SingleLineField(_("SBI section"), max_length=1, unique=True)
    name = SingleLineField(_("name"), max_length=150)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} – {self.name}"


class VatCategory(models.TextChoices):
    """VAT categories of the edition's contribution (UNCL 5305 codes, as in the e-invoice)."""

    STANDARD = "S", _("Standard rate")
    ZERO = "Z", _("Zero rate (0%)")
    EXEMPT = "E", _("Exempt from VAT")
    REVERSE_CHARGE = "AE", _("VAT reverse-charged")


class Edition(models.Model):
    """One round (editie) of the programme, with its own places, price and budget."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = SingleLineField(_("name"), max_length=100, unique=True)
    enrolment_opens = models.DateField(_("enrolment opens"))
    enrolment_closes = models.DateField(_("enrolment closes"))
    trajectory_months = models.PositiveSmallIntegerField(
        _("trajectory length (months)"),
        default=defaults.TRAJECTORY_MONTHS,
        validators=[MinValueValidator(1)],
    )
    places = models.PositiveIntegerField(_("places"), validators=[MinValueValidator(1)])
    contribution = models.DecimalField(
        _("own contribution (EUR, excl. VAT)"),
        max_digits=10,
        decimal_places=2,
        default=defaults.CONTRIBUTION,
        validators=[MinValueValidator(Decimal("0.00"))],
    )
    vat_category = models.CharField(
        _("VAT category"),
        max_length=2,
        choices=VatCategory.choices,
        default=VatCategory.STANDARD,
        help_text=_("Only the standard category has a rate above 0%."),
    )
    vat_rate = models.DecimalField(
        _("VAT rate (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("21.00"),
        validators=[MinValueValidator(Decimal("0.00")), MaxValueValidator(Decimal("100.00"))],
    )
    coach_budget_minutes = models.PositiveIntegerField(
        _("coach budget (minutes)"), default=defaults.COACH_HOURS * 60
    )
    terms = MultiLineField(
        _("programme terms"),
        max_length=20000,
        help_text=_("What a company agrees to when it enrols."),
    )
    is_open = models.BooleanField(_("open for enrolment"), default=False)

    class Meta:
        verbose_name = _("edition")
        verbose_name_plural = _("editions")
        ordering = ["-enrolment_opens"]
        constraints = [
            models.CheckConstraint(
                condition=Q(enrolment_closes__gte=models.F("enrolment_opens")),
                name="companies_edition_window_in_order",
            ),
            # A rate goes with the standard category only; the others invoice 0% VAT.
            models.CheckConstraint(
                condition=(Q(vat_category="S") & Q(vat_rate__gt=0))
                | (~Q(vat_category="S") & Q(vat_rate=0)),
                name="companies_edition_vat_rate_fits_category",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Company(models.Model):
    """A small or medium-sized company taking part in the programme."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    legal_name = SingleLineField(_("legal name"), max_length=200)
    trade_name = SingleLineField(_("trade name"), max_length=200, blank=True)
    kvk_number = SingleLineField(
        _("KvK number"), max_length=8, unique=True, validators=[KVK_VALIDATOR]
    )
    street_address = SingleLineField(_("street and number"), max_length=200)
    postcode = SingleLineField(_("postcode"), max_length=7)
    city = SingleLineField(_("city"), max_length=100)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="+", verbose_name=_("region")
    )
    sector = models.ForeignKey(
        Sector, on_delete=models.PROTECT, related_name="+", verbose_name=_("sector")
    )
    employees = models.PositiveIntegerField(
        _("number of employees"),
        validators=[MinValueValidator(1), MaxValueValidator(MAX_MKB_EMPLOYEES)],
    )
    mbo_employees = models.PositiveIntegerField(_("of whom mbo-educated"))
    has_hr_department = models.BooleanField(_("has an HR department"), default=False)
    vat_number = SingleLineField(
        _("VAT number"), max_length=14, blank=True, validators=[validate_vat_number]
    )
    billing_email = models.EmailField(_("billing e-mail address"), blank=True)
    billing_contact = SingleLineField(_("billing contact"), max_length=150, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("company")
        verbose_name_plural = _("companies")
        ordering = ["legal_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(employees__gte=1, employees__lte=MAX_MKB_EMPLOYEES),
                name="companies_company_is_mkb",
            ),
            models.CheckConstraint(
                condition=Q(mbo_employees__lte=models.F("employees")),
                name="companies_company_mbo_within_total",
            ),
        ]

    def __str__(self) -> str:
        return self.trade_name or self.legal_name


class CompanyChangeRequest(models.Model):
    """A contact's request to change the company's details, once they have been sent in:
    from then on only staff change them (here, by approving), so what staff decided on and
    what the trajectory's records say stays put."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for the programme office")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    company = models.ForeignKey(
        Company,
        on_delete=models.CASCADE,
        related_name="change_requests",
        verbose_name=_("company"),
    )
    # {field: [current value, requested value]}; a region or sector by its key.
    changes = models.JSONField(_("changes"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("change request")
        verbose_name_plural = _("change requests")
        ordering = ["-requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["company"],
                condition=Q(status="pending"),
                name="companies_one_pending_change_request",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.company} ({self.get_status_display()})"


class Contact(models.Model):
    """A person who acts for a company in the portal (the company-contact role)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="contact"
    )
    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="contacts")
    position = SingleLineField(_("position"), max_length=120, blank=True)
    phone = SingleLineField(
        _("phone number"), max_length=16, blank=True, validators=[validate_phone]
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")

    def __str__(self) -> str:
        return f"{self.user} ({self.company})"


class Invitation(models.Model):
    """A contact's invitation to a colleague to join the company in the portal.

    The token is the link in the mail, known to the colleague only; the company's contacts
    resend or revoke the invitation by its public id. A revoked invitation is kept, so that
    it still counts toward the company's daily limit."""

    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("e-mail address"))
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.CheckConstraint(
                condition=Q(accepted_at__isnull=True) | Q(revoked_at__isnull=True),
                name="companies_invitation_accepted_or_revoked",
            ),
        ]

    def __str__(self) -> str:
        return self.email

    @property
    def expires_at(self) -> datetime.datetime:
        return self.created_at + datetime.timedelta(days=settings.INVITATION_VALID_DAYS)

    @property
    def inviter_name(self) -> str:
        """Who sent it, as colleagues know them; empty once that account is gone."""
        return self.invited_by.get_full_name() if self.invited_by else ""

    @property
    def is_open(self) -> bool:
        """Neither accepted nor revoked, and not yet expired: the link still works."""
        return (
            self.accepted_at is None
            and self.revoked_at is None
            and timezone.now() < self.expires_at
        )


class Enrolment(models.Model):
    """A company's enrolment (inschrijving) in one edition, and its trajectory."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        ACCEPTED = "accepted", _("Accepted")
        WAITLISTED = "waitlisted", _("On the waiting list")
        REJECTED = "rejected", _("Rejected")
        ACTIVE = "active", _("Active")
        COMPLETED = "completed", _("Completed")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    # Statuses that hold one of the edition's places.
    HOLDS_PLACE = (Status.ACCEPTED, Status.ACTIVE, Status.COMPLETED)

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    edition = models.ForeignKey(
        Edition, on_delete=models.PROTECT, related_name="enrolments", verbose_name=_("edition")
    )
    company = models.ForeignKey(
        Company, on_delete=models.PROTECT, related_name="enrolments", verbose_name=_("company")
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    motivation = MultiLineField(_("motivation"), max_length=5000, blank=True)
    po_reference = SingleLineField(_("purchase-order reference"), max_length=60, blank=True)
    terms_accepted_at = models.DateTimeField(_("terms accepted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    # Coaches are users with a coaching.Coach row; companies imports no other app.
    lead_coach = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="led_enrolments",
        verbose_name=_("lead coach"),
        limit_choices_to={"coach__isnull": False},
    )
    coaches = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="coached_enrolments",
        verbose_name=_("other coaches"),
        limit_choices_to={"coach__isnull": False},
    )
    # Copies of sums kept by the coaching services in the transaction that changes them, so
    # the work surface finds trajectories off pace without adding up every session.
    minutes_used = models.PositiveIntegerField(_("minutes used"), default=0, editable=False)
    minutes_extra = models.IntegerField(_("extra minutes approved"), default=0, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["company", "edition"], name="companies_enrolment_once_per_edition"
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gt=models.F("start_date")),
                name="companies_enrolment_ends_after_start",
            ),
        ]
        indexes = [
            models.Index(fields=["edition", "status"]),
            # The newest first (the ordering above, ties by id as the admin adds): a page of
            # the admin's list reads its rows off this index instead of sorting them all.
            models.Index(fields=["-created_at", "-id"], name="companies_enrolment_newest"),
            # The work surface's lists, in their order: awaiting a decision, and running.
            models.Index(
                fields=["submitted_at", "id"],
                condition=Q(status="submitted"),
                name="companies_awaiting_decision",
            ),
            # With what the pace is worked out from: the pace queue reads the index alone.
            models.Index(
                fields=["end_date", "id", "start_date", "minutes_used", "minutes_extra", "edition"],
                condition=Q(status="active"),
                name="companies_running",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.company} – {self.edition}"


class EnrolmentTransition(models.Model):
    """One status change: the enrolment's history (its mail went into the outbox with it)."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=12, choices=Enrolment.Status.choices)
    to_status = models.CharField(max_length=12, choices=Enrolment.Status.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"


class NeedsAnalysis(models.Model):
    """The needs analysis: the baseline (nulmeting) and the final measurement (eindmeting)."""

    class Kind(models.TextChoices):
        BASELINE = "baseline", _("Baseline measurement")
        FINAL = "final", _("Final measurement")

    class Status(models.TextChoices):
        DRAFT = "draft", _("In progress")
        SUBMITTED = "submitted", _("Submitted")
        REVIEWED = "reviewed", _("Reviewed by the coach")

    SCORED = (Status.SUBMITTED, Status.REVIEWED)  # sent in: its answers count in the scores

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="analyses")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    questionnaire_version = models.PositiveSmallIntegerField(_("questionnaire version"))
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    last_section = models.CharField(_("last section saved"), max_length=60, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    learning_question = MultiLineField(
        _("learning question (leervraag)"), max_length=2000, blank=True
    )
    coach_summary = MultiLineField(_("coach's summary"), max_length=10000, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("needs analysis")
        verbose_name_plural = _("needs analyses")
        # The work surface's queue of analyses to review: a few among many.
        indexes = [
            models.Index(
                fields=["submitted_at"],
                condition=Q(status="submitted"),
                name="companies_analysis_to_review",
            )
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "kind"], name="companies_analysis_one_per_kind"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.enrolment}"


class DevelopmentPlan(models.Model):
    """The tailored trajectory (traject op maat) of one enrolment."""

    enrolment = models.OneToOneField(
        Enrolment, on_delete=models.CASCADE, related_name="development_plan"
    )
    goal = MultiLineField(_("goal of the trajectory"), max_length=5000, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("development plan")
        verbose_name_plural = _("development plans")

    def __str__(self) -> str:
        return str(self.enrolment)


class TrainingInstitution(models.Model):
    """A school or trainer (opleider) that plan actions can name; kept by staff."""

    class Kind(models.TextChoices):
        ROC = "roc", _("ROC (regional training centre)")
        AOC = "aoc", _("AOC (agricultural training centre)")
        HBO = "hbo", _("University of applied sciences (hbo)")
        UNIVERSITY = "university", _("University")
        PRIVATE = "private", _("Private trainer")
        SECTOR_FUND = "sector_fund", _("Sector fund")
        OTHER = "other", _("Other")

    name = SingleLineField(_("name"), max_length=150, unique=True)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    place = SingleLineField(_("place"), max_length=100, blank=True)
    contact_name = SingleLineField(_("contact person"), max_length=150, blank=True)
    contact_email = models.EmailField(_("e-mail address of the contact person"), blank=True)
    contact_phone = SingleLineField(
        _("phone number of the contact person"), max_length=30, blank=True
    )
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("Only active ones are suggested in the plan.")
    )

    class Meta:
        verbose_name = _("training institution")
        verbose_name_plural = _("training institutions")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.place})" if self.place else self.name


class PlanAction(models.Model):
    """One action (actie) in a development plan."""

    class Kind(models.TextChoices):
        """How the people learn."""

        FORMAL = "formal", _("Formal learning")
        WORK_BASED = "work_based", _("Work-based learning")
        INFORMAL = "informal", _("Informal learning")

    class TargetGroup(models.TextChoices):
        MBO_STAFF = "mbo_staff", _("Mbo-educated staff")
        MANAGEMENT = "management", _("Management")
        EVERYONE = "everyone", _("Everyone")
        NEW_STAFF = "new_staff", _("New staff")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(DevelopmentPlan, on_delete=models.CASCADE, related_name="actions")
    title = SingleLineField(_("title"), max_length=150)
    description = MultiLineField(_("description"), max_length=5000, blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    target_group = models.CharField(_("target group"), max_length=12, choices=TargetGroup.choices)
    owner = SingleLineField(_("owner"), max_length=150, blank=True)
    institution = models.ForeignKey(
        TrainingInstitution,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name=_("training institution"),
    )
    # Typed in for one not in the list (and every action from before the list).
    training_institution = SingleLineField(
        _("other training institution"), max_length=150, blank=True
    )
    planned_date = models.DateField(_("planned date"), null=True, blank=True)
    done_date = models.DateField(_("date done"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PLANNED
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["planned_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="done") | Q(done_date__isnull=False),
                name="companies_action_done_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def institution_name(self) -> str:
        """The institution from the list, or the one typed in."""
        return self.institution.name if self.institution else self.training_institution


class EnrolmentNote(models.Model):
    """A note in the company file of one enrolment, by staff or one of its coaches.

    The writer chooses who may read it: internal notes stay with staff and coaches; shared
    notes also reach the company (its enrolment page and progress report).
    """

    class Visibility(models.TextChoices):
        INTERNAL = "internal", _("Internal: staff and coaches")
        SHARED = "shared", _("Shared with the company")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.CASCADE, related_name="notes", verbose_name=_("enrolment")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("author"),
    )
    text = MultiLineField(_("note"), max_length=2000)
    # No default: the writer chooses, every time.
    visibility = models.CharField(_("who may read it"), max_length=8, choices=Visibility.choices)
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)

    class Meta:
        verbose_name = _("note")
        verbose_name_plural = _("notes")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["enrolment", "visibility", "-created_at"])]
        constraints = [
            # What reaches the company depends on it: no other value, not even blank.
            models.CheckConstraint(
                condition=Q(visibility__in=["internal", "shared"]),
                name="companies_note_known_visibility",
            ),
        ]

    def __str__(self) -> str:
        return str(self.enrolment)

    @property
    def is_shared(self) -> bool:
        return self.visibility == self.Visibility.SHARED
