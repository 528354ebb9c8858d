import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q, Value
from django.db.models.fields.json import KT
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from companies.models import Edition, Enrolment


class Report(models.Model):
    """A requested PDF, rendered by a Celery worker. The row is the source of truth.

    Its subject is an enrolment (company progress report) or an edition (the others);
    who may see the subject may download the report (``reports.selectors``).
    """

    class Kind(models.TextChoices):
        PROGRESS = "progress", _("Company progress report")
        EDITION_OVERVIEW = "edition_overview", _("Edition overview")
        PROVINCE = "province", _("Province accountability report")

    # Kinds about a whole edition: for programme staff only.
    EDITION_KINDS = (Kind.EDITION_OVERVIEW, Kind.PROVINCE)

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        RUNNING = "running", _("Being made")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    # A job still to finish: at most one per kind and subject (and month).
    WAITING = (Status.PENDING, Status.RUNNING)

    public_id = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    enrolment = models.ForeignKey(
        Enrolment,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("enrolment"),
    )
    edition = models.ForeignKey(
        Edition,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("edition"),
    )
    # What the report covers beyond its subject, e.g. {"month": "2026-05"} for the
    # monthly edition overview (which makes it unique per edition and month).
    parameters = models.JSONField(_("parameters"), default=dict, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    file = models.FileField(_("file"), upload_to="reports/%Y/%m/", blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    error = models.TextField(_("error"), blank=True)
    # Failed because it took longer than a task may run: asking again will not help.
    too_large = models.BooleanField(_("too large to make"), default=False)
    # The figures behind the PDF (province report), for its CSV and XLSX export.
    data = models.JSONField(_("data"), default=dict, blank=True, editable=False)
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="done") | ~models.Q(sha256=""),
                name="reports_report_done_has_sha256",
            ),
            models.CheckConstraint(
                condition=(
                    Q(kind="progress", enrolment__isnull=False, edition__isnull=True)
                    | Q(
                        kind__in=["edition_overview", "province"],
                        enrolment__isnull=True,
                        edition__isnull=False,
                    )
                ),
                name="reports_report_subject_fits_kind",
            ),
            models.UniqueConstraint(
                "edition",
                KT("parameters__month"),
                condition=Q(kind="edition_overview", parameters__has_key="month"),
                name="reports_report_one_overview_per_edition_month",
            ),
            # Asking again while a job waits or runs gets that job (reports.services); the
            # monthly overview's month keeps it apart from an overview asked for by hand.
            # One of enrolment and edition is always empty: NULL is made a value, so two
            # empties count as the same (what nulls_distinct=False does, on PostgreSQL
            # only; this holds on SQLite too).
            models.UniqueConstraint(
                "kind",
                Coalesce("enrolment", Value(0)),
                Coalesce("edition", Value(0)),
                Coalesce(KT("parameters__month"), Value("")),
                condition=Q(status__in=["pending", "running"]),
                name="reports_report_one_waiting_per_subject",
            ),
        ]

    # Not stored: set by reports.services.report_request when it hands back a job that
    # was already waiting instead of making a new one.
    already_requested = False

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.subject} ({self.get_status_display()})"

    @property
    def subject(self) -> Enrolment | Edition | None:
        return self.enrolment if self.kind == self.Kind.PROGRESS else self.edition
