from django.urls import path

from companies import views

urlpatterns = [
    path("welkom/", views.welcome, name="welcome"),
    path("bedrijf/", views.company_dashboard, name="company_dashboard"),
    path("bedrijf/collega-uitnodigen/", views.invitation_send, name="invitation_send"),
    path("bedrijf/toegang/", views.company_access, name="company_access"),
    path(
        "bedrijf/uitnodigingen/<uuid:public_id>/opnieuw-versturen/",
        views.invitation_resend,
        name="invitation_resend",
    ),
    path(
        "bedrijf/uitnodigingen/<uuid:public_id>/intrekken/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
    path("bedrijf/gegevens-wijzigen/", views.company_change, name="company_change"),
    # The invitation e-mail links here: keep the name and the path.
    path("uitnodiging/<uuid:token>/", views.invitation_accept, name="invitation_accept"),
    path("inschrijven/", views.enrolment_start, name="enrolment_start"),
    path("inschrijvingen/<uuid:public_id>/", views.enrolment_detail, name="enrolment_detail"),
    path(
        "inschrijvingen/<uuid:public_id>/bedrijf/",
        views.enrolment_company,
        name="enrolment_company",
    ),
    path(
        "inschrijvingen/<uuid:public_id>/facturatie/",
        views.enrolment_billing,
        name="enrolment_billing",
    ),
    path(
        "inschrijvingen/<uuid:public_id>/indienen/",
        views.enrolment_submit,
        name="enrolment_submit",
    ),
    path(
        "inschrijvingen/<uuid:public_id>/analyse/<slug:kind>/",
        views.analysis_start,
        name="analysis_start",
    ),
    path("inschrijvingen/<uuid:public_id>/plan/", views.plan_detail, name="plan_detail"),
    path("analyses/<uuid:public_id>/", views.analysis_detail, name="analysis_detail"),
    path("analyses/<uuid:public_id>/indienen/", views.analysis_submit, name="analysis_submit"),
    path("analyses/<uuid:public_id>/beoordelen/", views.analysis_review, name="analysis_review"),
    # After indienen/ and beoordelen/: every other slug is a section of the questionnaire.
    path(
        "analyses/<uuid:public_id>/<slug:section_key>/",
        views.analysis_section,
        name="analysis_section",
    ),
    path("acties/<uuid:public_id>/", views.plan_action_edit, name="plan_action_edit"),
    path(
        "acties/<uuid:public_id>/verwijderen/",
        views.plan_action_delete,
        name="plan_action_delete",
    ),
]
