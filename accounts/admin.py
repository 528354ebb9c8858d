from typing import Any

from allauth.account.models import EmailAddress, EmailConfirmation
from auditlog.admin import LogEntryAdmin
from auditlog.filters import CIDFilter
from auditlog.filters import ResourceTypeFilter as AuditlogResourceTypeFilter
from auditlog.models import LogEntry
from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import Truncator, capfirst
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts.audit_display import field_label, field_rows, relation_rows, shown_fields
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


class ResourceTypeFilter(AuditlogResourceTypeFilter):
    """By the kind of object, by its name in the interface ("Inschrijving", not
    "enrolment")."""

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[int, str]]:
        types = model_admin.get_queryset(request).values_list("content_type", flat=True)
        named = [(kind.pk, _type_name(kind)) for kind in ContentType.objects.filter(pk__in=types)]
        return sorted(named, key=lambda item: item[1])


def _type_name(kind: ContentType) -> str:
    model = kind.model_class()
    return str(capfirst(model._meta.verbose_name)) if model is not None else kind.model


@admin.register(LogEntry)
class AuditLogEntryAdmin(LogEntryAdmin):
    """django-auditlog's admin, in Dutch where it writes English itself (labels, values,
    kinds of object; see accounts.audit_display), and searching fields our User has (it
    assumes first and last names)."""

    search_fields = ["object_repr", "actor__email", "actor__full_name"]
    list_filter = ["action", ResourceTypeFilter, CIDFilter]

    @admin.display(description=_("Created"))
    def created(self, obj: LogEntry) -> str:
        return date_format(localtime(obj.timestamp), "DATETIME_FORMAT")

    @admin.display(description=_("Changes"))
    def msg_short(self, obj: LogEntry) -> str:
        if obj.action in (LogEntry.Action.DELETE, LogEntry.Action.ACCESS):
            return ""
        model = obj.content_type.model_class()
        names = [field_label(model, name) for name in shown_fields(obj)]
        fields = Truncator(", ".join(names)).chars(75)
        return ngettext(
            "%(count)d change: %(fields)s", "%(count)d changes: %(fields)s", len(names)
        ) % {"count": len(names), "fields": fields}

    @admin.display(description=_("Changes"))
    def msg(self, obj: LogEntry) -> str:
        tables = []
        if fields := field_rows(obj):
            tables.append(_changes_table((_("Field"), _("From"), _("To")), fields))
        if relations := relation_rows(obj):
            rows = [
                (label, operation, format_html_join(mark_safe("<br>"), "{}", ((o,) for o in objs)))
                for label, operation, objs in relations
            ]
            tables.append(_changes_table((_("Relationship"), _("Action"), _("Objects")), rows))
        return format_html_join("", "{}", ((table,) for table in tables)) or str(
            _("No field changes")
        )

    @admin.display(description=_("User"))
    def user_url(self, obj: LogEntry) -> str:
        return super().user_url(obj) if obj.actor else str(_("system"))

    @admin.display(description=_("Correlation ID"))
    def cid_url(self, obj: LogEntry) -> str | None:
        return super().cid_url(obj)


def _changes_table(headers: tuple[Any, ...], rows: list[tuple[Any, ...]]) -> str:
    head = format_html_join("", '<th scope="col">{}</th>', ((h,) for h in ("#", *headers)))
    body = format_html_join(
        "",
        "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
        ((number, *row) for number, row in enumerate(rows, 1)),
    )
    return format_html("<table><thead><tr>{}</tr></thead><tbody>{}</tbody></table>", head, body)
