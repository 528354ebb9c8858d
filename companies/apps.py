from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompaniesConfig(AppConfig):
    name = "companies"
    verbose_name = _("Companies")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from companies import models

        auditlog.register(models.Edition)
        auditlog.register(models.Company)
        auditlog.register(models.Contact)
        auditlog.register(models.Enrolment, m2m_fields={"coaches"})
        auditlog.register(models.NeedsAnalysis, exclude_fields=["answers"])
        auditlog.register(models.PlanAction)
        auditlog.register(models.TrainingInstitution)
        auditlog.register(models.EnrolmentNote)
