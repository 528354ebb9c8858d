from django.urls import path

from people import participation_views, views

urlpatterns = [
    path(
        "inschrijvingen/<uuid:public_id>/deelnemers/",
        views.participant_list,
        name="participant_list",
    ),
    path("deelnemers/<uuid:public_id>/", views.participant_edit, name="participant_edit"),
    path("deelnemers/<uuid:public_id>/wissen/", views.participant_erase, name="participant_erase"),
    path(
        "deelnemers/<uuid:public_id>/ambassadeur/",
        views.ambassador_activities,
        name="ambassador_activities",
    ),
    path(
        "acties/<uuid:public_id>/deelnemers/",
        participation_views.action_participants,
        name="action_participants",
    ),
    path(
        "acties/<uuid:public_id>/deelnemers/<uuid:participant_id>/",
        participation_views.action_participant_edit,
        name="action_participant_edit",
    ),
    path(
        "acties/<uuid:public_id>/deelnemers/<uuid:participant_id>/verwijderen/",
        participation_views.action_participant_remove,
        name="action_participant_remove",
    ),
]
