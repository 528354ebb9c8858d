from django.urls import path

from coaching import views

urlpatterns = [path("coach/", views.coach_dashboard, name="coach_dashboard")]
