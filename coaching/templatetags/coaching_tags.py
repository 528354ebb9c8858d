"""Coach time in templates: ``|hours`` for every duration, ``{% budget_panel %}`` for a bar.

The budget panel is a tag so that company pages can show the hours without companies/
importing coaching/ (templates may load any app's tags).
"""

from typing import Any

from django import template

from coaching.selectors import budget_status, burn_rate
from coaching.services import format_minutes
from companies.models import Enrolment

register = template.Library()


@register.filter
def hours(minutes: int | None) -> str:
    """Whole minutes as hours: 75 → '1 uur 15 min', 7200 → '120 uur', 45 → '45 min'."""
    return format_minutes(int(minutes or 0))


@register.inclusion_tag("coaching/budget_panel.html")
def budget_panel(enrolment: Enrolment) -> dict[str, Any]:
    """Hours used and left of the enrolment's budget, with a link to its sessions."""
    status = budget_status(enrolment)
    rate = burn_rate(enrolment, budget=status)
    return {"enrolment": enrolment, "status": status, "rate": rate, "link": True}
