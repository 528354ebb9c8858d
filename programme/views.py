import logging

from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseServerError
from django.template import loader
from django.views.decorators.cache import cache_control
from django.views.decorators.csrf import requires_csrf_token
from django.views.decorators.http import require_GET

from leercultuur.middleware import shared_by_all
from programme.models import Programme
from programme.selectors import current, logo_type
from programme.style import stylesheet

logger = logging.getLogger(__name__)


@shared_by_all
@require_GET
@cache_control(public=True, max_age=86400)
def programme_css(request: HttpRequest) -> HttpResponse:
    """The programme's colours as a style sheet (a file, not inline: the CSP allows no
    inline style). Pages link it with the settings' last change in the address, so a new
    colour is fetched at once while an unchanged one comes from the browser's cache."""
    return HttpResponse(stylesheet(current()), content_type="text/css; charset=utf-8")


@shared_by_all
@require_GET
@cache_control(public=True, max_age=86400)
def programme_logo(request: HttpRequest) -> FileResponse:
    """The logo, linked as the style sheet is (uploads are not served as files: the
    reports and invoices among them are private)."""
    programme = current()
    if not programme.logo:
        raise Http404
    try:
        logo = programme.logo.open("rb")
    except OSError:
        raise Http404 from None
    return FileResponse(logo, content_type=logo_type(programme))


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 page, with the programme's name when its settings can still be read (the
    error may be that the database is away: then without)."""
    programme: Programme | None
    try:
        programme = current()
    except Exception:
        logger.warning("The error page is shown without the programme's settings")
        programme = None
    html = loader.get_template("500.html").render({"programme": programme})
    return HttpResponseServerError(html)
