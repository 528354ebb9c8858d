from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammeConfig(AppConfig):
    """The programme's settings: its name, operator, funder, amounts, contact details and
    the texts of the public pages. Everything region-specific, read by every layer."""

    name = "programme"
    verbose_name = _("Programme")

    def ready(self) -> None:
        from auditlog.registry import auditlog
        from django.contrib import admin
        from django.utils.functional import lazy

        from programme import models
        from programme.selectors import current

        auditlog.register(models.Programme)
        auditlog.register(models.Question)
        # The admin's header and title: the programme's name, read when a page is made.
        admin.site.site_header = admin.site.site_title = lazy(lambda: current().name, str)()
