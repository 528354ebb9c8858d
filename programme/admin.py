from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from programme.models import TEXT_LABELS, Programme, Question
from programme.selectors import forget


class QuestionInline(admin.StackedInline):
    model = Question
    extra = 0
    fields = ("order", "question_nl", "answer_nl", "question_en", "answer_en")


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    """One record: the programme as this region runs it. Saving it changes the public
    pages, mails and PDFs at once."""

    inlines = [QuestionInline]
    fieldsets = [
        (None, {"fields": ("name", "operator", "funder", "province", "partners")}),
        (
            _("What a company pays and gets"),
            {
                "fields": ("contribution", "coach_hours", "trajectory_months"),
                "description": _("New editions start with these; an edition keeps its own."),
            },
        ),
        (_("Programme office"), {"fields": ("contact_email", "contact_phone", "contact_address")}),
        (_("Look"), {"fields": ("logo", "primary_colour", "accent_colour")}),
        (
            _("Texts of the public pages"),
            {"fields": [f"{key}_{language}" for key in TEXT_LABELS for language in ("nl", "en")]},
        ),
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return not Programme.objects.exists()  # one record only

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False  # every page, mail and PDF reads it

    def save_model(self, request: HttpRequest, obj: Programme, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        forget()
