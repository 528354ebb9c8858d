"""A changelist with a totals row over what its filters select (sessions, invoices)."""

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse


class TotalsAdmin(admin.ModelAdmin):
    """Puts ``totals``, computed from the filtered queryset, in the changelist's context."""

    def changelist_totals(self, queryset: QuerySet[Any]) -> Any:
        raise NotImplementedError

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        response = super().changelist_view(request, extra_context)
        changelist = getattr(response, "context_data", {}).get("cl")
        if changelist is not None:
            totals = self.changelist_totals(changelist.queryset)
            response.context_data["totals"] = totals  # type: ignore[attr-defined]
        return response
