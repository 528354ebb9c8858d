from django.urls import path

from people import views

urlpatterns = [
    path(
        "inschrijvingen/<uuid:public_id>/deelnemers/",
        views.participant_list,
        name="participant_list",
    ),
    path("deelnemers/<uuid:public_id>/", views.participant_edit, name="participant_edit"),
    path("deelnemers/<uuid:public_id>/wissen/", views.participant_erase, name="participant_erase"),
]
