from typing import Any

from django.contrib import admin
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from networks.models import Experience, LearningNetwork, Meeting, MeetingDocument, Registration
from networks.services import meeting_announce

INVITATIONS_QUEUED = _("The contacts of the member companies will receive an invitation.")


class MeetingInline(admin.TabularInline):
    model = Meeting
    extra = 0
    fields = ("theme", "starts_at", "ends_at", "location", "capacity")
    show_change_link = True


@admin.register(LearningNetwork)
class LearningNetworkAdmin(admin.ModelAdmin):
    list_display = ("name", "edition", "region")
    list_filter = ("edition", "region")
    list_select_related = ("edition", "region")
    search_fields = ("name",)
    filter_horizontal = ("facilitators", "members")
    inlines = [MeetingInline]

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        super().save_formset(request, form, formset, change)
        # Meetings added in the inline: their invitations commit with them.
        new_meetings = [obj for obj in formset.new_objects if isinstance(obj, Meeting)]
        announced = [meeting for meeting in new_meetings if meeting_announce(meeting=meeting)]
        if announced:
            self.message_user(request, INVITATIONS_QUEUED)


class RegistrationInline(admin.TabularInline):
    """Read-only here: registrations change through the services (capacity, waiting list)."""

    model = Registration
    extra = 0
    can_delete = False
    fields = ("person", "enrolment", "person_role", "mbo", "status", "attended", "created_at")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def get_queryset(self, request: HttpRequest) -> QuerySet[Registration]:
        return super().get_queryset(request).select_related("participant", "enrolment__company")

    @admin.display(description=_("name"))
    def person(self, registration: Registration) -> str:
        return registration.person_name

    @admin.display(description=_("role"))
    def person_role(self, registration: Registration) -> str:
        return registration.person_role

    @admin.display(description=_("mbo-educated"), boolean=True)
    def mbo(self, registration: Registration) -> bool:
        return registration.person_is_mbo


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ("theme", "network", "starts_at", "capacity", "registered")
    list_filter = ("network__edition", "network")
    list_select_related = ("network",)
    search_fields = ("theme", "network__name")
    date_hierarchy = "starts_at"
    inlines = [RegistrationInline]
    # Set when the reminders are made; editing it would remind twice or not at all.
    readonly_fields = ("reminded_at",)

    def save_model(self, request: HttpRequest, obj: Meeting, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        if not change and meeting_announce(meeting=obj):
            self.message_user(request, INVITATIONS_QUEUED)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Meeting]:
        registered = Count("registrations", filter=Q(registrations__status="registered"))
        return super().get_queryset(request).annotate(registered_count=registered)

    @admin.display(description=_("registered"), ordering="registered_count")
    def registered(self, meeting: Meeting) -> int:
        return meeting.registered_count  # type: ignore[attr-defined]


class ReadOnlyAdminMixin:
    """Staff read and remove what members shared; they do not write it in their name."""

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Experience)
class ExperienceAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("network", "enrolment", "author", "created_at")
    list_filter = ("network__edition", "network")
    list_select_related = ("network", "enrolment__company", "author")
    search_fields = ("body", "network__name", "enrolment__company__legal_name")
    date_hierarchy = "created_at"


@admin.register(MeetingDocument)
class MeetingDocumentAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("title", "meeting", "uploaded_by", "uploaded_at")
    list_filter = ("meeting__network__edition", "meeting__network")
    list_select_related = ("meeting__network", "uploaded_by")
    search_fields = ("title", "meeting__theme", "meeting__network__name")
