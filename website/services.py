"""Stories: staff write them, the company agrees to the very text, staff publish; the
company withdraws its consent in the portal and the story is offline at once."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from companies.models import Enrolment
from companies.selectors import contacts_of
from leercultuur.outbox.services import mail_queue
from leercultuur.text import check_fields
from website.models import CONTENT_FIELDS, Story, StoryConsent


def story_save(
    *, story: Story | None = None, enrolment: Enrolment | None = None, by: User, **content: object
) -> Story:
    """Write a new story about ``enrolment``, or change ``story``. A change to a story the
    company agreed to takes it offline until the company agrees to the new text."""
    unknown = set(content) - set(CONTENT_FIELDS)
    if unknown:
        raise TypeError(f"Not a story's content: {sorted(unknown)}")
    with transaction.atomic():
        if story is None:
            if enrolment is None:
                raise TypeError("A new story needs its enrolment.")
            story = Story(enrolment=enrolment, written_by=by)
        else:
            story = Story.objects.select_for_update().get(pk=story.pk)
        for name, value in content.items():
            setattr(story, name, value.strip() if isinstance(value, str) else value)
        if not story.title or not story.body:
            raise ValidationError(_("A story needs a title and a text."))
        check_fields(story, "title", "body", "quote", "quote_by")
        story.content_hash = story.fingerprint()
        story.save()
    return story


def story_consent_ask(*, story: Story) -> int:
    """Mail the company's contacts that a story waits for their consent; returns how many."""
    contacts = [c.user.email for c in contacts_of(story.enrolment.company) if c.user.is_active]
    if not contacts:
        raise ValidationError(_("The company has no contact in the portal to ask."))
    link = reverse("story_consent", args=[story.public_id])
    mail_queue(kind="story_consent", to=contacts, context={"story": story, "link": link})
    return len(contacts)


def story_consent_give(*, story: Story, by: User) -> StoryConsent:
    """A contact agrees to publishing the story exactly as it reads now (who, when, what);
    it replaces an earlier consent."""
    with transaction.atomic():
        locked = Story.objects.select_for_update().get(pk=story.pk)
        _withdraw(locked, by)
        consent = StoryConsent.objects.create(
            story=locked,
            content=locked.content(),
            content_hash=locked.content_hash,
            given_by=by,
            given_by_name=by.full_name or by.email,
        )
    return consent


def story_consent_withdraw(*, story: Story, by: User) -> bool:
    """The company takes its consent back: the story is offline from this moment."""
    with transaction.atomic():
        locked = Story.objects.select_for_update().get(pk=story.pk)
        return _withdraw(locked, by) > 0


def story_publish(*, story: Story) -> Story:
    """Put the story online; only with the company's consent to this very text."""
    with transaction.atomic():
        locked = Story.objects.select_for_update().get(pk=story.pk)
        agreed = locked.consents.filter(withdrawn_at=None, content_hash=locked.content_hash)
        if not agreed.exists():
            raise ValidationError(
                _("The company has not agreed to this text. Ask for its consent first.")
            )
        locked.published_at = locked.published_at or timezone.now()
        locked.save(update_fields=["published_at", "updated_at"])
    return locked


def story_unpublish(*, story: Story) -> Story:
    """Take the story offline (staff); the company's consent stays as it is."""
    with transaction.atomic():
        locked = Story.objects.select_for_update().get(pk=story.pk)
        locked.published_at = None
        locked.save(update_fields=["published_at", "updated_at"])
    return locked


def _withdraw(story: Story, by: User) -> int:
    return story.consents.filter(withdrawn_at=None).update(
        withdrawn_at=timezone.now(), withdrawn_by=by
    )
