from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from reports.models import Report

        auditlog.register(Report, include_fields=["status", "file", "sha256", "error"])
