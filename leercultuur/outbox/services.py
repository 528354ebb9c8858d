"""The outbox: every e-mail is a row first, then sent by one task, retried, and shown to
staff when it keeps failing.

The mail is written in the transaction of the event that causes it, so both commit or
neither does. The task claims the row (waiting → being sent), so a task delivered twice
sends once, and marks it sent only after the mail server accepted it: a refused send, a
mail server that is away or a worker that dies leaves the mail to be tried again, with
back-off, never lost. A worker killed in the instant between the server's acceptance and
that update sends it twice; the Message-ID stays the same, so mail programs show one.
"""

import logging
import smtplib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.headerregistry import Address
from email.utils import make_msgid, parseaddr
from functools import partial
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from leercultuur.celery import enqueue_by_name
from leercultuur.outbox.models import Mail, MailAttachment
from leercultuur.portal import portal_name
from leercultuur.text import header_safe

logger = logging.getLogger(__name__)

SEND_TASK = "outbox.send"
MAX_ATTEMPTS = 6
# The wait before the second attempt; it doubles after each (1, 2, 4, 8, 16 minutes).
FIRST_RETRY = timedelta(minutes=1)
# A new mail is left to its own task this long before the sweep sends it instead.
LOST_AFTER = timedelta(minutes=1)
# Still waiting after this long (the broker was away for days): a late status mail misleads
# more than it helps, so it is marked failed for staff to judge and send again.
GIVE_UP_AFTER = timedelta(days=2)
Status = Mail.Status
# Where a mail's ``secret`` goes in its body: only in the message handed to the server.
SECRET_PLACEHOLDER = "[[secret-link]]"  # noqa: S105 - a marker, not a secret


@dataclass(frozen=True)
class MailFile:
    """A file sent with a mail."""

    filename: str
    content: bytes
    mimetype: str


def mail_queue(
    *,
    kind: str,
    to: Iterable[str],
    context: Mapping[str, object],
    template: str = "",
    language: str | None = None,
    files: Sequence[MailFile] = (),
    reply_to: str = "",
    confidential: bool = False,
    secret: str = "",
) -> list[Mail]:
    """Write one mail per address from ``emails/<template>_subject.txt`` and ``_body.txt``
    (``template`` defaults to ``kind``), in ``language`` (Dutch by default); each is sent
    once the caller's transaction commits. A ``secret`` replaces the body's
    ``SECRET_PLACEHOLDER`` when sending and is forgotten once the mail is sent."""
    subject, body = mail_render(template=template or kind, context=context, language=language)
    return _queue(
        kind=kind,
        to=to,
        subject=subject,
        body=body,
        files=files,
        reply_to=reply_to,
        confidential=confidential or bool(secret),
        secret=secret,
    )


def mail_render(
    *, template: str, context: Mapping[str, object], language: str | None = None
) -> tuple[str, str]:
    """The subject and body of ``emails/<template>_subject.txt`` and ``_body.txt`` (Dutch by
    default): what ``mail_queue`` writes, and what staff see before they send it."""
    with translation.override(language or settings.LANGUAGE_CODE):
        context = {**mail_context(), **context}
        subject = render_to_string(f"emails/{template}_subject.txt", context)
        body = render_to_string(f"emails/{template}_body.txt", context)
    return header_safe(subject)[:255], body


def mail_context() -> dict[str, object]:
    """What every mail template may use besides its own context: the portal's address, and
    what each of ``MAIL_CONTEXT_PROCESSORS`` gives (the programme's name and operator). The
    outbox sits below the apps, so it reads them through the setting, as Django's templates
    read their context processors."""
    context: dict[str, object] = {"site_url": settings.SITE_URL}
    for path in settings.MAIL_CONTEXT_PROCESSORS:
        context.update(import_string(path)())
    return context


