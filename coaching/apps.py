from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoachingConfig(AppConfig):
    name = "coaching"
    verbose_name = _("Coaching")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from coaching import models

        auditlog.register(models.Coach)
        auditlog.register(models.CoachingSession)
        auditlog.register(models.BudgetAdjustment)
        auditlog.register(models.PeriodLock)
