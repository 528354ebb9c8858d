"""The portal's admin site: Django's, with every model admin listing harmless actions first
(``HarmlessActionsFirst``), Django's own bulk delete and third-party admins included."""

from collections.abc import Iterable
from typing import Any

from django.contrib import admin
from django.db.models import Model

from leercultuur.admin_actions import with_harmless_actions_first


class PortalAdminSite(admin.AdminSite):
    def register[M: Model](
        self,
        model_or_iterable: type[M] | Iterable[type[M]],
        admin_class: "type[admin.ModelAdmin[M]] | None" = None,
        **options: Any,
    ) -> None:
        ordered = with_harmless_actions_first(admin_class or admin.ModelAdmin)
        super().register(model_or_iterable, ordered, **options)
