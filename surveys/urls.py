from django.urls import path

from surveys import respond, views

urlpatterns = [
    path(
        "inschrijvingen/<uuid:public_id>/peiling/<str:kind>/",
        views.survey_open,
        name="survey_open",
    ),
    path("peilingen/<uuid:public_id>/", views.survey_detail, name="survey_detail"),
    path("peilingen/<uuid:public_id>/poster/", views.survey_poster, name="survey_poster"),
    path(
        "peilingen/<uuid:public_id>/uitnodigen/",
        views.survey_invite,
        name="survey_invite",
    ),
    path("peilingen/<uuid:public_id>/sluiten/", views.survey_close, name="survey_close"),
    path("peilingen/<uuid:public_id>/uitslag/", views.survey_results, name="survey_results"),
    # Public: the token in the address is the key (see surveys/respond.py).
    path("peiling/bedankt/", respond.survey_thanks, name="survey_thanks"),
    path("peiling/p/<str:token>/", respond.survey_personal, name="survey_personal"),
    path("peiling/<str:token>/", respond.survey_company, name="survey_company"),
]
