from django.contrib import admin
from django.http import HttpRequest

from people.models import ActionParticipant, AmbassadorActivity, Participant, PeopleInformed


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


@admin.register(ActionParticipant)
class ActionParticipantAdmin(admin.ModelAdmin):
    """Contacts and coaches record who takes part; staff look it up here."""

    list_display = ("participant", "action", "started_on", "finished_on", "certificate")
    list_filter = ("certificate", "certificate_level")
    list_select_related = ("participant", "action")
    search_fields = ("participant__name", "action__title")
    raw_id_fields = ("participant", "action")

    # Recorded in the portal through the service that checks the rules; looked up here.
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(AmbassadorActivity)
class AmbassadorActivityAdmin(admin.ModelAdmin):
    list_display = ("participant", "kind", "happened_on", "recorded_by")
    list_filter = ("kind",)
    list_select_related = ("participant", "recorded_by")
    search_fields = ("participant__name", "description")
    raw_id_fields = ("participant",)
    readonly_fields = ("recorded_by", "recorded_at")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # recorded in the portal, where only an ambassador's are accepted

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
