from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    """The people of a company who take part: participants (deelnemers), no accounts."""

    name = "people"
    verbose_name = _("Participants")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from people import models

        auditlog.register(models.Participant)
        auditlog.register(models.ActionParticipant)
        auditlog.register(models.AmbassadorActivity)
