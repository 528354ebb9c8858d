"""For search engines, once for the whole site: outside the language prefixes."""

from django.urls import URLPattern, path

from website import views

urlpatterns: list[URLPattern] = [
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", views.sitemap, name="sitemap"),
]
