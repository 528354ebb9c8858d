from django.urls import URLPattern, path

from website import showcase

urlpatterns: list[URLPattern] = [
    path("resultaten/", showcase.results_page, name="public_results"),
    path("verhalen/", showcase.story_list, name="story_list"),
    path("verhalen/<uuid:public_id>/", showcase.story_detail, name="story_detail"),
    path("verhalen/<uuid:public_id>/toestemming/", showcase.story_consent, name="story_consent"),
    path("goede-voorbeelden/", showcase.library, name="library"),
]
