from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutboxConfig(AppConfig):
    """The one outbox for every e-mail the portal sends (see services.py)."""

    name = "leercultuur.outbox"
    label = "outbox"
    verbose_name = _("E-mail")

    def ready(self) -> None:
        # Register the send task in every process, so services can enqueue it by name.
        from leercultuur.outbox import tasks  # noqa: F401