def sender() -> str:
    """The From of every mail: ``DEFAULT_FROM_EMAIL`` as it is when it names a sender, else
    its address under the portal's name (the programme's)."""
    name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    if name or not address:
        return str(settings.DEFAULT_FROM_EMAIL)
    return str(Address(display_name=header_safe(portal_name()), addr_spec=address))


def mail_queue_message(
    *, kind: str, message: EmailMessage, confidential: bool = False
) -> list[Mail]:
    """Queue a message rendered elsewhere (allauth's account mails)."""
    alternatives = getattr(message, "alternatives", [])
    html = next((str(body) for body, mimetype in alternatives if mimetype == "text/html"), "")
    return _queue(
        kind=kind,
        to=message.to,
        subject=str(message.subject),
        body=str(message.body),
        html_body=html,
        confidential=confidential,
    )


def _queue(
    *,
    kind: str,
    to: Iterable[str],
    subject: str,
    body: str,
    html_body: str = "",
    files: Sequence[MailFile] = (),
    reply_to: str = "",
    confidential: bool = False,
    secret: str = "",
) -> list[Mail]:
    if secret and SECRET_PLACEHOLDER not in body:
        raise ValueError("A mail with a secret needs the placeholder in its body.")
    now = timezone.now()
    # Whatever a name brought in, the subject stays one header line.
    subject = header_safe(subject)[:255]
    with transaction.atomic():
        mails = [
            Mail.objects.create(
                kind=kind,
                to=address,
                reply_to=reply_to,
                subject=subject,
                body=body,
                html_body=html_body,
                confidential=confidential,
                secret=secret,
                message_id=make_msgid(domain=_domain()),
                next_attempt_at=now,
            )
            for address in deliverable(to)
        ]
        MailAttachment.objects.bulk_create(
            MailAttachment(mail=mail, filename=f.filename, mimetype=f.mimetype, content=f.content)
            for mail in mails
            for f in files
        )
        for mail in mails:
            transaction.on_commit(partial(enqueue_by_name, SEND_TASK, mail.pk))
    return mails


def deliverable(addresses: Iterable[str]) -> list[str]:
    """Each address once, in order; none of an erased person (``…@invalid``) or invalid."""
    found: dict[str, None] = {}
    for address in addresses:
        cleaned = (address or "").strip()
        if not cleaned or cleaned.lower().endswith("@invalid"):
            continue
        if "=?" in cleaned:  # an encoded word would be decoded into the To header
            logger.warning("Not queued, an address with an encoded word: %r", cleaned)
            continue
        try:
            validate_email(cleaned)
        except ValidationError:
            logger.warning("Not queued, not an e-mail address: %r", cleaned)
            continue
        found.setdefault(cleaned, None)
    return list(found)


def _domain() -> str:
    return urlsplit(settings.SITE_URL).hostname or "localhost"


# --- Sending -------------------------------------------------------------------------------


def mail_send(*, mail_id: int) -> bool:
    """Send one waiting mail that is due; True if the mail server accepted it."""
    now = timezone.now()
    claimed = Mail.objects.filter(
        pk=mail_id, status=Status.QUEUED, next_attempt_at__lte=now, attempts__lt=MAX_ATTEMPTS
    ).update(status=Status.SENDING, claimed_at=now, attempts=F("attempts") + 1)
    if claimed != 1:
        return False
    mail = Mail.objects.get(pk=mail_id)
    try:
        as_message(mail).send()
    except Exception as error:
        _after_failure(mail, error)
        return False
    Mail.objects.filter(pk=mail_id).update(
        status=Status.SENT, sent_at=timezone.now(), claimed_at=None, last_error="", secret=""
    )
    return True


def as_message(mail: Mail) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=mail.subject,
        from_email=sender(),
        body=mail.body.replace(SECRET_PLACEHOLDER, mail.secret) if mail.secret else mail.body,
        to=[mail.to],
        reply_to=[mail.reply_to] if mail.reply_to else None,
        headers={"Message-ID": mail.message_id},
    )
    if mail.html_body:
        message.attach_alternative(mail.html_body, "text/html")
    for attachment in mail.attachments.all():
        message.attach(attachment.filename, bytes(attachment.content), attachment.mimetype)
    return message


