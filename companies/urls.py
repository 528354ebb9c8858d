from django.urls import path

from companies import views

urlpatterns = [
    path("bedrijf/", views.company_dashboard, name="company_dashboard"),
    path("welkom/", views.welcome, name="welcome"),
]
