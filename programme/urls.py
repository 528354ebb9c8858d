from django.urls import path

from programme import views

urlpatterns = [
    path("huisstijl.css", views.programme_css, name="programme_css"),
    path("logo", views.programme_logo, name="programme_logo"),
]