def is_permanent(error: Exception) -> bool:
    """A failure that another attempt will not cure: the server refused with a 5xx code,
    or the message cannot be written (a header that cannot hold the value)."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _text in error.recipients.values())
    if isinstance(error, smtplib.SMTPResponseException):
        return error.smtp_code >= 500
    return isinstance(error, ValueError)  # BadHeaderError, UnicodeError and the like


def describe(error: Exception) -> str:
    """The mail server's own words where it gave any ("550 5.1.1 No such mailbox")."""
    if isinstance(error, smtplib.SMTPResponseException):
        return f"{error.smtp_code} {_text(error.smtp_error)}"
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        refused = error.recipients.items()
        return "; ".join(f"{to}: {code} {_text(text)}" for to, (code, text) in refused)
    return f"{type(error).__name__}: {error}"


def _text(value: bytes | str) -> str:
    return value.decode(errors="replace") if isinstance(value, bytes) else value


def _after_failure(mail: Mail, error: Exception) -> None:
    reason = describe(error)[:2000]
    if is_permanent(error) or mail.attempts >= MAX_ATTEMPTS:
        logger.error("Mail %s to %s failed for good: %s", mail.pk, mail.to, reason)
        Mail.objects.filter(pk=mail.pk).update(
            status=Status.FAILED, claimed_at=None, last_error=reason
        )
        return
    wait = FIRST_RETRY * 2 ** (mail.attempts - 1)
    logger.warning("Mail %s to %s failed, again in %s: %s", mail.pk, mail.to, wait, reason)
    Mail.objects.filter(pk=mail.pk).update(
        status=Status.QUEUED,
        claimed_at=None,
        next_attempt_at=timezone.now() + wait,
        last_error=reason,
    )
    # Early is harmless: the claim takes a mail only once it is due. The sweep also looks.
    enqueue_by_name(SEND_TASK, mail.pk, countdown=wait.total_seconds())


def mail_resend(*, mail: Mail) -> bool:
    """Staff send a failed mail again, with a fresh series of attempts."""
    with transaction.atomic():
        requeued = Mail.objects.filter(pk=mail.pk, status=Status.FAILED).update(
            status=Status.QUEUED, attempts=0, next_attempt_at=timezone.now()
        )
        if requeued:
            transaction.on_commit(partial(enqueue_by_name, SEND_TASK, mail.pk))
    return requeued == 1


def mails_sweep(*, now: datetime | None = None) -> int:
    """Periodic (beat): send what never reached the broker or is due again, take back what
    a dead worker held, and mark failed what waited too long. Returns the mails sent on."""
    now = now or timezone.now()
    lease = timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT)
    Mail.objects.filter(status=Status.SENDING, claimed_at__lt=now - lease).update(
        status=Status.QUEUED, claimed_at=None, next_attempt_at=timezone.now()
    )
    with translation.override(settings.LANGUAGE_CODE):
        exhausted = _("Not sent after %(attempts)d attempts.") % {"attempts": MAX_ATTEMPTS}
        too_late = _("Not sent within two days; send it again if it still matters.")
    waiting = Mail.objects.filter(status=Status.QUEUED)
    waiting.filter(attempts__gte=MAX_ATTEMPTS).update(status=Status.FAILED, last_error=exhausted)
    waiting.filter(created_at__lt=now - GIVE_UP_AFTER).update(
        status=Status.FAILED, last_error=too_late
    )
    due = list(
        waiting.filter(next_attempt_at__lte=now - LOST_AFTER)
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:1000]
    )
    for mail_id in due:
        enqueue_by_name(SEND_TASK, mail_id)
    return len(due)
