"""What the programme shows the world: its live results, the stories companies agreed to
share, and the library of good practice; and the page where a company agrees or not."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_http_methods

from accounts.decorators import role_required
from accounts.models import User
from accounts.roles import Role
from networks.selectors import library_experiences
from reports.builders.progress import measurements
from website.models import Story
from website.results import results
from website.services import story_consent_give, story_consent_withdraw
from website.stories import (
    consent_in_force,
    get_public_story,
    get_story_for_user,
    may_consent,
    public_stories,
)

PUBLIC_CACHE = cache_control(public=True, max_age=300)
LIBRARY_PAGE = 20


@require_GET
@PUBLIC_CACHE
def results_page(request: HttpRequest) -> HttpResponse:
    """The figures per edition and in all, each resting on at least five companies."""
    return render(request, "website/results.html", {"results": results()})


@require_GET
@PUBLIC_CACHE
def story_list(request: HttpRequest) -> HttpResponse:
    return render(request, "website/story_list.html", {"stories": public_stories()})


@require_GET
@PUBLIC_CACHE
def story_detail(request: HttpRequest, public_id: object) -> HttpResponse:
    story = get_public_story(str(public_id))
    return render(request, "website/story_detail.html", _story_context(story))


@require_GET
@PUBLIC_CACHE
def library(request: HttpRequest) -> HttpResponse:
    """Experiences that members shared beyond their network and staff let in."""
    page = Paginator(library_experiences(), LIBRARY_PAGE).get_page(request.GET.get("pagina"))
    return render(request, "website/library.html", {"page": page})


@role_required(Role.CONTACT, Role.COACH, Role.STAFF)
@require_http_methods(["GET", "POST"])
def story_consent(request: HttpRequest, public_id: object) -> HttpResponse:
    """The story as it would be published, and the company's consent: given, or withdrawn
    (the story goes offline at once). Its coaches and staff see the page; only a contact of
    the company decides."""
    user: User = request.user  # type: ignore[assignment]
    story = get_story_for_user(user, str(public_id))
    if request.method == "POST":
        if not may_consent(user, story):
            raise PermissionDenied
        if request.POST.get("toestemming") == "ja":
            story_consent_give(story=story, by=user)
            messages.success(request, _("Thank you. The programme office may publish the story."))
        else:
            story_consent_withdraw(story=story, by=user)
            messages.success(request, _("You have withdrawn your consent. The story is offline."))
        return redirect("story_consent", story.public_id)
    consent = consent_in_force(story)
    context = {
        **_story_context(story),
        "consent": consent,
        "agreed": consent is not None and consent.matches,
        "may_consent": may_consent(user, story),
        "is_public": story.published_at is not None and consent is not None and consent.matches,
    }
    return render(request, "website/story_consent.html", context)


def _story_context(story: Story) -> dict[str, object]:
    chart = measurements(story.enrolment)["score_chart"] if story.show_chart else None
    return {"story": story, "chart": chart}
