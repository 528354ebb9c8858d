"""Reading stories: the company's own (to agree or not), and the published ones."""

import uuid

from django.db.models import QuerySet
from django.http import Http404

from accounts.models import User
from accounts.roles import Role, role_of
from companies.selectors import enrolments_for_user
from website.models import Story, StoryConsent


def get_story_for_user(user: User, public_id: uuid.UUID | str) -> Story:
    """A story about a company the user may see (its contacts, its coaches, staff)."""
    stories = Story.objects.select_related("enrolment__company", "enrolment__edition")
    try:
        return stories.get(public_id=public_id, enrolment__in=enrolments_for_user(user))
    except (Story.DoesNotExist, ValueError) as error:
        raise Http404 from error


def may_consent(user: User, story: Story) -> bool:
    """Only the company itself agrees to its story: a contact of that company."""
    return role_of(user) == Role.CONTACT and user.contact.company_id == story.enrolment.company_id


def consent_in_force(story: Story) -> StoryConsent | None:
    return story.consents.filter(withdrawn_at=None).select_related("given_by").first()


def stories_of_company(user: User) -> QuerySet[Story]:
    """The stories about the contact's company, for its dashboard."""
    return Story.objects.filter(enrolment__in=enrolments_for_user(user)).order_by("-created_at")


def public_stories() -> QuerySet[Story]:
    return Story.objects.public().select_related("enrolment__company", "enrolment__edition")


def get_public_story(public_id: uuid.UUID | str) -> Story:
    try:
        return public_stories().get(public_id=public_id)
    except (Story.DoesNotExist, ValueError) as error:
        raise Http404 from error
