"""The public information pages: what the programme is, costs and gives, its editions,
the eligibility check, questions, contact and the statements; robots.txt and the sitemap.

Everything here is the same for every anonymous visitor and sets no cookie, so a shared
cache may keep it a few minutes (a signed-in user's copy stays private: see
leercultuur/middleware.py)."""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.sitemaps.views import sitemap as django_sitemap
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from companies.models import MAX_MKB_EMPLOYEES
from leercultuur.middleware import shared_by_all
from leercultuur.views import home as dashboard_home
from programme.models import Question
from programme.selectors import current, fill
from website.forms import EligibilityForm
from website.pages import PAGES, TEXT_OF_PAGE
from website.selectors import coming_editions, portal_paths
from website.showcase import PUBLIC_CACHE
from website.sitemaps import PUBLIC_NAMES, SITEMAPS


def public_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Read only, and kept by a shared cache for a visitor."""
    return require_safe(PUBLIC_CACHE(view))


def home(request: HttpRequest) -> HttpResponseBase:
    """Signed in: the dashboard of one's role, as always. Anyone else: the public home."""
    if request.user.is_authenticated:
        return dashboard_home(request)
    return _public_home(request)


@public_page
def _public_home(request: HttpRequest) -> HttpResponse:
    return show(request, "home", editions=coming_editions())


@public_page
def page(request: HttpRequest, name: str) -> HttpResponse:
    """A page of the programme's texts and settings only."""
    return show(request, name, text_key=TEXT_OF_PAGE.get(name))


@public_page
def editions(request: HttpRequest) -> HttpResponse:
    return show(request, "public_editions", editions=coming_editions())


@public_page
def questions(request: HttpRequest) -> HttpResponse:
    return show(request, "public_questions", questions=Question.objects.all())


@public_page
def eligibility_check(request: HttpRequest) -> HttpResponse:
    """A GET form: the answers are in the address, nothing is kept."""
    form = EligibilityForm(request.GET or None, province=current().province)
    verdict = form.verdict(coming_editions()) if form.is_valid() else None
    context = {"form": form, "verdict": verdict, "mkb_limit": MAX_MKB_EMPLOYEES + 1}
    return show(request, "eligibility_check", **context)


def show(request: HttpRequest, name: str, **context: Any) -> HttpResponse:
    """A public page with its title and description (website/pages.py), for the page,
    search engines and link previews."""
    programme = current()
    info = PAGES[name]
    context |= {
        "title": fill(str(info.title), programme),
        "description": fill(str(info.description), programme),
    }
    return render(request, info.template, context)


# --- For search engines --------------------------------------------------------------------

SEARCH_ENGINE_CACHE = cache_control(public=True, max_age=3600)
SEARCH_ENGINE_NAMES = ("robots_txt", "sitemap")


@shared_by_all
@require_safe
@SEARCH_ENGINE_CACHE
def robots_txt(request: HttpRequest) -> HttpResponse:
    """The portal's own pages stay out of search engines; the sitemap lists the rest."""
    context = {
        "disallowed": portal_paths({*PUBLIC_NAMES, *SEARCH_ENGINE_NAMES, "programme_css"}),
        "sitemap_url": f"{settings.SITE_URL}/sitemap.xml",
    }
    text = render_to_string("website/robots.txt", context)
    return HttpResponse(text, content_type="text/plain; charset=utf-8")


@shared_by_all
@require_safe
@SEARCH_ENGINE_CACHE
def sitemap(request: HttpRequest) -> HttpResponse:
    return django_sitemap(request, sitemaps=SITEMAPS)
