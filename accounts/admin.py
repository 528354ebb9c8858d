from typing import Any

from allauth.account.models import EmailAddress, EmailConfirmation
from auditlog.admin import LogEntryAdmin
from auditlog.models import LogEntry
from auditlog.render import get_field_verbose_name
from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts.models import User
from accounts.services import person_erase
from leercultuur.admin_actions import ask_then_apply, irreversible

# One "Accounts" section: allauth's e-mail addresses (its app is also called "Accounts") are
# shown on the person's own page (read only) instead of in a section of their own.
for allauth_model in (EmailAddress, EmailConfirmation):
    if admin.site.is_registered(allauth_model):
        admin.site.unregister(allauth_model)


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
    readonly_fields = ("public_id", "email_addresses", "date_joined", "last_login", "erased_at")
    actions = ["erase"]
    fieldsets = (
        (None, {"fields": ("email", "email_addresses", "password", "public_id")}),
        (_("Person"), {"fields": ("full_name",)}),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Dates"), {"fields": ("last_login", "date_joined", "erased_at")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)

    @admin.display(description=_("known e-mail addresses"))
    def email_addresses(self, user: User) -> str:
        """The addresses allauth knows for the person (sign-in, verification)."""
        addresses = EmailAddress.objects.filter(user=user).order_by("-primary", "email")
        rows = ((address.email, _address_state(address)) for address in addresses)
        return format_html_join(mark_safe("<br>"), "{} ({})", rows) or "–"

    @irreversible
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


def _address_state(address: EmailAddress) -> str:
    verified = _("verified") if address.verified else _("not verified")
    if address.primary:
        return _("primary, %(verified)s") % {"verified": verified}
    return str(verified)


admin.site.unregister(LogEntry)


@admin.register(LogEntry)
class AuditLogEntryAdmin(LogEntryAdmin):
    """django-auditlog's admin, in Dutch where it writes English itself, and searching
    fields our User has (it assumes first and last names)."""

    search_fields = ["object_repr", "actor__email", "actor__full_name"]

    @admin.display(description=_("Changes"))
    def msg_short(self, obj: LogEntry) -> str:
        if obj.action in (LogEntry.Action.DELETE, LogEntry.Action.ACCESS):
            return ""
        names = [str(get_field_verbose_name(obj, field)) for field in obj.changes_dict]
        fields = Truncator(", ".join(names)).chars(75)
        return ngettext(
            "%(count)d change: %(fields)s", "%(count)d changes: %(fields)s", len(names)
        ) % {"count": len(names), "fields": fields}

    @admin.display(description=_("User"))
    def user_url(self, obj: LogEntry) -> str:
        return super().user_url(obj) if obj.actor else str(_("system"))

    @admin.display(description=_("Correlation ID"))
    def cid_url(self, obj: LogEntry) -> str | None:
        return super().cid_url(obj)
