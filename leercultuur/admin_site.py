"""The portal's admin site: Django's, with every model admin listing harmless actions first
(``HarmlessActionsFirst``), Django's own bulk delete and third-party admins included.

No navigation sidebar: it listed every app and model on every page, built afresh each
time (permissions and two addresses per model), as much work as a whole simple page. The
index lists them all, and every page leads back to it (and to the work surface).
"""

from collections.abc import Iterable
from typing import Any, cast

from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from leercultuur.admin_actions import with_harmless_actions_first


class PortalAdminSite(admin.AdminSite):
    enable_nav_sidebar = False

    def register[M: Model](
        self,
        model_or_iterable: type[M] | Iterable[type[M]],
        admin_class: "type[admin.ModelAdmin[M]] | None" = None,
        **options: Any,
    ) -> None:
        ordered = with_harmless_actions_first(admin_class or admin.ModelAdmin)
        super().register(model_or_iterable, ordered, **options)

    def get_app_list(
        self, request: HttpRequest, app_label: str | None = None
    ) -> list[dict[str, Any]]:
        # Built when first used: Django offers it to every page (for the sidebar), and
        # only the index and an app's page show it.
        build = super().get_app_list
        return cast(list[dict[str, Any]], SimpleLazyObject(lambda: build(request, app_label)))
