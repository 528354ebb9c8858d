"""Form widgets written out in one pass, where Django's template per option costs more than
the rest of the page."""

from html import escape
from typing import Any

from django import forms
from django.forms.utils import flatatt
from django.utils.choices import BaseChoiceIterator
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe


class DirectSelect(forms.Select):
    """Django's select, written out directly rather than through the widget templates (a
    template and a dictionary per option): the same markup, for a list shown on every page
    (the admin's action list) or long (the work surface's hundreds of coaches). Flat
    choices only; a list with groups is left to Django."""

    def render(
        self,
        name: str,
        value: Any,
        attrs: dict[str, Any] | None = None,
        renderer: Any = None,
    ) -> SafeString:
        choices = [choice for choice in self.choices]  # noqa: C416 - list() would count first
        if any(isinstance(label, list | tuple) for _value, label in choices):
            return super().render(name, value, attrs, renderer)
        chosen = set(self.format_value(value))
        options = []
        for option_value, label in choices:
            text = "" if option_value is None else str(option_value)
            selected = " selected" if text in chosen else ""
            if selected and not self.allow_multiple_selected:
                chosen = set()  # as Django does: only the first match is selected
            options.append(
                f'<option value="{escape(text)}"{selected}>{escape(str(label))}</option>'
            )
        final_attrs = self.build_attrs(self.attrs, attrs)
        return mark_safe(  # noqa: S308 - every value and label is escaped above
            f'<select name="{escape(name)}"{flatatt(final_attrs)}>{"".join(options)}</select>'
        )


class DirectHiddenInput(forms.HiddenInput):
    """Django's hidden input, written out directly (the admin's action form, every page)."""

    def render(
        self,
        name: str,
        value: Any,
        attrs: dict[str, Any] | None = None,
        renderer: Any = None,
    ) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        shown = "" if widget["value"] is None else widget["value"]
        return format_html(
            '<input type="hidden" name="{}" value="{}"{}>',
            widget["name"],
            shown,
            flatatt(widget["attrs"]),
        )


class PlainChoices(BaseChoiceIterator):
    """(value, label) pairs already in the form Django wants, used as they are: a field
    and its widget otherwise walk a long list of choices twice to normalise it."""

    def __init__(self, pairs: list[tuple[Any, str]]) -> None:
        self.pairs = pairs

    def __iter__(self) -> Any:
        return iter(self.pairs)
