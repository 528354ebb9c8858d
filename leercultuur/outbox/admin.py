"""The outbox in the admin: what was sent, what waits, and what failed, with its reason."""

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from leercultuur.outbox.models import Mail
from leercultuur.outbox.services import mail_resend

_SHOWN = (
    "kind",
    "to",
    "reply_to",
    "subject",
    "status",
    "attempts",
    "last_error",
    "created_at",
    "next_attempt_at",
    "sent_at",
    "message_id",
)


@admin.register(Mail)
class MailAdmin(admin.ModelAdmin):
    """Read only; a failed mail is sent again with the action."""

    list_display = ("created_at", "to", "subject", "status", "error")
    list_filter = ("status", "kind")
    search_fields = ("to", "subject")
    date_hierarchy = "created_at"
    actions = ["resend"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def get_fields(self, request: HttpRequest, obj: Mail | None = None) -> Any:
        # A sign-in or password link is nobody's business but its addressee's.
        return _SHOWN if obj is None or obj.confidential else (*_SHOWN, "body")

    def get_readonly_fields(self, request: HttpRequest, obj: Mail | None = None) -> Any:
        return self.get_fields(request, obj)

    @admin.display(description=_("reason"))
    def error(self, mail: Mail) -> str:
        return Truncator(mail.last_error).chars(80)

    @admin.action(description=_("Send the selected failed e-mails again"))
    def resend(self, request: HttpRequest, queryset: QuerySet[Mail]) -> None:
        resent = sum(mail_resend(mail=mail) for mail in queryset)
        skipped = queryset.count() - resent
        text = ngettext(
            "%(count)d e-mail will be sent again.",
            "%(count)d e-mails will be sent again.",
            resent,
        ) % {"count": resent}
        self.message_user(request, text, messages.SUCCESS)
        if skipped:
            self.message_user(
                request,
                ngettext(
                    "%(count)d e-mail had not failed and was left alone.",
                    "%(count)d e-mails had not failed and were left alone.",
                    skipped,
                )
                % {"count": skipped},
                messages.WARNING,
            )
