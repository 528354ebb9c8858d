"""Free text at the edges: one rule for every text a person types into the portal.

Text leaves the portal in mail headers, e-invoices, PDFs and spreadsheets. So a single-line
text (a name, a title) holds no line break of any kind, and no text holds a control
character or a bidi override, which can make a file name or a mail read backwards. The
same validator runs in forms, the admin (through the model fields) and the services
(through ``full_clean``); a multi-line text also has a maximum length.
"""

import re
import unicodedata
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

# Line and paragraph separators and the next-line control: line breaks in all but name.
LINE_BREAKS = frozenset("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
# Embeddings, overrides and isolates (Unicode bidi controls) turn text around.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# What a multi-line text may hold of the above.
MULTI_LINE_ALLOWED = frozenset("\n\r\t")


def _is_control(char: str) -> bool:
    return unicodedata.category(char) == "Cc" or char in BIDI_CONTROLS


@deconstructible
class TextValidator:
    """Refuses control characters and bidi controls; line breaks unless ``multi_line``."""

    def __init__(self, *, multi_line: bool = False) -> None:
        self.multi_line = multi_line

    def __call__(self, value: Any) -> None:
        text = str(value)
        if not self.multi_line and any(char in LINE_BREAKS for char in text):
            raise ValidationError(
                _("Write this on one line, without line breaks."), code="line_break"
            )
        allowed = MULTI_LINE_ALLOWED if self.multi_line else frozenset()
        if any(_is_control(char) and char not in allowed for char in text):
            raise ValidationError(
                _(
                    "This text holds an invisible control character (such as a tab or a "
                    "character that turns text around). Remove it and try again."
                ),
                code="control_character",
            )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, TextValidator) and other.multi_line == self.multi_line

    def __hash__(self) -> int:
        return hash(self.multi_line)


validate_single_line = TextValidator()
validate_multi_line = TextValidator(multi_line=True)


def one_line(value: str) -> str:
    """Text made safe for one line: every control and line break becomes one space."""
    cleaned = "".join(" " if _is_control(char) or char in LINE_BREAKS else char for char in value)
    return " ".join(cleaned.split())


def header_safe(value: str) -> str:
    """Text made safe for a mail header: one line, and no RFC 2047 encoded word. Python's
    mail package decodes ``=?utf-8?q?...?=`` in a header it is given, so a name holding
    ``=?utf-8?q?=0ABcc:_x@example.com?=`` (valid text: no control character) would add a
    header line. A space after the ``=`` keeps the text and defuses the word."""
    return one_line(value).replace("=?", "= ?")


# What XML 1.0 (an e-invoice, a spreadsheet) cannot hold: C0 controls but tab and line breaks.
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(value: str) -> str:
    """Text without the characters XML refuses, for values stored before this validator."""
    return XML_ILLEGAL.sub("", value)


def normalise_line_endings(value: str) -> str:
    """Browsers post a text area's lines with CRLF; the portal keeps LF."""
    return value.replace("\r\n", "\n").replace("\r", "\n")


# --- Form fields -------------------------------------------------------------------------


class SingleLineFormField(forms.CharField):
    default_validators = [validate_single_line]


class MultiLineFormField(forms.CharField):
    """A text area's text with LF line endings and a maximum length."""

    default_validators = [validate_multi_line]
    widget = forms.Textarea

    def to_python(self, value: Any) -> str:
        return normalise_line_endings(str(super().to_python(value)))


# --- Model fields --------------------------------------------------------------------------


class SingleLineField(models.CharField):
    """One line of text typed by a person: a name, a title, a place."""

    default_validators = [validate_single_line]

    def formfield(self, **kwargs: Any) -> Any:
        return super().formfield(**{"form_class": SingleLineFormField, **kwargs})


class MultiLineField(models.TextField):
    """Several lines typed by a person: a summary, a report. ``max_length`` is required and
    checked by the model too, not only by the form (a TextField alone checks neither)."""

    default_validators = [validate_multi_line]

    def __init__(self, *args: Any, max_length: int, **kwargs: Any) -> None:
        kwargs["max_length"] = max_length
        super().__init__(*args, **kwargs)
        self.validators.append(MaxLengthValidator(max_length))

    def formfield(self, **kwargs: Any) -> Any:
        return super().formfield(**{"form_class": MultiLineFormField, **kwargs})


def check_fields(instance: models.Model, *names: str) -> None:
    """Run the validators of the named fields only (a service's free text, before it saves
    with ``update_fields`` or ``create``): ``ValidationError`` keyed by field, as a form."""
    others = [field.name for field in instance._meta.fields if field.name not in names]
    instance.clean_fields(exclude=others)
