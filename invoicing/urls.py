from django.urls import path

from invoicing import views

urlpatterns = [
    path("facturen/", views.invoice_list, name="invoice_list"),
    path("facturen/<uuid:public_id>/pdf/", views.invoice_pdf, name="invoice_pdf"),
    path("facturen/<uuid:public_id>/ubl/", views.invoice_ubl, name="invoice_ubl"),
]
