from django.urls import path

from invoicing import staff_views, views

urlpatterns = [
    path("facturen/", views.invoice_list, name="invoice_list"),
    path("facturen/<uuid:public_id>/pdf/", views.invoice_pdf, name="invoice_pdf"),
    path("facturen/<uuid:public_id>/ubl/", views.invoice_ubl, name="invoice_ubl"),
    path(
        "staf/facturen/<uuid:public_id>/versturen/",
        staff_views.invoice_issue_confirm,
        name="invoice_issue_confirm",
    ),
    path(
        "staf/facturen/<uuid:public_id>/voorbeeld.pdf",
        staff_views.invoice_preview_pdf,
        name="invoice_preview_pdf",
    ),
    path(
        "staf/facturen/<uuid:public_id>/herinnering/",
        staff_views.invoice_remind,
        name="invoice_remind",
    ),
    path("staf/facturen/<uuid:public_id>/betaling/", staff_views.payment_add, name="payment_add"),
]
