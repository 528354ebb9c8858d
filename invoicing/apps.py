from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InvoicingConfig(AppConfig):
    name = "invoicing"
    verbose_name = _("Invoicing")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from companies.signals import enrolment_status_changed
        from invoicing import models, receivers

        auditlog.register(models.IssuerDetails)
        auditlog.register(models.Invoice, exclude_fields=["ubl_xml"])
        auditlog.register(models.Payment)
        auditlog.register(models.Reminder)
        enrolment_status_changed.connect(
            receivers.on_enrolment_status_changed, dispatch_uid="invoicing.enrolment_status"
        )
