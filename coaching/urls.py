from django.urls import path

from coaching import views

urlpatterns = [
    path("coach/", views.coach_dashboard, name="coach_dashboard"),
    path("coach/sessies/nieuw/", views.session_create, name="session_create"),
    path("coach/sessies/<uuid:public_id>/", views.session_edit, name="session_edit"),
    path(
        "coach/sessies/<uuid:public_id>/verwijderen/",
        views.session_delete,
        name="session_delete",
    ),
    path("coach/week/", views.coach_week, name="coach_week"),
    path("coach/uren.csv", views.coach_hours_csv, name="coach_hours_csv"),
    path(
        "inschrijvingen/<uuid:public_id>/uren/",
        views.enrolment_sessions,
        name="enrolment_sessions",
    ),
    path(
        "inschrijvingen/<uuid:public_id>/extra-uren/",
        views.extra_hours_ask,
        name="extra_hours_ask",
    ),
    path("staf/extra-uren/<uuid:public_id>/", views.extra_hours_decide, name="extra_hours_decide"),
    path(
        "inschrijvingen/<uuid:public_id>/uren.csv",
        views.enrolment_sessions_csv,
        name="enrolment_sessions_csv",
    ),
]
