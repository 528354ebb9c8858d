from django.contrib import admin
from django.http import HttpRequest

from people.models import Participant, PeopleInformed


@admin.register(Participant)
class ParticipantAdmin(admin.ModelAdmin):
    """Contacts and coaches keep the lists in the portal; staff look them up here."""

    list_display = ("name", "company", "group", "education", "is_ambassador", "is_active")
    list_filter = ("group", "education", "is_ambassador", "is_active")
    list_select_related = ("company",)
    search_fields = ("name", "company__legal_name", "company__trade_name")
    raw_id_fields = ("company",)
    readonly_fields = ("erased_at", "created_at", "updated_at")


@admin.register(PeopleInformed)
class PeopleInformedAdmin(admin.ModelAdmin):
    list_display = ("company", "confirmed_by", "confirmed_at")
    list_select_related = ("company", "confirmed_by")
    readonly_fields = ("company", "confirmed_by", "confirmed_at")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # a contact states it in the portal
