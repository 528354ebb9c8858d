from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts.models import User
from accounts.services import person_erase
from leercultuur.admin_actions import ask_then_apply


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
    def erase(self, request: HttpRequest, queryset: QuerySet[User]) -> HttpResponse | None:
        """Ask for confirmation, then erase each person through ``person_erase``."""

        def erase_one(user: User, data: dict[str, Any]) -> None:
            person_erase(user=user, by=request.user)  # type: ignore[arg-type]

        return ask_then_apply(
            self,
            request,
            queryset,
            action="erase",
            form_class=EraseForm,
            apply=erase_one,
            done_message=lambda done: (
                ngettext("%d person erased.", "%d people erased.", done) % done
            ),
            describe=lambda user: (
                f"{user.email} ({user.full_name})" if user.full_name else user.email
            ),
            template="admin/accounts/user/erase_form.html",
        )
