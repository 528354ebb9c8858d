"""Stories about companies, published only with the company's recorded consent."""

import hashlib
import json
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, QuerySet
from django.utils.translation import gettext_lazy as _

from companies.models import Enrolment
from leercultuur.text import MultiLineField, SingleLineField

CONTENT_FIELDS = ("title", "body", "quote", "quote_by", "show_chart")


class StoryQuerySet(models.QuerySet["Story"]):
    def public(self) -> "QuerySet[Story]":
        """Published stories whose very text the company agreed to and has not withdrawn:
        an edit after the consent, or a withdrawal, takes a story offline at once."""
        agreed = StoryConsent.objects.filter(
            story=OuterRef("pk"), withdrawn_at=None, content_hash=OuterRef("content_hash")
        )
        return self.filter(published_at__isnull=False).filter(Exists(agreed))


class Story(models.Model):
    """A company's story as staff wrote it: text, a quote and, if wanted, the company's
    before-and-after chart of its learning culture."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.CASCADE, related_name="stories", verbose_name=_("enrolment")
    )
    title = SingleLineField(_("title"), max_length=150)
    body = MultiLineField(_("story"), max_length=8000)
    quote = MultiLineField(_("quote"), max_length=600, blank=True)
    quote_by = SingleLineField(
        _("quote by"), max_length=150, blank=True, help_text=_("For example: Anna, owner.")
    )
    show_chart = models.BooleanField(
        _("show the before-and-after chart"),
        default=False,
        help_text=_("The company's scores at the baseline and final measurement."),
    )
    # What the company agrees to is exactly this content: its fingerprint, kept by the
    # services whenever the story changes.
    content_hash = models.CharField(_("fingerprint of the content"), max_length=64, editable=False)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("written by"),
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = StoryQuerySet.as_manager()

    class Meta:
        verbose_name = _("story")
        verbose_name_plural = _("stories")
        ordering = ["-published_at", "-created_at"]

    def __str__(self) -> str:
        return self.title

    def content(self) -> dict[str, object]:
        return {name: getattr(self, name) for name in CONTENT_FIELDS}

    def fingerprint(self) -> str:
        text = json.dumps(self.content(), sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(text.encode()).hexdigest()


class StoryConsent(models.Model):
    """A company contact's consent to publish one version of a story: who, when, and the
    content they agreed to. Withdrawn, it stays as a record."""

    story = models.ForeignKey(
        Story, on_delete=models.CASCADE, related_name="consents", verbose_name=_("story")
    )
    content = models.JSONField(_("content agreed to"))
    content_hash = models.CharField(_("fingerprint of the content"), max_length=64)
    given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("given by"),
    )
    given_by_name = SingleLineField(_("name of who gave it"), max_length=150)
    given_at = models.DateTimeField(_("given at"), auto_now_add=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("withdrawn by"),
    )

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["-given_at"]
        constraints = [
            # One consent in force per story: a new one replaces (withdraws) the last.
            models.UniqueConstraint(
                fields=["story"],
                condition=models.Q(withdrawn_at=None),
                name="public_one_consent_in_force",
            )
        ]

    def __str__(self) -> str:
        return f"{self.story} – {self.given_by_name}"

    @property
    def matches(self) -> bool:
        """Given for the story as it reads now."""
        return self.content_hash == self.story.content_hash
