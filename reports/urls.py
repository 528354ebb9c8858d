from django.urls import path

from reports import company_file, decisions, views, work_surface

urlpatterns = [
    path("staf/", work_surface.staff_dashboard, name="staff_dashboard"),
    path("staf/bereik/", views.staff_reach, name="staff_reach"),
    path("staf/mails/<uuid:public_id>/opnieuw/", decisions.mail_resend, name="mail_resend"),
    path("staf/rapporten/<uuid:public_id>/opnieuw/", decisions.report_retry, name="report_retry"),
    path(
        "staf/inschrijvingen/<uuid:public_id>/besluit/",
        decisions.enrolment_decide,
        name="enrolment_decide",
    ),
    path(
        "staf/inschrijvingen/<uuid:public_id>/coach/",
        decisions.coach_assign,
        name="coach_assign",
    ),
    path(
        "inschrijvingen/<uuid:public_id>/rapporten/",
        views.enrolment_reports,
        name="enrolment_reports",
    ),
    path(
        "inschrijvingen/<uuid:public_id>/dossier/",
        company_file.company_file,
        name="company_file",
    ),
    path(
        "notities/<uuid:public_id>/verwijderen/",
        company_file.note_delete_view,
        name="note_delete",
    ),
    path("rapporten/<uuid:public_id>/", views.report_detail, name="report_detail"),
    path("rapporten/<uuid:public_id>/download/", views.report_download, name="report_download"),
    path("rapporten/<uuid:public_id>/gegevens.csv", views.report_data_csv, name="report_data_csv"),
    path(
        "rapporten/<uuid:public_id>/gegevens.xlsx", views.report_data_xlsx, name="report_data_xlsx"
    ),
]
