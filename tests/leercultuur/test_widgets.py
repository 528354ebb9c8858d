"""The select written out in one pass gives the markup Django's own select gives."""

import pytest
from django import forms
from django.test.html import parse_html

from companies.models import Region
from leercultuur.widgets import DirectSelect

pytestmark = pytest.mark.django_db


def both(field: forms.ChoiceField, value: object) -> tuple[object, object]:
    class Theirs(forms.Form):
        choice = field

    # The form's own copy of the field, given our select in place of Django's.
    ours = Theirs({"choice": value})
    theirs = Theirs({"choice": value})
    direct = DirectSelect()
    direct.choices = theirs.fields["choice"].widget.choices
    ours.fields["choice"].widget = direct
    ours.fields["choice"].widget.attrs = {"class": "narrow"}
    theirs.fields["choice"].widget.attrs = {"class": "narrow"}
    return parse_html(str(ours["choice"])), parse_html(str(theirs["choice"]))


@pytest.mark.parametrize("value", ["", "2", "<b>&'\"", "no such choice"])
def test_plain_choices_render_as_djangos_select(value: str) -> None:
    choices = [("", "---------"), ("1", "Eén"), ("2", 'Twee & "drie"'), ("<b>&'\"", "<i>")]
    ours, theirs = both(forms.ChoiceField(choices=choices, required=False), value)
    assert ours == theirs


def test_model_choices_render_as_djangos_select() -> None:
    regions = [
        Region.objects.create(name=name) for name in ("Testregio Noord", "Testregio & Vallei")
    ]
    field = forms.ModelChoiceField(queryset=Region.objects.order_by("name"), required=False)
    ours, theirs = both(field, str(regions[1].pk))
    assert ours == theirs
    assert "selected" in str(ours)
    assert "Testregio &amp; Vallei" in str(ours)


def test_a_list_with_groups_is_left_to_django() -> None:
    choices = [("Noord", [("1", "Een")]), ("Zuid", [("2", "Twee")])]
    ours, theirs = both(forms.ChoiceField(choices=choices), "2")
    assert ours == theirs
