from django.urls import path

from networks import facilitation, feeds, views

urlpatterns = [
    path("netwerken/", views.network_list, name="network_list"),
    path("netwerken/<uuid:public_id>/", views.network_detail, name="network_detail"),
    path(
        "ervaringen/<uuid:public_id>/verwijderen/",
        views.experience_delete,
        name="experience_delete",
    ),
    path(
        "ervaringen/<uuid:public_id>/delen/",
        views.experience_share_view,
        name="experience_share",
    ),
    path(
        "staf/ervaringen/<uuid:public_id>/",
        views.experience_moderate_view,
        name="experience_moderate",
    ),
    path("bijeenkomsten/<uuid:public_id>/", views.meeting_detail, name="meeting_detail"),
    path(
        "aanmeldingen/<uuid:public_id>/annuleren/",
        views.registration_cancel_view,
        name="registration_cancel",
    ),
    path("documenten/<uuid:public_id>/", views.document_download, name="document_download"),
    path(
        "bijeenkomsten/<uuid:public_id>/aanwezigheid/",
        facilitation.attendance_update,
        name="attendance_update",
    ),
    path(
        "bijeenkomsten/<uuid:public_id>/verslag/",
        facilitation.meeting_report,
        name="meeting_report",
    ),
    path(
        "bijeenkomsten/<uuid:public_id>/documenten/",
        facilitation.document_upload,
        name="document_upload",
    ),
    path("bijeenkomsten/<uuid:public_id>/qr/", facilitation.meeting_qr, name="meeting_qr"),
    path("inchecken/<uuid:token>/", facilitation.checkin, name="checkin"),
    path("bijeenkomsten/<uuid:public_id>/agenda.ics", feeds.meeting_ics, name="meeting_ics"),
    path("agenda/", feeds.calendar_feed_page, name="calendar_feed_page"),
    path("agenda/<uuid:token>.ics", feeds.calendar_feed, name="calendar_feed"),
]
