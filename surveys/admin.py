"""Team surveys in the admin, read-only: staff see which are open and how many answered.

Responses, links and invitations have no admin page: answers are read through the results
(groups from five), and an admin log entry would give a change an exact time.
"""

from django.contrib import admin
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from surveys.models import TeamSurvey


@admin.register(TeamSurvey)
class TeamSurveyAdmin(admin.ModelAdmin):
    list_display = ("enrolment", "kind", "is_open", "opened_on", "closed_on", "response_count")
    list_filter = ("kind", "is_open", "enrolment__edition")
    list_select_related = ("enrolment__company", "enrolment__edition")
    search_fields = ("enrolment__company__legal_name", "enrolment__company__kvk_number")
    fields = ("enrolment", "kind", "instrument_version", "is_open", "opened_on", "closed_on")
    readonly_fields = fields

    def get_queryset(self, request: HttpRequest) -> QuerySet[TeamSurvey]:
        return super().get_queryset(request).annotate(response_total=Count("responses"))

    @admin.display(description=_("responses"), ordering="response_total")
    def response_count(self, survey: TeamSurvey) -> int:
        return survey.response_total  # type: ignore[attr-defined]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
