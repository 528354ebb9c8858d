"""Forms for amounts and payments, used by the admin and the work surface alike."""

from decimal import Decimal
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from leercultuur.text import MultiLineFormField, SingleLineFormField


class AmountField(forms.DecimalField):
    """An amount in euros as people type it: "1.234,56", "1234,56", "€ 1234.56"."""

    widget = forms.TextInput(attrs={"inputmode": "decimal"})

    # The stubs give DecimalField the return type of IntegerField, its base class.
    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        if isinstance(value, str):
            value = "".join(value.replace("€", "").split())
            if "," in value:  # Dutch: dots group thousands, the comma marks the cents
                value = value.replace(".", "").replace(",", ".")
        return super().to_python(value)


class CreditForm(forms.Form):
    net_amount = AmountField(
        label=_("Amount to credit, excl. VAT"),
        required=False,
        min_value=Decimal("0.01"),
        decimal_places=2,
        help_text=_("Leave empty to credit everything not yet credited."),
    )
    reason = MultiLineFormField(
        label=_("Reason"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )


class PaymentForm(forms.Form):
    amount = AmountField(
        label=_("Amount received"),
        required=False,
        min_value=Decimal("0.01"),
        decimal_places=2,
        help_text=_("Leave empty for the whole amount outstanding."),
    )
    paid_on = forms.DateField(
        label=_("Paid on"),
        initial=timezone.localdate,
        # A date input shows and sends ISO dates, whatever the interface's language.
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    reference = SingleLineFormField(label=_("Bank reference"), required=False, max_length=100)
