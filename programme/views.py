from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from leercultuur.middleware import shared_by_all
from programme.selectors import current
from programme.style import stylesheet


@shared_by_all
@require_GET
@cache_control(public=True, max_age=86400)
def programme_css(request: HttpRequest) -> HttpResponse:
    """The programme's colours as a style sheet (a file, not inline: the CSP allows no
    inline style). Pages link it with the settings' last change in the address, so a new
    colour is fetched at once while an unchanged one comes from the browser's cache."""
    return HttpResponse(stylesheet(current()), content_type="text/css; charset=utf-8")
