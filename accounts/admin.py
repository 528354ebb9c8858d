from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts.models import User
from accounts.services import person_erase


class EraseForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I understand that erasing cannot be undone."), required=True
    )


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ("email",)
    list_display = ("email", "full_name", "is_staff", "is_active", "date_joined", "erased_at")
    list_filter = (
        "is_staff",
        "is_superuser",
        "is_active",
        ("erased_at", admin.EmptyFieldListFilter),
    )
    search_fields = ("email", "full_name")
    readonly_fields = ("public_id", "date_joined", "last_login", "erased_at")
    actions = ["erase"]
    fieldsets = (
        (None, {"fields": ("email", "password", "public_id")}),
        (_("Person"), {"fields": ("full_name",)}),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Dates"), {"fields": ("last_login", "date_joined", "erased_at")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)

    @admin.action(description=_("Erase (anonymise) the selected people"), permissions=["change"])
    def erase(self, request: HttpRequest, queryset: QuerySet[User]) -> TemplateResponse | None:
        """Ask for confirmation, then erase each person through ``person_erase``."""
        form = EraseForm(request.POST if "apply" in request.POST else None)
        if not form.is_valid():
            context = {
                **self.admin_site.each_context(request),
                "title": _("Erase personal data"),
                "form": form,
                "people": queryset,
                "opts": self.model._meta,
                "action_checkbox_name": ACTION_CHECKBOX_NAME,
            }
            return TemplateResponse(request, "admin/accounts/user/erase_form.html", context)
        erased = 0
        for user in queryset:
            try:
                person_erase(user=user, by=request.user)  # type: ignore[arg-type]
            except ValidationError as error:
                self.message_user(request, f"{user}: {' '.join(error.messages)}", messages.ERROR)
            else:
                erased += 1
        if erased:
            self.message_user(
                request, ngettext("%d person erased.", "%d people erased.", erased) % erased
            )
        return None
