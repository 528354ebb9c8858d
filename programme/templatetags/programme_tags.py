"""The programme's texts in templates: ``{{ programme|page_text:"intro"|linebreaks }}``."""

from django import template

from programme.models import Programme
from programme.selectors import fill, whole_euros

register = template.Library()


@register.filter
def page_text(programme: Programme, key: str) -> str:
    """A page text in the active language with its placeholders filled in."""
    return fill(programme.text(key), programme)


@register.filter
def filled(text: str, programme: Programme) -> str:
    """Any other text (an answer on the questions page) with its placeholders filled in."""
    return fill(text, programme)


register.filter("whole_euros", whole_euros)
