"""Admin actions that call services: one per selected row, refusals shown as messages.

An app may add actions to the admin of an app below it (which must not import it):
``add_actions`` re-registers that model's admin with the actions added.

An action that cannot be undone (issuing, accepting, rejecting, deleting) is marked with
``irreversible``: it first shows what will happen and asks for confirmation
(``confirm_then_apply``), and every admin lists it after the harmless ones
(``HarmlessActionsFirst``), so it is never the choice at hand.
"""

from collections.abc import Callable, Iterable
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME, ActionForm
from django.contrib.admin.options import Action, ActionLocation
from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from leercultuur.widgets import DirectHiddenInput, DirectSelect

# Django's own bulk delete: it already asks for confirmation, and it goes last.
DELETE_SELECTED = "delete_selected"


class QuickActionForm(ActionForm):
    """The change list's action form with widgets written out directly (see above)."""

    action = forms.ChoiceField(label=_("Action:"), widget=DirectSelect)
    select_across = forms.BooleanField(
        label="",
        required=False,
        initial=0,
        widget=DirectHiddenInput({"class": "select-across"}),
    )


class QuickChangeList(admin.ModelAdmin):
    """A change list for many rows: Django's markup for each row's checkbox and for the
    list of actions, written directly. Django renders each through the widget templates,
    a large share of a long list's time."""

    action_form = QuickActionForm

    def action_checkbox(self, obj: Any) -> SafeString:
        label = format_html(gettext("Select this object for an action - {}"), str(obj))
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            ACTION_CHECKBOX_NAME,
            obj.pk,
            label,
        )


def irreversible[F: Callable[..., Any]](action: F) -> F:
    """Mark an admin action that cannot be undone: listed after the harmless ones."""
    action.irreversible = True  # type: ignore[attr-defined]
    return action


def is_irreversible(name: str, action: Callable[..., Any] | None) -> bool:
    return name == DELETE_SELECTED or getattr(action, "irreversible", False)


class HarmlessActionsFirst(admin.ModelAdmin):
    """Orders the action list so that what cannot be undone comes after everything else."""

    def get_actions(
        self, request: HttpRequest, action_location: ActionLocation = ActionLocation.CHANGE_LIST
    ) -> dict[str, Action | None]:
        actions = super().get_actions(request, action_location)
        return dict(sorted(actions.items(), key=_irreversible_last))


def _irreversible_last(item: tuple[str, Action | None]) -> bool:
    name, action = item
    return is_irreversible(name, action.func if action is not None else None)


def with_harmless_actions_first(admin_class: type[admin.ModelAdmin]) -> type[admin.ModelAdmin]:
    """``admin_class`` extended by ``HarmlessActionsFirst`` (unchanged if it has it)."""
    if issubclass(admin_class, HarmlessActionsFirst):
        return admin_class
    attributes = {"__module__": admin_class.__module__, "__doc__": admin_class.__doc__}
    return type(admin_class.__name__, (HarmlessActionsFirst, admin_class), attributes)


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
    explanation: StrOrPromise = "",
    submit_label: StrOrPromise = "",
) -> HttpResponse | None:
    """An action that first asks for values (a coach, a date, a confirmation) on a page
    listing the selected objects as ``describe`` names them (``template`` extends
    admin/action_form.html) and what will happen (``explanation``), then calls ``apply``
    with them for each; ``None`` returns to the changelist."""
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
        "explanation": explanation,
        "submit_label": submit_label,
    }
    return TemplateResponse(request, template, context)


class ConfirmForm(forms.Form):
    """Nothing to fill in: the page says what will happen, and its button confirms."""


def confirm_then_apply(
    modeladmin: admin.ModelAdmin,
    request: HttpRequest,
    queryset: QuerySet[Any],
    *,
    action: str,
    apply: Callable[[Any], object],
    explanation: StrOrPromise,
    done_message: Callable[[int], str] | None = None,
    describe: Callable[[Any], str] = str,
) -> HttpResponse | None:
    """An irreversible action: a page lists the selected objects and says what will happen;
    only its confirm button calls ``apply`` (a service) for each."""
    return ask_then_apply(
        modeladmin,
        request,
        queryset,
        action=action,
        form_class=ConfirmForm,
        apply=lambda obj, _data: apply(obj),
        done_message=done_message,
        describe=describe,
        explanation=explanation,
        submit_label=_("Yes, go ahead"),
    )
