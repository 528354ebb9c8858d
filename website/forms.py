"""The eligibility check: two questions, asked with a GET (no account, no session)."""

from collections.abc import Iterable

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from companies.models import Region
from website.selectors import EditionOffer, Verdict, eligibility

ELSEWHERE = "elders"


class EligibilityForm(forms.Form):
    medewerkers = forms.IntegerField(
        label=_("How many people work at your company?"),
        help_text=_("Count everyone on the payroll: management too, and part-timers."),
        min_value=1,
        error_messages={
            "required": _("Fill in how many people work at your company."),
            "invalid": _("Fill in a whole number, for example 35."),
            "min_value": _("Fill in a number of 1 or more."),
        },
        # Text with a number keyboard: a number field changes its value when scrolled over.
        widget=forms.TextInput(attrs={"inputmode": "numeric", "size": 6}),
    )
    regio = forms.ChoiceField(
        label=_("Where is your company based?"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose where your company is based."),
            "invalid_choice": _("Choose one of the regions, or elsewhere."),
        },
    )

    def __init__(self, *args: object, province: str, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.regions = {str(region.pk): region for region in Region.objects.filter(is_active=True)}
        elsewhere = format_lazy(_("Elsewhere, outside {province}"), province=province)
        self.fields["regio"].choices = [  # type: ignore[attr-defined]
            *((key, region.name) for key, region in self.regions.items()),
            (ELSEWHERE, elsewhere),
        ]

    def verdict(self, editions: Iterable[EditionOffer]) -> Verdict:
        """The answer for a valid form."""
        return eligibility(
            employees=self.cleaned_data["medewerkers"],
            region=self.regions.get(self.cleaned_data["regio"]),
            editions=editions,
        )
