"""Admin actions that call services: one per selected row, refusals shown as messages.

An app may add actions to the admin of an app below it (which must not import it):
``add_actions`` re-registers that model's admin with the actions added.
"""

from collections.abc import Callable, Iterable
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse


def add_actions(model: type[Model], *actions: Callable[..., Any]) -> None:
    """Re-register ``model`` with its current admin class, extended by ``actions``."""
    current = type(admin.site.get_model_admin(model))
    attributes = {"__module__": __name__, "actions": [*(current.actions or []), *actions]}
    extended = type(current.__name__, (current,), attributes)
    admin.site.unregister(model)
    admin.site.register(model, extended)


def apply_each(
    modeladmin: admin.ModelAdmin,
    request: HttpRequest,
    objects: Iterable[Any],
    apply: Callable[[Any], object],
    done_message: Callable[[int], str] | None = None,
) -> int:
    """Call ``apply`` (a service) for each object: each refusal becomes an error message,
    and ``done_message`` says how many went through (if any did)."""
    done = 0
    for obj in objects:
        try:
            apply(obj)
        except ValidationError as error:
            modeladmin.message_user(request, f"{obj}: {' '.join(error.messages)}", messages.ERROR)
        else:
            done += 1
    if done and done_message is not None:
        modeladmin.message_user(request, done_message(done))
    return done


def ask_then_apply(
    modeladmin: admin.ModelAdmin,
    request: HttpRequest,
    queryset: QuerySet[Any],
    *,
    action: str,
    form_class: type[forms.Form],
    apply: Callable[[Any, dict[str, Any]], object],
    done_message: Callable[[int], str] | None = None,
    describe: Callable[[Any], str] = str,
    template: str = "admin/action_form.html",
) -> HttpResponse | None:
    """An action that first asks for values (a coach, a date, a confirmation) on a page
    listing the selected objects as ``describe`` names them (``template`` extends
    admin/action_form.html), then calls ``apply`` with them for each; ``None`` returns to
    the changelist."""
    form = form_class(request.POST if "apply" in request.POST else None)
    if form.is_valid():
        data = form.cleaned_data
        apply_each(modeladmin, request, queryset, lambda obj: apply(obj, data), done_message)
        return None
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": dict(modeladmin.get_action_choices(request)).get(action, action),
        "form": form,
        "action": action,
        "objects": [(obj.pk, describe(obj)) for obj in queryset],
        "opts": modeladmin.model._meta,
        "action_checkbox_name": ACTION_CHECKBOX_NAME,
    }
    return TemplateResponse(request, template, context)
