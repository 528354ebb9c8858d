"""The staff's progress overview, rendered on the admin index."""

from typing import Any

from django import template

from reports.admin_dashboard import edition_panels

register = template.Library()


@register.inclusion_tag("admin/edition_dashboard.html")
def edition_dashboard() -> dict[str, Any]:
    return {"panels": edition_panels()}
