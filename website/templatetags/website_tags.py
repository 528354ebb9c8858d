"""The website's part of portal pages: the stories about a contact's company, for its
dashboard (the companies app below it knows nothing of stories)."""

from django import template
from django.db.models import QuerySet

from accounts.models import User
from website.models import Story
from website.stories import stories_of_company

register = template.Library()


@register.simple_tag
def company_stories(user: User) -> QuerySet[Story]:
    return stories_of_company(user)
