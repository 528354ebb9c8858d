"""Money in templates: ``{{ amount|euro }}`` → "€ 2.000,00" in Dutch, "€ 2,000.00" in English."""

from decimal import Decimal

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def euro(amount: Decimal | None) -> str:
    if amount is None:
        return ""
    return f"€\u00a0{number_format(amount, decimal_pos=2, use_l10n=True, force_grouping=True)}"


@register.filter
def percent(rate: Decimal | None) -> str:
    """21.00 → "21%", 9.50 → "9,5%" in Dutch."""
    if rate is None:
        return ""
    trimmed = Decimal(f"{rate:.2f}".rstrip("0").rstrip("."))
    return f"{number_format(trimmed, use_l10n=True)}%"
