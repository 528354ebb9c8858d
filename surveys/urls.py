from django.urls import path

from surveys import respond, views

urlpatterns = [
    path(
        "inschrijvingen/<uuid:public_id>/teamvragenlijst/<str:kind>/",
        views.survey_open,
        name="survey_open",
    ),
    path("teamvragenlijsten/<uuid:public_id>/", views.survey_detail, name="survey_detail"),
    path("teamvragenlijsten/<uuid:public_id>/poster/", views.survey_poster, name="survey_poster"),
    path(
        "teamvragenlijsten/<uuid:public_id>/uitnodigen/",
        views.survey_invite,
        name="survey_invite",
    ),
    path("teamvragenlijsten/<uuid:public_id>/sluiten/", views.survey_close, name="survey_close"),
    path(
        "teamvragenlijsten/<uuid:public_id>/uitslag/", views.survey_results, name="survey_results"
    ),
    # Public: the token in the address is the key (see surveys/respond.py).
    path("teamvragenlijst/bedankt/", respond.survey_thanks, name="survey_thanks"),
    path("teamvragenlijst/p/<str:token>/", respond.survey_personal, name="survey_personal"),
    path("teamvragenlijst/<str:token>/", respond.survey_company, name="survey_company"),
]
