from django.urls import path

from accounts import views

urlpatterns = [
    path("privacy/", views.privacy, name="privacy"),
    path("privacy/download/", views.privacy_download, name="privacy_download"),
]
