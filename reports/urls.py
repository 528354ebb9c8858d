from django.urls import path

from reports import views

urlpatterns = [path("staf/", views.staff_dashboard, name="staff_dashboard")]
