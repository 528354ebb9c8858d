from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebsiteConfig(AppConfig):
    """The public side: what the programme is, who may enrol, its live anonymous results
    and the stories companies agreed to share."""

    name = "website"
    verbose_name = _("Public side")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from website import models

        # What staff write about a company, and the company's consent: in the audit log.
        auditlog.register(models.Story)
        auditlog.register(models.StoryConsent)
