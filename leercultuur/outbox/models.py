import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class Mail(models.Model):
    """One e-mail to one person, written in the transaction of the event that causes it.

    The row is the source of truth: a task sends it, a failed send waits for its next
    attempt, and one that keeps failing stays here for staff to see and send again.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=60)
    to = models.EmailField(_("to"))
    reply_to = models.EmailField(_("reply to"), blank=True)
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("text"))
    html_body = models.TextField(_("HTML text"), blank=True)
    # Holds a link that signs someone in or sets a password: not shown in the admin.
    confidential = models.BooleanField(_("confidential"), default=False)
    # A link that must not outlive the sending (a one-time link of the anonymous team
    # survey): the body holds SECRET_PLACEHOLDER, filled in only for the mail server, and
    # this is emptied once the server accepted the mail. A failed mail keeps it, so that
    # staff can send it again; the retention purge of old mails deletes it in the end.
    secret = models.CharField(_("secret link"), max_length=500, blank=True)
    # The same on every attempt, so a mail server or mail program can spot a repeat.
    message_id = models.CharField(_("message id"), max_length=255, unique=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"))
    claimed_at = models.DateTimeField(_("sending since"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("e-mail")
        verbose_name_plural = _("e-mails")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="sent") | models.Q(sent_at__isnull=False),
                name="outbox_mail_sent_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.to}: {self.subject}"


class MailAttachment(models.Model):
    """A file that goes with a mail (an invoice PDF, its e-invoice, a meeting's .ics)."""

    mail = models.ForeignKey(Mail, on_delete=models.CASCADE, related_name="attachments")
    filename = models.CharField(_("file name"), max_length=200)
    mimetype = models.CharField(_("type"), max_length=100)
    content = models.BinaryField(_("content"))

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.filename
