from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworksConfig(AppConfig):
    name = "networks"
    verbose_name = _("Learning networks")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from networks import models

        auditlog.register(models.LearningNetwork, m2m_fields={"members", "facilitators"})
        auditlog.register(models.Meeting)
        auditlog.register(models.Registration)
        auditlog.register(models.Experience)
        auditlog.register(models.MeetingDocument)
