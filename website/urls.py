from django.urls import URLPattern, path

from website import showcase, views


def _page(route: str, name: str) -> URLPattern:
    """A page of the programme's texts and settings only (website/pages.py)."""
    return path(route, views.page, {"name": name}, name=name)


urlpatterns: list[URLPattern] = [
    path("resultaten/", showcase.results_page, name="public_results"),
    path("verhalen/", showcase.story_list, name="story_list"),
    path("verhalen/<uuid:public_id>/", showcase.story_detail, name="story_detail"),
    path("verhalen/<uuid:public_id>/toestemming/", showcase.story_consent, name="story_consent"),
    path("goede-voorbeelden/", showcase.library, name="library"),
    # The information pages: the public home, or the dashboard for someone signed in.
    path("", views.home, name="home"),
    _page("over-het-programma/", "public_about"),
    _page("aanpak/", "public_approach"),
    _page("kosten/", "public_costs"),
    path("edities/", views.editions, name="public_editions"),
    path("kan-ik-meedoen/", views.eligibility_check, name="eligibility_check"),
    path("vragen/", views.questions, name="public_questions"),
    _page("contact/", "public_contact"),
    _page("voorwaarden/", "public_terms"),
    _page("privacyverklaring/", "privacy_statement"),
    _page("toegankelijkheid/", "accessibility_statement"),
]
