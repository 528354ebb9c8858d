"""The audit log's changes as staff read them, in the interface's language.

django-auditlog shows a change as it stored it: field names without a verbose name in
English ("Reports", "Approved by"), values as Python wrote them ("None", "True", a UTC
timestamp, a key) and many-to-many operations as code ("add"). Here each field gets its
label through the catalogue and each value its readable form; the empty relations auditlog
records for every reverse relation of a new object ("companies.Enrolment.None") are left
out, as they say nothing.
"""

import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from auditlog.models import LogEntry
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

# How auditlog stores an empty value, and a password it never shows.
EMPTY = "None"
HIDDEN = ("password",)

M2M_OPERATIONS = {"add": _("added"), "delete": _("removed")}


def field_of(model: type[models.Model] | None, name: str) -> Any:
    """The model's field ``name`` (None: gone, or not on the model)."""
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def is_reverse_relation(field: Any) -> bool:
    return field is not None and field.auto_created and not field.concrete


def field_label(model: type[models.Model] | None, name: str) -> str:
    """A field's name as the interface shows it. A verbose name Django made up from the
    attribute ("approved by") is looked up in the catalogue like any other."""
    field = field_of(model, name)
    if field is None:
        return name
    return capfirst(gettext(str(field.verbose_name)))


def shown_fields(entry: LogEntry) -> list[str]:
    """The changed fields worth showing (reverse relations left out), in the model's order."""
    model = entry.content_type.model_class()
    order = [field.name for field in model._meta.get_fields()] if model is not None else []
    names = [name for name in entry.changes_dict if not is_reverse_relation(field_of(model, name))]
    return sorted(
        names, key=lambda name: (order.index(name) if name in order else len(order), name)
    )


def field_rows(entry: LogEntry) -> list[tuple[str, str, str]]:
    """(label, before, after) per changed field, many-to-many relations aside."""
    model = entry.content_type.model_class()
    rows = []
    for name in shown_fields(entry):
        change = entry.changes_dict[name]
        if _is_m2m(change):
            continue
        field = field_of(model, name)
        before, after = ("***", "***") if name in HIDDEN else change
        label = field_label(model, name)
        rows.append((label, value_shown(field, before), value_shown(field, after)))
    return rows


def relation_rows(entry: LogEntry) -> list[tuple[str, str, list[str]]]:
    """(label, what happened, objects) per changed many-to-many relation."""
    model = entry.content_type.model_class()
    rows = []
    for name in shown_fields(entry):
        change = entry.changes_dict[name]
        if _is_m2m(change):
            operation = M2M_OPERATIONS.get(change.get("operation"), change.get("operation"))
            rows.append((field_label(model, name), str(operation), list(change["objects"])))
    return rows


def value_shown(field: Any, value: object) -> str:
    """A stored value as a person reads it: a dash for nothing, yes/no, a choice's label, the
    related object's name, a date in the interface's format."""
    if value is None or value == EMPTY or value == "":
        return "–"
    text = str(value)
    if field is None:
        return text
    if isinstance(field, models.BooleanField):
        return {"True": gettext("yes"), "False": gettext("no")}.get(text, text)
    if field.choices:
        return str(next((label for key, label in field.flatchoices if str(key) == text), text))
    if field.many_to_one or field.one_to_one:
        return _related(field, text)
    if isinstance(field, models.DateTimeField):
        return _moment(text)
    if isinstance(field, models.DateField):
        return _formatted(datetime.date.fromisoformat, text, "DATE_FORMAT")
    if isinstance(field, models.DecimalField):
        try:
            return formats.localize(Decimal(text))
        except InvalidOperation:
            return text
    return text


def _is_m2m(change: object) -> bool:
    return isinstance(change, dict) and change.get("type") == "m2m"


def _related(field: Any, key: str) -> str:
    try:
        related = field.related_model._default_manager.filter(pk=key).first()
    except (ValueError, ValidationError):
        return key
    return str(related) if related is not None else key


def _moment(text: str) -> str:
    """auditlog stores a moment in UTC without saying so."""
    try:
        moment = datetime.datetime.fromisoformat(text)
    except ValueError:
        return text
    if timezone.is_naive(moment):
        moment = moment.replace(tzinfo=datetime.UTC)
    return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def _formatted(parse: Any, text: str, format_name: str) -> str:
    try:
        return formats.date_format(parse(text), format_name)
    except ValueError:
        return text
