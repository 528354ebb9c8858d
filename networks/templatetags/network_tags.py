"""The company's learning network on company pages, without companies/ importing networks/."""

from typing import Any

from django import template
from django.utils import timezone

from companies.models import Enrolment
from networks.models import Meeting
from networks.selectors import company_attendance

register = template.Library()


@register.inclusion_tag("networks/network_panel.html")
def network_panel(enrolment: Enrolment) -> dict[str, Any]:
    """The enrolment's networks, its next meeting and how often the company came."""
    coming = Meeting.objects.filter(network__members=enrolment, starts_at__gt=timezone.now())
    return {
        "networks": enrolment.networks.all(),
        "next_meeting": coming.select_related("network").order_by("starts_at").first(),
        "attendance": company_attendance(enrolment),
    }
